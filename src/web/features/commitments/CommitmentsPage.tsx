import { Fragment, useState } from 'react';
import { Anchor, Badge, Box, Button, Group, NumberInput, Paper, Progress, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea, UnstyledButton } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useTrackName } from '../../app/tracks.ts';
import { DateField } from '../../app/DateField.tsx';
import { useGroup } from '../groups/api.ts';
import { useCommitment, useCommitments, useReportProgress } from './api.ts';
import { NewCommitmentDialog } from './NewCommitmentDialog.tsx';
import { PageHeader } from '../../app/PageHeader.tsx';
import { DownloadCsv } from '../../app/DownloadCsv.tsx';
import { AccessBadge } from '../../app/AccessBadge.tsx';
import { BilingualTitle } from '../../app/Bilingual.tsx';
import { EmptyState, ErrorState, LoadingState, QueryView } from '../../app/states.tsx';
import { FormError } from '../../app/FormError.tsx';
import { FormDialog } from '../../app/FormDialog.tsx';
import { checkText, lengthProps } from '../../app/limits.ts';
import { useFormState, useResetOnOpen } from '../../app/form.ts';
import { formatDate, localTitle, todayIso } from '../../app/format.ts';
import { useNames } from '../../app/reference.ts';
import { IconAlert, IconChecklist, IconPlus } from '../../app/icons.tsx';
import { ReportBody, type CommitmentSummary, type Report as ProgressReport } from '../../../core/api/commitments.ts';

const RB = ReportBody.properties;
import { PROGRESS_STATUSES, type ProgressStatus } from '../../../core/vocabulary.ts';

export const PROGRESS_COLOR: Record<ProgressStatus, string> = { not_started: 'gray', in_progress: 'concord', at_risk: 'orange', blocked: 'red', done: 'green' };

function ReportCell({ r }: { r: ProgressReport | undefined }) {
  const { t } = useTranslation();
  if (!r)
    return (
      <Text size="xs" c="dimmed">
        {t('commitments.noReport')}
      </Text>
    );
  return (
    <Stack gap={2} data-report-status={r.status}>
      <Group gap={4} wrap="nowrap">
        <Badge color={PROGRESS_COLOR[r.status]} size="sm">
          {t(`progress.${r.status}`)}
        </Badge>
        {r.percent !== null ? (
          <Text size="xs" fw={600}>
            {r.percent}%
          </Text>
        ) : null}
      </Group>
      {r.percent !== null ? <Progress value={r.percent} size="xs" color={PROGRESS_COLOR[r.status]} aria-label={`${r.percent}%`} /> : null}
      <Text size="xs" c="dimmed">
        {formatDate(r.reportedOn)} · {r.organisationName}
      </Text>
    </Stack>
  );
}

function ReportDialog({ c, opened, onClose }: { c: CommitmentSummary; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const report = useReportProgress(c.id);
  const f = useFormState({ status: 'in_progress', percent: '' as string | number, note: '', evidenceUrl: '', reportedOn: todayIso() }, { draft: `commitment.report:${c.id}` });
  useResetOnOpen(opened, () => {
    f.reset();
    report.reset();
  });
  const submit = () => {
    const ok = f.validate({
      evidenceUrl: (v) => (v.evidenceUrl.trim() && !/^https?:\/\/\S+$/.test(v.evidenceUrl.trim()) ? t('form.invalidUrl') : checkText(t, v.evidenceUrl, RB.evidenceUrl)),
      note: (v) => checkText(t, v.note, RB.note),
      reportedOn: (v) => !v.reportedOn && t('form.required'),
    });
    if (!ok) return;
    const v = f.values;
    report.mutate(
      {
        status: v.status as ProgressStatus,
        percent: v.percent === '' ? null : Number(v.percent),
        note: v.note.trim() || undefined,
        evidenceUrl: v.evidenceUrl.trim() || undefined,
        reportedOn: v.reportedOn,
      },
      f.sending(onClose),
    );
  };
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      form={f}
      title={t('commitments.reportTitle')}
      submitLabel={t('commitments.sendReport')}
      pending={report.isPending}
      onSubmit={submit}
      testId="report-form"
    >
      <Text size="sm" fw={600}>
        {localTitle(c.title, c.titleKo)}
      </Text>
      <Text size="xs" c="dimmed">
        {t('commitments.reportHelp')}
      </Text>
      <FormError message={f.errors._form} />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Select label={t('commitments.status')} data={PROGRESS_STATUSES.map((s) => ({ value: s, label: t(`progress.${s}`) }))} {...f.field('status')} allowDeselect={false} data-autofocus />
        <NumberInput label={t('commitments.percent')} min={0} max={100} suffix="%" {...f.field('percent')} name="percent" />
        <DateField label={t('commitments.reportedOn')} required {...f.field('reportedOn')} name="reportedOn" />
      </SimpleGrid>
      <Textarea label={t('commitments.note')} autosize minRows={3} {...lengthProps(RB.note)} {...f.field('note')} name="note" />
      <TextInput label={t('commitments.evidence')} placeholder="https://" {...lengthProps(RB.evidenceUrl)} {...f.field('evidenceUrl')} name="evidenceUrl" />
    </FormDialog>
  );
}

