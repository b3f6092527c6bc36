import { useState } from 'react';
import { Alert, Anchor, Badge, Box, Button, Grid, Group, Menu, Paper, Stack, Table, Text, Title, TypographyStylesProvider } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMeeting } from './api.ts';
import { useGroup } from '../groups/api.ts';
import { useUser } from '../../app/session.tsx';
import { useNames } from '../../app/reference.ts';
import { PageHeader } from '../../app/PageHeader.tsx';
import { AccessBadge } from '../../app/AccessBadge.tsx';
import { Bilingual, BilingualTitle } from '../../app/Bilingual.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../app/states.tsx';
import { formatDateTime, localTitle } from '../../app/format.ts';
import { AttendanceBadge, MeetingStatusBadge } from './bits.tsx';
import { AgendaCard, MeetingCommitmentsCard } from './agenda.tsx';
import { CancelDialog, CreateMeetingDialog, HoldDialog, MinutesDialog, PostponeDialog, RespondDialog } from './dialogs.tsx';
import { IconPlus, IconUsers, IconLink, IconBook } from '../../app/icons.tsx';
import { NotesCard } from '../notes/NotesCard.tsx';
import { MeetingTime } from '../../app/MeetingTime.tsx';
import { SeriesLink } from '../series/SeriesLink.tsx';
import type { Meeting } from '../../../core/api/meetings.ts';

type Dialog = null | 'postpone' | 'cancel' | 'hold' | 'respond' | 'minutes' | 'consultation';

