import { useState } from 'react';
import { Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMyGroups, useProposals } from './api.ts';
import { NewGroupDialog } from './NewGroupDialog.tsx';
import { ProposalCard } from './ProposalCard.tsx';
import { useSession } from '../../app/session.tsx';
import { useNames } from '../../app/reference.ts';
import { PageHeader } from '../../app/PageHeader.tsx';
import { EmptyState, QueryView } from '../../app/states.tsx';
import { formatDate, localTitle } from '../../app/format.ts';
import { BilingualTitle } from '../../app/Bilingual.tsx';
import { IconUsers } from '../../app/icons.tsx';
import type { WorkingGroup, WorkingGroupSummary } from '../../../core/api/working-groups.ts';

const STATUS_COLOR: Record<string, string> = { proposed: 'blue', established: 'green', termination_agreed: 'orange', ended: 'gray', declined: 'red' };

/** Proposals (of groups I may see, or inviting my party) that wait for my party's answer, which I may give. */
function AwaitingMe() {
  const { t } = useTranslation();
  const q = useProposals();
  const mine = (q.data?.items ?? []).filter((p) => p.status === 'open' && (p.abilities.approve || p.abilities.decline));
  if (!mine.length) return null;
  return (
    <Stack gap="sm" mb="lg" data-testid="proposals-awaiting">
      <Title order={2} size="h4">
        {t('groupAdmin.awaitingTitle')}
      </Title>
      {mine.map((p) => (
        <ProposalCard key={p.id} p={p} showGroupLink />
      ))}
    </Stack>
  );
}

function GroupCard({ g }: { g: WorkingGroup | WorkingGroupSummary }) {
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
                {t([`wgStatus.${g.status}`, `groupAdmin.wgStatus.${g.status}`], { defaultValue: g.status })}
              </Badge>
            ) : null}
          </Group>
          {'mandate' in g && g.mandate ? (
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
  const q = useMyGroups();
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader
        title={t('groups.title')}
        subtitle={t('groups.subtitle')}
        actions={
          q.data?.abilities.create ? (
            <Button onClick={() => setCreating(true)} data-testid="new-group">
              {t('groupAdmin.newGroup')}
            </Button>
          ) : null
        }
      />
      <NewGroupDialog opened={creating} onClose={() => setCreating(false)} />
      <AwaitingMe />
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
