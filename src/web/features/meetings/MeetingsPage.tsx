import { useState } from 'react';
import { Anchor, Button, Group, SegmentedControl, Table, Text } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMeetings } from './api.ts';
import { useGroup } from '../groups/api.ts';
import { PageHeader } from '../../app/PageHeader.tsx';
import { DownloadCsv } from '../../app/DownloadCsv.tsx';
import { AccessBadge } from '../../app/AccessBadge.tsx';
import { EmptyState, QueryView } from '../../app/states.tsx';
import { localTitle, todayIso } from '../../app/format.ts';
import { MeetingTime } from '../../app/MeetingTime.tsx';
import { MeetingStatusBadge } from './bits.tsx';
import { CreateMeetingDialog } from './dialogs.tsx';
import { IconCalendar, IconPlus } from '../../app/icons.tsx';
import { SeriesDialog } from '../series/SeriesDialog.tsx';
import { describeRule } from '../series/rule.ts';

export default function MeetingsPage() {
  const { wgId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const g = useGroup(wgId);
  const [when, setWhen] = useState<'upcoming' | 'past' | 'all'>('upcoming');
  const today = todayIso();
  const range = when === 'upcoming' ? { from: today } : when === 'past' ? { to: today } : {};
  const q = useMeetings(wgId, range);
  const [open, setOpen] = useState(false);
  const [seriesOpen, setSeriesOpen] = useState(false);
  const canCreate = !!g.data?.abilities.scheduleMeeting;
  return (
    <>
      <PageHeader
        title={t('nav.meetings')}
        subtitle={t('meetings.subtitle')}
        crumbs={[{ label: g.data ? localTitle(g.data.shortName || g.data.name, g.data.nameKo) : '…', to: `/groups/${wgId}` }]}
        actions={
          <Group gap="xs">
            <DownloadCsv path="/meetings/export.csv" filter={{ wgId, ...range }} />
            {canCreate ? (
              <>
                <Button variant="default" leftSection={<IconCalendar size={16} />} onClick={() => setSeriesOpen(true)} data-testid="create-series">
                  {t('series.create')}
                </Button>
                <Button leftSection={<IconPlus size={16} />} onClick={() => setOpen(true)} data-testid="create-meeting">
                  {t('meeting.create')}
                </Button>
              </>
            ) : null}
          </Group>
        }
      />
      {g.data?.cadenceRrule ? (
        <Text size="sm" c="dimmed" mb="sm" data-testid="group-cadence">
          {t('series.cadence', { rule: describeRule(t, i18n.language, g.data.cadenceRrule) })}
          {g.data.cadenceNote ? ` — ${g.data.cadenceNote}` : ''}
        </Text>
      ) : null}
      <Group mb="md">
        <SegmentedControl
          aria-label={t('meetings.when')}
          value={when}
          onChange={(v) => setWhen(v as typeof when)}
          data={[
            { value: 'upcoming', label: t('meetings.upcoming') },
            { value: 'past', label: t('meetings.past') },
            { value: 'all', label: t('meetings.all') },
          ]}
        />
      </Group>
      <QueryView
        query={q}
        empty={(d) =>
          d.items.length === 0 ? (
            <EmptyState title={t('meetings.emptyTitle')} icon={<IconCalendar />} action={canCreate ? <Button onClick={() => setOpen(true)}>{t('meeting.create')}</Button> : undefined}>
              {t(`meetings.empty.${when}`)}
            </EmptyState>
          ) : null
        }
      >
        {(d) => {
          const items = [...d.items].sort((a, b) => (when === 'past' ? b.startsAt.localeCompare(a.startsAt) : a.startsAt.localeCompare(b.startsAt)));
          return (
            <Table.ScrollContainer minWidth={700}>
              <Table striped withTableBorder bg="var(--mantine-color-body)" data-testid="meetings-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('meetings.date')}</Table.Th>
                    <Table.Th scope="col">{t('meetings.meeting')}</Table.Th>
                    <Table.Th scope="col">{t('meeting.level')}</Table.Th>
                    <Table.Th scope="col">{t('meeting.place')}</Table.Th>
                    <Table.Th scope="col">{t('meetings.status')}</Table.Th>
                    <Table.Th scope="col">{t('access.visibility')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((m) => (
                    <Table.Tr key={m.id}>
                      <Table.Td className="nowrap">
                        <MeetingTime iso={m.startsAt} timeZone={m.timezone} />
                      </Table.Td>
                      <Table.Td>
                        <Anchor component={Link} to={`/groups/${wgId}/meetings/${m.id}`} size="sm" fw={600}>
                          {localTitle(m.title, m.titleKo)}
                        </Anchor>
                        {m.besideMeetingId ? (
                          <Text size="xs" c="dimmed">
                            {t('meeting.isConsultation')}
                          </Text>
                        ) : null}
                        {m.seriesId ? (
                          <Anchor component={Link} to={`/groups/${wgId}/series/${m.seriesId}`} size="xs" c="dimmed" display="block">
                            {t('series.seriesBadge')}
                          </Anchor>
                        ) : null}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">
                          {t(`meetingLevel.${m.level}`)} · {t(`meetingFormat.${m.format}`)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{m.place ?? '—'}</Text>
                      </Table.Td>
                      <Table.Td>
                        <MeetingStatusBadge status={m.status} />
                      </Table.Td>
                      <Table.Td>
                        <AccessBadge access={m.access} compact />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          );
        }}
      </QueryView>
      <CreateMeetingDialog opened={open} onClose={() => setOpen(false)} wgId={wgId} />
      <SeriesDialog opened={seriesOpen} onClose={() => setSeriesOpen(false)} wgId={wgId} />
    </>
  );
}
