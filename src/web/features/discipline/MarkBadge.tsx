import { Badge } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Mark } from './api.ts';

/** "Contradiction" / "Nuance" on a statement, linking to the finding in the discipline view. */
export function MarkBadge({ mark }: { mark: Mark | undefined }) {
  const { t } = useTranslation();
  if (!mark) return null;
  return (
    <Badge
      component={Link}
      to={mark.href}
      color={mark.grade === 'contradiction' ? 'red' : 'orange'}
      variant="light"
      size="sm"
      tt="none"
      style={{ cursor: 'pointer' }}
      data-testid="discipline-mark"
      data-grade={mark.grade}
      aria-label={t('discipline.markLabel', { grade: t(`discipline.grade.${mark.grade}`) })}
    >
      {t(`discipline.grade.${mark.grade}`)}
    </Badge>
  );
}
