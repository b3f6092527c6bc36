import { useState, type ReactNode } from 'react';
import { Anchor, Badge, Box, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useTrackName } from '../../app/tracks.ts';
import { BilingualTitle } from '../../app/Bilingual.tsx';
import { AccessBadge } from '../../app/AccessBadge.tsx';
import { EmptyState } from '../../app/states.tsx';
import { formatDate, localTitle } from '../../app/format.ts';
import { useNames } from '../../app/reference.ts';
import { IconChecklist, IconDocument, IconPlus } from '../../app/icons.tsx';
import { useIssues } from '../positions/api.ts';
import { useCommitments } from '../commitments/api.ts';
import { NewCommitmentDialog } from '../commitments/NewCommitmentDialog.tsx';
import { AgendaItemDialog } from './dialogs.tsx';
import type { AgendaItem, Meeting } from '../../../core/api/meetings.ts';
import type { WorkingGroup } from '../../../core/api/working-groups.ts';

function Card({ title, id, children, action }: { title: string; id: string; children: ReactNode; action?: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={id}>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        {action}
      </Group>
      {children}
    </Paper>
  );
}

function AgendaByTrack({ items, wgId, onEdit }: { items: AgendaItem[]; wgId: string; onEdit?: (a: AgendaItem) => void }) {
  const { t } = useTranslation();
  const names = useNames();
  const issues = useIssues(wgId);
  const issue = new Map((issues.data?.items ?? []).map((i) => [i.id, i]));
  const trackName = useTrackName(wgId);
  const groups = new Map<string, AgendaItem[]>();
  for (const a of [...items].sort((x, y) => x.position - y.position)) {
    const k = trackName(a.trackId, a.trackName);
    groups.set(k, [...(groups.get(k) ?? []), a]);
  }
  return (
    <Stack gap="md">
      {[...groups].map(([track, list]) => (
        <Box key={track || 'general'}>
          <Text size="xs" tt="uppercase" fw={700} c="dimmed" mb={4}>
            {track || t('meeting.generalTrack')}
          </Text>
          <Stack gap="xs" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {list.map((a) => {
              const i = a.issueId ? issue.get(a.issueId) : undefined;
              return (
                <Box component="li" key={a.id} pl="sm" style={{ borderLeft: '3px solid var(--mantine-color-concord-2)' }} data-agenda-item={a.id}>
                  <Group justify="space-between" wrap="nowrap" align="flex-start">
                    <Text size="sm" fw={600}>
                      <BilingualTitle en={a.title} ko={a.titleKo} />
                    </Text>
                    {onEdit ? (
                      <Button size="compact-xs" variant="subtle" onClick={() => onEdit(a)} aria-label={`${t('action.edit')}: ${localTitle(a.title, a.titleKo)}`}>
                        {t('action.edit')}
                      </Button>
                    ) : null}
                  </Group>
                  {i || a.leadOrgId ? (
                    <Group gap={6} mt={2}>
                      {i ? (
                        <Badge variant="light" color="gray" size="sm" tt="none" data-testid="agenda-issue">
                          {t('create.agenda.issueBadge', { issue: localTitle(i.title, i.titleKo) })}
                        </Badge>
                      ) : null}
                      {a.leadOrgId ? (
                        <Badge variant="outline" color="concord" size="sm" tt="none" data-testid="agenda-lead">
                          {t('create.agenda.leadBadge', { org: names.orgShort(a.leadOrgId) })}
                        </Badge>
                      ) : null}
                    </Group>
                  ) : null}
                  {a.notes ? (
                    <Text size="sm" c="dimmed">
                      {a.notes}
                    </Text>
                  ) : null}
                  {a.outcome ? (
                    <Text size="sm" mt={2}>
                      <Text span fw={600}>
                        {t('meeting.itemOutcome')}:{' '}
                      </Text>
                      {a.outcome}
                    </Text>
                  ) : null}
                </Box>
              );
            })}
          </Stack>
        </Box>
      ))}
    </Stack>
  );
}

/** The meeting's agenda by track, each item with its issue and lead organisation; add and edit for those who run the meeting. */
export function AgendaCard({ m, group, onReload }: { m: Meeting; group: WorkingGroup | undefined; onReload: () => void }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<AgendaItem | 'new' | null>(null);
  const can = m.abilities.manageAgenda;
  return (
    <Card
      id="agenda"
      title={t('meeting.agenda')}
      action={
        can ? (
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setEditing('new')} data-testid="add-agenda">
            {t('meeting.addAgenda')}
          </Button>
        ) : null
      }
    >
      {m.agenda.length ? (
        <AgendaByTrack items={m.agenda} wgId={m.wgId} onEdit={can ? setEditing : undefined} />
      ) : (
        <EmptyState title={t('meeting.noAgendaTitle')} icon={<IconDocument />}>
          {t('meeting.noAgendaBody')}
        </EmptyState>
      )}
      <AgendaItemDialog opened={!!editing} onClose={() => setEditing(null)} meeting={m} group={group} item={editing && editing !== 'new' ? editing : undefined} onReload={onReload} />
    </Card>
  );
}

/** The commitments made at this meeting, and "record a commitment" for those who record them. */
export function MeetingCommitmentsCard({ m, group }: { m: Meeting; group: WorkingGroup | undefined }) {
  const { t } = useTranslation();
  const names = useNames();
  const [adding, setAdding] = useState(false);
  const q = useCommitments(m.wgId);
  const items = (q.data?.items ?? []).filter((c) => c.meetingId === m.id);
  const can = !!group?.abilities.createCommitment;
  if (!items.length && !can) return null;
  return (
    <Card
      id="meeting-commitments"
      title={t('create.commitment.fromMeetingTitle')}
      action={
        can ? (
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setAdding(true)} data-testid="commit-from-meeting">
            {t('create.commitment.open')}
          </Button>
        ) : null
      }
    >
      {items.length ? (
        <Stack gap="xs" data-testid="meeting-commitments">
          {items.map((c) => (
            <Group key={c.id} justify="space-between" wrap="nowrap" align="flex-start" data-commitment={c.id}>
              <Box>
                <Anchor component={Link} to={`/groups/${m.wgId}/commitments`} size="sm" fw={600}>
                  {localTitle(c.title, c.titleKo)}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {[
                    c.responsibleOrgId ? names.org(c.responsibleOrgId) : c.responsiblePartyId ? names.party(c.responsiblePartyId) : t('commitments.bothParties'),
                    c.dueOn ? t('create.commitment.due', { date: formatDate(c.dueOn) }) : null,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </Text>
              </Box>
              <AccessBadge access={c.access} compact />
            </Group>
          ))}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          <IconChecklist size={13} /> {t('create.commitment.noneFromMeeting')}
        </Text>
      )}
      {group ? <NewCommitmentDialog opened={adding} onClose={() => setAdding(false)} group={group} source={{ meetingId: m.id, label: localTitle(m.title, m.titleKo) }} /> : null}
    </Card>
  );
}
