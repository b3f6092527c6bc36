import { Badge, Card, Group, SimpleGrid, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useGroups } from './api.ts';
import { useSession } from '../../app/session.tsx';
import { useNames } from '../../app/reference.ts';
import { PageHeader } from '../../app/PageHeader.tsx';
import { EmptyState, QueryView } from '../../app/states.tsx';
import { formatDate, localTitle } from '../../app/format.ts';
import { BilingualTitle } from '../../app/Bilingual.tsx';
import { IconUsers } from '../../app/icons.tsx';
import type { WorkingGroup } from '../../../core/api/working-groups.ts';

const STATUS_COLOR: Record<string, string> = { established: 'green', termination_agreed: 'orange', ended: 'gray' };

function GroupCard({ g }: { g: WorkingGroup }) {
  const { t } = useTranslation();
  const names = useNames();
  const role = useSession().data?.user.roles[g.id] ?? g.myRole ?? undefined;
  const parties = (g.parties ?? []).map((p) => (typeof p === 'string' ? names.partyCode(p) : p.code));
  return (
    <UnstyledButton component={Link} to={`/groups/${g.id}`} data-testid={`group-${g.id}`}>
      <Card withBorder radius="md" padding="lg" h="100%" style={{ cursor: 'pointer' }}>
        <Stack gap="sm">
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <Title order={2} size="h4">
              <BilingualTitle en={g.name} ko={g.nameKo} />
            </Title>
            {g.status ? (
              <Badge color={STATUS_COLOR[g.status] ?? 'gray'} variant="light">
                {t(`wgStatus.${g.status}`, { defaultValue: g.status })}
              </Badge>
            ) : null}
          </Group>
          {g.mandate ? (
            <Text size="sm" c="dimmed" lineClamp={3}>
              {localTitle(g.mandate, g.mandateKo)}
            </Text>
          ) : null}
          <Group gap="xs">
            {g.kind ? (
              <Badge variant="outline" color="gray">
                {t(`wgKind.${g.kind}`, { defaultValue: g.kind })}
              </Badge>
            ) : null}
            {parties.length ? (
              <Badge variant="outline" color="gray">
                {parties.join(' · ')}
              </Badge>
            ) : null}
            {role ? <Badge variant="light">{t(`role.${role}`, { defaultValue: role })}</Badge> : null}
          </Group>
          {g.establishedOn ? (
            <Text size="xs" c="dimmed">
              {t('groups.established', { date: formatDate(g.establishedOn) })}
              {g.endedOn ? ` · ${t('groups.ended', { date: formatDate(g.endedOn) })}` : ''}
            </Text>
          ) : null}
        </Stack>
      </Card>
    </UnstyledButton>
  );
}

export default function GroupsPage() {
  const { t } = useTranslation();
  const q = useGroups();
  return (
    <>
      <PageHeader title={t('groups.title')} subtitle={t('groups.subtitle')} />
      <QueryView
        query={q}
        rows={6}
        empty={(d) =>
          d.items.length === 0 ? (
            <EmptyState title={t('groups.emptyTitle')} icon={<IconUsers />}>
              {t('groups.emptyBody')}
            </EmptyState>
          ) : null
        }
      >
        {(d) => (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            {d.items.map((g) => (
              <GroupCard key={g.id} g={g} />
            ))}
          </SimpleGrid>
        )}
      </QueryView>
    </>
  );
}