function ReportsHistory({ id }: { id: string }) {
  const { t } = useTranslation();
  const q = useCommitment(id);
  if (q.isPending) return <LoadingState rows={2} />;
  if (q.error) return <ErrorState error={q.error} />;
  if (!q.data.reports.length)
    return (
      <Text size="sm" c="dimmed">
        {t('commitments.noReports')}
      </Text>
    );
  return (
    <Stack gap={6}>
      {q.data.reports.map((r) => (
        <Group key={r.id} gap="sm" align="flex-start" wrap="nowrap">
          <Text size="xs" c="dimmed" w={110} className="nowrap">
            {formatDate(r.reportedOn)}
          </Text>
          <Badge color={PROGRESS_COLOR[r.status]} size="sm">
            {t(`progress.${r.status}`)}
            {r.percent !== null ? ` · ${r.percent}%` : ''}
          </Badge>
          <Box>
            <Text size="sm" fw={600}>
              {r.organisationName}
            </Text>
            {r.note ? <Text size="sm">{r.note}</Text> : null}
            {r.evidenceUrl ? (
              <Anchor href={r.evidenceUrl} target="_blank" rel="noopener noreferrer" size="xs">
                {t('commitments.evidenceLink')} ↗
              </Anchor>
            ) : null}
          </Box>
        </Group>
      ))}
    </Stack>
  );
}

type Filter = 'all' | 'open' | 'disputed' | 'overdue' | 'done';