function Card({ title, id, children, action }: { title: string; id: string; children: React.ReactNode; action?: React.ReactNode }) {
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

function AttendanceTable({ m, onRespond }: { m: Meeting; onRespond?: (orgId: string) => void }) {
  const { t } = useTranslation();
  const names = useNames();
  return (
    <Table.ScrollContainer minWidth={620}>
      <Table data-testid="attendance-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('meeting.organisation')}</Table.Th>
            <Table.Th scope="col">{t('meeting.party')}</Table.Th>
            <Table.Th scope="col">{t('meeting.reply')}</Table.Th>
            <Table.Th scope="col" w="50%">
              {t('meeting.reasonCol')}
            </Table.Th>
            <Table.Th scope="col">
              <span className="sr-only">{t('meeting.actions')}</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {m.attendance.map((a) => (
            <Table.Tr key={a.id} data-org={a.organisationId}>
              <Table.Td fw={500}>{names.org(a.organisationId, a.organisationName)}</Table.Td>
              <Table.Td>{names.partyCode(a.partyId)}</Table.Td>
              <Table.Td>
                <AttendanceBadge status={a.status} />
                {a.respondedAt ? (
                  <Text size="xs" c="dimmed">
                    {formatDateTime(a.respondedAt)}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>
                <Text size="sm" data-testid="decline-reason">
                  {a.reason ?? ''}
                </Text>
              </Table.Td>
              <Table.Td>
                {onRespond && a.abilities.reply ? (
                  <Button size="compact-xs" variant="subtle" onClick={() => onRespond(a.organisationId)}>
                    {t('meeting.changeReply')}
                  </Button>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export default function MeetingPage() {
  const { wgId = '', meetingId } = useParams();
  const { t } = useTranslation();
  const q = useMeeting(meetingId);
  const g = useGroup(wgId);
  const user = useUser();
  const names = useNames();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [respondOrg, setRespondOrg] = useState<string | null>(null);
  const close = () => setDialog(null);
  const crumbs = [
    { label: g.data ? localTitle(g.data.shortName || g.data.name, g.data.nameKo) : t('nav.workingGroup'), to: `/groups/${wgId}` },
    { label: t('nav.meetings'), to: `/groups/${wgId}/meetings` },
  ];
  if (q.isPending)
    return (
      <>
        <PageHeader title={t('meeting.loading')} crumbs={crumbs} />
        <LoadingState rows={8} />
      </>
    );
  if (q.error)
    return (
      <>
        <PageHeader title={t('nav.meetings')} crumbs={crumbs} />
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      </>
    );
  const m = q.data;
  const ab = m.abilities;
  const reload = () => void q.refetch();
  const myOrg = user?.organisationId ?? '';
  const myReply = m.attendance.find((a) => a.organisationId === myOrg);
  const respondFor = respondOrg ?? myOrg;
  const respondCurrent = m.attendance.find((a) => a.organisationId === respondFor);
  const declines = m.attendance.filter((a) => a.status === 'declined');

  return (
    <>
      <PageHeader
        crumbs={crumbs}
        title={<BilingualTitle en={m.title} ko={m.titleKo} />}
        badges={<MeetingStatusBadge status={m.status} />}
        subtitle={
          <>
            <MeetingTime iso={m.startsAt} timeZone={m.timezone} /> · {t(`meetingLevel.${m.level}`)} · {t(`meetingFormat.${m.format}`)}
            {m.place ? ` · ${m.place}` : ''}
          </>
        }
        actions={
          <>
            <Button component={Link} to={`/groups/${wgId}/meetings/${m.id}/briefing`} variant="default" leftSection={<IconBook size={16} />} data-testid="briefing-link">
              {t('briefing.link')}
            </Button>
            {ab.respond ? (
              <Button
                variant={myReply?.status === 'declined' ? 'light' : 'filled'}
                onClick={() => {
                  setRespondOrg(myOrg);
                  setDialog('respond');
                }}
                data-testid="respond"
              >
                {myReply && myReply.status !== 'invited' ? t('meeting.changeOurReply') : t('meeting.replyForUs', { org: names.orgShort(myOrg) })}
              </Button>
            ) : null}
            {ab.postpone || ab.cancel || ab.markHeld || ab.update || ab.addConsultation ? (
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <Button variant="default">{t('meeting.more')}</Button>
                </Menu.Target>
                <Menu.Dropdown>
                  {ab.update ? <Menu.Item onClick={() => setDialog('minutes')}>{t('meeting.editRecord')}</Menu.Item> : null}
                  {ab.markHeld ? <Menu.Item onClick={() => setDialog('hold')}>{t('meeting.markHeld')}</Menu.Item> : null}
                  {ab.addConsultation ? <Menu.Item onClick={() => setDialog('consultation')}>{t('meeting.addConsultation')}</Menu.Item> : null}
                  {ab.postpone ? <Menu.Item onClick={() => setDialog('postpone')}>{t('meeting.postpone')}</Menu.Item> : null}
                  {ab.cancel ? (
                    <Menu.Item color="red" onClick={() => setDialog('cancel')}>
                      {t('meeting.cancelMeeting')}
                    </Menu.Item>
                  ) : null}
                </Menu.Dropdown>
              </Menu>
            ) : null}
          </>
        }
      />
      <Stack gap="md">
        <Group gap="xs">
          <AccessBadge access={m.access} />
          {m.besideMeetingId ? (
            <Badge variant="outline" color="grape">
              {t('meeting.isConsultation')}
            </Badge>
          ) : null}
          {m.seriesId ? <SeriesLink wgId={wgId} seriesId={m.seriesId} /> : null}
          {m.leads.length ? (
            <Text size="sm" c="dimmed">
              {t('meeting.leads')}: {m.leads.map((l) => names.person(l.personId, l.name)).join(', ')}
            </Text>
          ) : null}
        </Group>
        {m.status === 'postponed' || m.status === 'cancelled' ? (
          <Alert color={m.status === 'cancelled' ? 'red' : 'orange'} variant="light" title={t(`meetingStatus.${m.status}`)}>
            {m.statusReason}
            {m.postponedTo ? (
              <Text size="sm" mt={4}>
                {t('meeting.newDate', { date: formatDateTime(m.postponedTo, m.timezone) })}
              </Text>
            ) : null}
          </Alert>
        ) : null}
        {declines.length ? (
          <Alert color="red" variant="light" title={t('meeting.declinedBy', { count: declines.length })} data-testid="declines">
            <Stack gap={4}>
              {declines.map((d) => (
                <Text size="sm" key={d.id}>
                  <b>{names.org(d.organisationId, d.organisationName)}</b>: {d.reason}
                </Text>
              ))}
            </Stack>
          </Alert>
        ) : null}
        {m.besideMeetingId ? (
          <Anchor component={Link} to={`/groups/${wgId}/meetings/${m.besideMeetingId}`} size="sm">
            ← {t('meeting.mainMeeting')}
          </Anchor>
        ) : null}
        <Box>
          <Card id="attendance" title={t('meeting.attendance')}>
            {m.attendance.length ? (
              <AttendanceTable
                m={m}
                onRespond={
                  ab.respond || ab.manageAttendance
                    ? (org) => {
                        setRespondOrg(org);
                        setDialog('respond');
                      }
                    : undefined
                }
              />
            ) : (
              <EmptyState title={t('meeting.noAttendanceTitle')} icon={<IconUsers />}>
                {t('meeting.noAttendanceBody')}
              </EmptyState>
            )}
          </Card>
        </Box>
        <Grid gutter="md">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Stack gap="md">
              <AgendaCard m={m} group={g.data} onReload={reload} />
              <Card id="outcomes" title={t('meeting.outcomes')}>
                {m.outcome || m.outcomeKo ? (
                  <Bilingual en={m.outcome} ko={m.outcomeKo} />
                ) : (
                  <Text size="sm" c="dimmed">
                    {m.status === 'held' ? t('meeting.noOutcomeHeld') : t('meeting.noOutcomeYet')}
                  </Text>
                )}
              </Card>
              <Card
                id="minutes"
                title={t('meeting.minutes')}
                action={
                  ab.update ? (
                    <Button size="xs" variant="subtle" onClick={() => setDialog('minutes')}>
                      {t('action.edit')}
                    </Button>
                  ) : null
                }
              >
                {m.minutes ? (
                  <TypographyStylesProvider>
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                      {m.minutes}
                    </Text>
                  </TypographyStylesProvider>
                ) : (
                  <Text size="sm" c="dimmed">
                    {t('meeting.noMinutes')}
                  </Text>
                )}
              </Card>
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Stack gap="md">
              <Card
                id="consultations"
                title={t('meeting.consultations')}
                action={
                  ab.addConsultation && !m.besideMeetingId ? (
                    <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setDialog('consultation')}>
                      {t('action.add')}
                    </Button>
                  ) : null
                }
              >
                {m.consultations.length ? (
                  <Stack gap="xs">
                    {m.consultations.map((c) => (
                      <Group key={c.id} justify="space-between" wrap="nowrap">
                        <Box>
                          <Anchor component={Link} to={`/groups/${wgId}/meetings/${c.id}`} size="sm" fw={600}>
                            <IconLink size={13} /> {localTitle(c.title, c.titleKo)}
                          </Anchor>
                          <Text size="xs" c="dimmed" component="div">
                            <MeetingTime iso={c.startsAt} timeZone={c.timezone} size="xs" />
                            {c.place ? ` · ${c.place}` : ''}
                          </Text>
                        </Box>
                        <AccessBadge access={c.access} compact />
                      </Group>
                    ))}
                  </Stack>
                ) : (
                  <Text size="sm" c="dimmed">
                    {t('meeting.noConsultations')}
                  </Text>
                )}
              </Card>
              <MeetingCommitmentsCard m={m} group={g.data} />
              <NotesCard entityType="meeting" entityId={m.id} canAdd={!!g.data?.abilities.addNote} />
            </Stack>
          </Grid.Col>
        </Grid>
      </Stack>
      <PostponeDialog opened={dialog === 'postpone'} onClose={close} meeting={m} onReload={reload} />
      <CancelDialog opened={dialog === 'cancel'} onClose={close} meeting={m} onReload={reload} />
      <HoldDialog opened={dialog === 'hold'} onClose={close} meeting={m} onReload={reload} />
      <MinutesDialog opened={dialog === 'minutes'} onClose={close} meeting={m} onReload={reload} />
      <CreateMeetingDialog opened={dialog === 'consultation'} onClose={close} wgId={wgId} beside={m} />
      <RespondDialog
        opened={dialog === 'respond'}
        onClose={close}
        meeting={m}
        organisationId={respondFor}
        organisationName={names.org(respondFor, respondCurrent?.organisationName)}
        current={respondCurrent}
        onReload={reload}
      />
    </>
  );
}
