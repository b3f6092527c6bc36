import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Stance } from '../../../core/vocabulary.ts';

export const STANCE_COLOR: Record<Stance | 'none', string> = {
  strongly_oppose: 'red',
  oppose: 'orange',
  neutral: 'gray',
  support: 'teal',
  strongly_support: 'green',
  none: 'gray',
};

export function StanceBadge({ stance, size = 'sm' }: { stance: Stance | null; size?: string }) {
  const { t } = useTranslation();
  const k = stance ?? 'none';
  return (
    <Badge color={STANCE_COLOR[k]} variant={stance === null ? 'outline' : 'light'} size={size} data-stance={k} style={{ overflow: 'visible' }} styles={{ label: { overflow: 'visible' } }}>
      {t(`stance.${k}`)}
    </Badge>
  );
}