export default function CommitmentsPage() {
  const { wgId = '' } = useParams();
  const { t } = useTranslation();
  const names = useNames();
  const g = useGroup(wgId);
  const trackName = useTrackName(wgId);
  const [filter, setFilter] = useState<Filter>('all');
  const q = useCommitments(wgId, filter === 'all' ? {} : { state: filter });
  const [reporting, setReporting] = useState<CommitmentSummary | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const parties = g.data?.parties ?? [];
  return (
    <>
      <PageHeader
        title={t('commitments.title')}
        subtitle={t('commitments.subtitle')}
        crumbs={[{ label: g.data ? localTitle(g.data.shortName || g.data.name, g.data.nameKo) : '…', to: `/groups/${wgId}` }]}
        actions={
          <Group gap="xs">
            <DownloadCsv path="/commitments/export.csv" filter={{ wgId, state: filter === 'all' ? undefined : filter }} />
            {g.data?.abilities.createCommitment ? (
              <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)} data-testid="new-commitment">
                {t('create.commitment.open')}
              </Button>
            ) : null}
          </Group>
        }
      />
      <Group mb="md">
        <SegmentedControl
          aria-label={t('commitments.filter')}
          value={filter}
          onChange={(v) => setFilter(v as Filter)}
          data={(['all', 'open', 'disputed', 'overdue', 'done'] as const).map((v) => ({ value: v, label: t(`commitments.filters.${v}`) }))}
        />
      </Group>
      <QueryView
        query={q}
        empty={(d) =>
          d.items.length === 0 ? (
            <EmptyState title={t('commitments.emptyTitle')} icon={<IconChecklist />}>
              {filter === 'all' ? t('commitments.emptyBody') : t('commitments.emptyFiltered')}
            </EmptyState>
          ) : null
        }
      >
        {(d) => (
          <Paper withBorder radius="md">
            <Table.ScrollContainer minWidth={760}>
              <Table verticalSpacing="sm" data-testid="commitments-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col" w="32%">
                      {t('commitments.commitment')}
                    </Table.Th>
                    <Table.Th scope="col">{t('commitments.owner')}</Table.Th>
                    <Table.Th scope="col">{t('commitments.dueCol')}</Table.Th>
                    {parties.map((p) => (
                      <Table.Th scope="col" key={p.id}>
                        {t('commitments.reportOf', { party: p.code })}
                      </Table.Th>
                    ))}
                    <Table.Th scope="col">
                      <span className="sr-only">{t('meeting.actions')}</span>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {d.items.map((c) => (
                    <Fragment key={c.id}>
                      <Table.Tr data-commitment={c.id} data-disputed={c.disputed} bg={c.disputed ? 'light-dark(var(--mantine-color-red-0), var(--mantine-color-red-light))' : undefined}>
                        <Table.Td>
                          <UnstyledButton onClick={() => setOpen(open === c.id ? null : c.id)} aria-expanded={open === c.id}>
                            <Text size="sm" fw={600}>
                              <BilingualTitle en={c.title} ko={c.titleKo} />
                            </Text>
                          </UnstyledButton>
                          <Group gap={4} mt={4}>
                            {c.disputed ? (
                              <Badge color="red" size="sm" leftSection={<IconAlert size={11} />}>
                                {t('commitments.disputed')}
                              </Badge>
                            ) : null}
                            {c.overdue ? (
                              <Badge color="orange" size="sm">
                                {t('commitments.overdue')}
                              </Badge>
                            ) : null}
                            {c.done ? (
                              <Badge color="green" size="sm">
                                {t('progress.done')}
                              </Badge>
                            ) : null}
                            {c.track ? (
                              <Badge variant="outline" color="gray" size="sm" tt="none">
                                {trackName(c.track)}
                              </Badge>
                            ) : null}
                            {c.documentId ? (
                              <Anchor component={Link} to={`/groups/${wgId}/documents/${c.documentId}`} size="xs">
                                {t('commitments.fromClause', { key: c.clauseKey ?? '' })}
                              </Anchor>
                            ) : c.meetingId ? (
                              <Anchor component={Link} to={`/groups/${wgId}/meetings/${c.meetingId}`} size="xs" lineClamp={1} maw={280} data-testid="from-meeting">
                                {c.meeting
                                  ? t('commitments.fromMeetingNamed', { title: localTitle(c.meeting.title, c.meeting.titleKo), date: formatDate(c.meeting.day) })
                                  : t('commitments.fromMeeting')}
                              </Anchor>
                            ) : null}
                            <AccessBadge access={c.access} compact />
                          </Group>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{c.responsibleOrgId ? names.org(c.responsibleOrgId) : c.responsiblePartyId ? names.party(c.responsiblePartyId) : t('commitments.bothParties')}</Text>
                        </Table.Td>
                        <Table.Td className="nowrap">
                          <Text size="sm" c={c.overdue ? 'orange.9' : undefined} fw={c.overdue ? 600 : undefined}>
                            {formatDate(c.dueOn)}
                          </Text>
                        </Table.Td>
                        {parties.map((p) => (
                          <Table.Td key={p.id}>
                            <ReportCell r={c.latestByParty.find((x) => x.partyId === p.id)?.report} />
                          </Table.Td>
                        ))}
                        <Table.Td>
                          {c.abilities.report ? (
                            <Button size="compact-xs" variant="light" onClick={() => setReporting(c)}>
                              {t('commitments.report')}
                            </Button>
                          ) : null}
                        </Table.Td>
                      </Table.Tr>
                      {open === c.id ? (
                        <Table.Tr>
                          <Table.Td colSpan={parties.length + 4} bg="var(--concord-muted)">
                            <ReportsHistory id={c.id} />
                          </Table.Td>
                        </Table.Tr>
                      ) : null}
                    </Fragment>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        )}
      </QueryView>
      {g.data ? <NewCommitmentDialog opened={adding} onClose={() => setAdding(false)} group={g.data} /> : null}
      {reporting ? <ReportDialog c={reporting} opened={!!reporting} onClose={() => setReporting(null)} /> : null}
    </>
  );
}
