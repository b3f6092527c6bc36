import { Badge, Group, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Access } from '../../core/api/common.ts';
import { IconLock } from './icons.tsx';

const CLASS_COLOR: Record<string, string> = { unclassified: 'gray', restricted: 'teal', confidential: 'orange', secret: 'red' };

/** Who may see a record and its marking, as the server reports it. */
export function AccessBadge({ access, compact }: { access: Access | undefined; compact?: boolean }) {
  const { t } = useTranslation();
  if (!access) return null;
  const internal = access.scope === 'organisation' || access.scope === 'party';
  return (
    <Group gap={4} wrap="nowrap">
      <Tooltip label={t(`scopeHelp.${access.scope}`)}>
        <Badge size="sm" variant={internal ? 'outline' : 'light'} color={internal ? 'grape' : 'gray'} leftSection={internal ? <IconLock size={11} /> : undefined} data-scope={access.scope}>
          {t(`scope.${access.scope}`)}
        </Badge>
      </Tooltip>
      {!compact || access.classification !== 'unclassified' ? (
        <Badge size="sm" variant="light" color={CLASS_COLOR[access.classification] ?? 'gray'}>
          {t(`classification.${access.classification}`)}
        </Badge>
      ) : null}
    </Group>
  );
}
