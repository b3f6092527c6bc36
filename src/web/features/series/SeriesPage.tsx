import { useState } from 'react';
import { Anchor, Badge, Button, Group, Modal, NumberInput, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useGroup } from '../groups/api.ts';
import { PageHeader } from '../../app/PageHeader.tsx';
import { DateField } from '../../app/DateField.tsx';
import { AccessBadge } from '../../app/AccessBadge.tsx';
import { BilingualTitle } from '../../app/Bilingual.tsx';
import { ErrorState, LoadingState, errorMessage } from '../../app/states.tsx';
import { FormError } from '../../app/FormError.tsx';
import { MeetingTime } from '../../app/MeetingTime.tsx';
import { formatDate, formatDateTime, localTitle } from '../../app/format.ts';
import { isoToZonedLocal, useFormState, useResetOnOpen, zonedToIso } from '../../app/form.ts';
import { MeetingStatusBadge } from '../meetings/bits.tsx';
import { useOccurrenceAction, useSeries, useUpdateSeries } from './api.ts';
import { MAX_OCCURRENCES } from '../../../core/series.ts';
import { repeatsText } from './rule.ts';
import type { Occurrence, Series } from '../../../core/api/series.ts';

/** What a series' header says: the rule in words, its end, and its time at the venue. */
export function seriesSummary(t: ReturnType<typeof useTranslation>['t'], lang: string, s: Series): string {
  const end = s.count !== null ? t('series.endsCount', { count: s.count }) : t('series.endsUntil', { date: formatDate(s.until) });
  const time = new Intl.DateTimeFormat(lang === 'ko' ? 'ko-KR' : 'en-GB', { timeZone: s.timezone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(s.startsAt));
  return t('series.summary', { rule: repeatsText(t, lang, s), end, time, minutes: s.durationMinutes });
}

function MoveDialog({ series, occurrence, onClose }: { series: Series; occurrence: Occurrence | null; onClose: () => void }) {
  const { t } = useTranslation();
  const a = useOccurrenceAction(series.id);
  const f = useFormState({ start: '', reason: '' });
  useResetOnOpen(!!occurrence, () => {
    f.reset();
    if (occurrence) f.set('start', isoToZonedLocal(occurrence.startsAt, series.timezone));
    a.move.reset();
  });
  const submit = () => {
    if (!occurrence || !f.validate({ start: (v) => !v.start && t('form.required') })) return;
    a.move.mutate(
      { meetingId: occurrence.meetingId, version: occurrence.version, startsAt: zonedToIso(f.values.start, series.timezone), reason: f.values.reason.trim() },
      { onSuccess: onClose, onError: (e) => f.fromServer(e, errorMessage(t, e)) },
    );
  };
  return (
    <Modal opened={!!occurrence} onClose={onClose} title={t('series.moveTitle')}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('series.moveHelp')}
          </Text>
          <FormError error={a.move.error} message={a.move.error ? undefined : f.errors._form} />
          <TextInput type="datetime-local" label={t('series.newStart', { tz: series.timezone })} required {...f.field('start')} name="start" data-autofocus />
          <Textarea label={t('series.reason')} autosize minRows={2} {...f.field('reason')} name="reason" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('action.cancel')}
            </Button>
            <Button type="submit" loading={a.move.isPending} data-testid="move-submit">
              {t('series.move')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function CancelOccurrenceDialog({ series, occurrence, onClose }: { series: Series; occurrence: Occurrence | null; onClose: () => void }) {
  const { t } = useTranslation();
  const a = useOccurrenceAction(series.id);
  const f = useFormState({ reason: '' });
  useResetOnOpen(!!occurrence, () => {
    f.reset();
    a.cancel.reset();
  });
  const submit = () => {
    if (!occurrence || !f.validate({ reason: (v) => !v.reason.trim() && t('form.reasonRequired') })) return;
    a.cancel.mutate({ meetingId: occurrence.meetingId, version: occurrence.version, reason: f.values.reason.trim() }, { onSuccess: onClose, onError: (e) => f.fromServer(e, errorMessage(t, e)) });
  };
  return (
    <Modal opened={!!occurrence} onClose={onClose} title={t('series.cancelTitle')}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <Text size="sm">{t('series.cancelHelp')}</Text>
          <FormError error={a.cancel.error} message={a.cancel.error ? undefined : f.errors._form} />
          <Textarea label={t('series.cancelReason')} required autosize minRows={2} {...f.field('reason')} name="reason" data-autofocus />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('series.keep')}
            </Button>
            <Button type="submit" color="red" loading={a.cancel.isPending} data-testid="cancel-submit">
              {t('series.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Change a series: its titles, place, length and end (the rule and first start stay; a new rule is a new series). */
function EditSeriesDialog({ series, opened, onClose }: { series: Series; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateSeries(series.id);
  const f = useFormState({
    title: series.title,
    titleKo: series.titleKo ?? '',
    place: series.place ?? '',
    durationMinutes: series.durationMinutes as number | string,
    ends: (series.count !== null ? 'count' : 'until') as 'count' | 'until',
    count: (series.count ?? series.occurrences.length) as number | string,
    until: series.until ?? '',
  });
  useResetOnOpen(opened, () => {
    f.reset();
    update.reset();
  });
  const v = f.values;
  const submit = () => {
    const ok = f.validate({
      title: (x) => !x.title.trim() && t('form.required'),
      count: (x) => x.ends === 'count' && !(Number(x.count) >= 1) && t('form.required'),
      until: (x) => x.ends === 'until' && !x.until && t('form.required'),
    });
    if (!ok) return;
    update.mutate(
      {
        version: series.version,
        body: {
          title: v.title.trim(),
          titleKo: v.titleKo.trim() || null,
          place: v.place.trim() || null,
          durationMinutes: Number(v.durationMinutes) || series.durationMinutes,
          count: v.ends === 'count' ? Number(v.count) : null,
          until: v.ends === 'until' ? v.until : null,
        },
      },
      { onSuccess: onClose, onError: (e) => f.fromServer(e, errorMessage(t, e)) },
    );
  };
  return (
    <Modal opened={opened} onClose={onClose} size="lg" title={t('series.editTitle')}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('series.editHelp')}
          </Text>
          <FormError error={update.error} message={update.error ? undefined : f.errors._form} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('meeting.titleEn')} required {...f.field('title')} name="title" data-autofocus />
            <TextInput label={t('meeting.titleKo')} lang="ko" {...f.field('titleKo')} name="titleKo" />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('meeting.place')} {...f.field('place')} name="place" />
            <NumberInput label={t('series.duration')} min={5} max={1440} step={15} allowDecimal={false} {...f.field('durationMinutes')} name="durationMinutes" />
          </SimpleGrid>
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('series.ends')}
            </Text>
            <SegmentedControl
              value={v.ends}
              onChange={(x) => f.set('ends', x as 'count' | 'until')}
              data={[
                { value: 'count', label: t('series.endsAfter') },
                { value: 'until', label: t('series.endsOn') },
              ]}
            />
            {v.ends === 'count' ? (
              <NumberInput label={t('series.count')} min={1} max={MAX_OCCURRENCES} allowDecimal={false} {...f.field('count')} name="count" />
            ) : (
              <DateField label={t('series.until')} {...f.field('until')} name="until" />
            )}
          </Stack>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('action.cancel')}
            </Button>
            <Button type="submit" loading={update.isPending} data-testid="edit-series-submit">
              {t('series.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** One meeting series: its rule in words, and every occurrence with its time at the venue and the reader's, moved or cancelled one by one. */
export default function SeriesPage() {
  const { wgId = '', seriesId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const g = useGroup(wgId);
  const q = useSeries(seriesId);
  const [moving, setMoving] = useState<Occurrence | null>(null);
  const [cancelling, setCancelling] = useState<Occurrence | null>(null);
  const [editing, setEditing] = useState(false);
  const crumbs = [
    { label: g.data ? localTitle(g.data.shortName || g.data.name, g.data.nameKo) : '…', to: `/groups/${wgId}` },
    { label: t('nav.meetings'), to: `/groups/${wgId}/meetings` },
  ];
  if (q.isPending) return <LoadingState label={t('series.loading')} />;
  if (q.error || !q.data) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const s = q.data;
  return (
    <>
      <PageHeader
        crumbs={crumbs}
        title={<BilingualTitle en={s.title} ko={s.titleKo} />}
        badges={<Badge variant="light">{t('series.seriesBadge')}</Badge>}
        subtitle={t('series.pageSubtitle')}
        actions={
          s.abilities.update ? (
            <Button variant="default" onClick={() => setEditing(true)} data-testid="edit-series">
              {t('series.edit')}
            </Button>
          ) : null
        }
      />
      <Stack gap="md">
        <Group gap="xs">
          <AccessBadge access={s.access} />
          <Text size="sm" data-testid="series-summary">
            {seriesSummary(t, i18n.language, s)}
            {s.place ? ` · ${s.place}` : ''}
          </Text>
        </Group>
        <Paper withBorder radius="md" p="md" component="section" aria-labelledby="occurrences">
          <Title order={2} size="h4" id="occurrences" mb="sm">
            {t('series.occurrences')}
          </Title>
          <Table.ScrollContainer minWidth={640}>
            <Table striped data-testid="occurrences-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('series.when')}</Table.Th>
                  <Table.Th scope="col">{t('series.occurrence')}</Table.Th>
                  <Table.Th scope="col">{t('series.status')}</Table.Th>
                  <Table.Th scope="col">
                    <span className="sr-only">{t('meeting.actions')}</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {s.occurrences.map((o) => {
                  const open = o.status === 'planned' || o.status === 'postponed';
                  return (
                    <Table.Tr key={o.meetingId} data-testid="occurrence">
                      <Table.Td>
                        <MeetingTime iso={o.startsAt} timeZone={s.timezone} />
                        {o.moved ? (
                          <Text size="xs" c="orange">
                            {t('series.movedFrom', { date: formatDateTime(o.recurrenceId, s.timezone) })}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>
                        <Anchor component={Link} to={`/groups/${wgId}/meetings/${o.meetingId}`} size="sm">
                          {localTitle(s.title, s.titleKo)}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          <MeetingStatusBadge status={o.status} />
                          {o.moved ? (
                            <Badge color="orange" variant="outline">
                              {t('series.moved')}
                            </Badge>
                          ) : null}
                        </Group>
                        {o.statusReason && o.status !== 'planned' ? (
                          <Text size="xs" c="dimmed">
                            {o.statusReason}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          {open && s.abilities.moveOccurrence ? (
                            <Button size="xs" variant="default" onClick={() => setMoving(o)} data-testid="move-occurrence">
                              {t('series.move')}
                            </Button>
                          ) : null}
                          {open && s.abilities.cancelOccurrence ? (
                            <Button size="xs" variant="subtle" color="red" onClick={() => setCancelling(o)} data-testid="cancel-occurrence">
                              {t('series.cancel')}
                            </Button>
                          ) : null}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      </Stack>
      <MoveDialog series={s} occurrence={moving} onClose={() => setMoving(null)} />
      <CancelOccurrenceDialog series={s} occurrence={cancelling} onClose={() => setCancelling(null)} />
      <EditSeriesDialog series={s} opened={editing} onClose={() => setEditing(false)} />
    </>
  );
}
