import { Suspense, useMemo } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title, Box } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useGroup } from '../groups/api.ts';
import { useCommitments } from '../commitments/api.ts';
import { useDashboardData } from '../projects/api.ts';
import { AlignmentPanel } from './AlignmentPanel.tsx';
import { EChart } from './charts/index.ts';
import { defaultAsOf } from './prefetch.ts';
import { PageHeader } from '../../app/PageHeader.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../app/states.tsx';
import { formatDate, localTitle } from '../../app/format.ts';
import { MeetingTime } from '../../app/MeetingTime.tsx';
import { useNames } from '../../app/reference.ts';
import { MeetingStatusBadge } from '../meetings/bits.tsx';
import { STAGE_COLOR, STAGE_HEX, TERMINAL } from '../projects/stages.ts';
import { IconCalendar, IconChecklist, IconPipeline, IconQuote, IconAlert } from '../../app/icons.tsx';
import type { Dashboard } from '../../../core/api/working-groups.ts';
import type { MeetingSummary } from '../../../core/api/meetings.ts';
import { MarkBadge } from '../discipline/MarkBadge.tsx';
import { useStatementMarks } from '../discipline/api.ts';
import { INK } from './charts/ink.ts';
import type { ProjectStage } from '../../../core/vocabulary.ts';

/** Next meetings, commitment counts, projects by stage and recent statements in one call. */
const useDashboard = useDashboardData;

function DashboardPart({ q, children }: { q: UseQueryResult<Dashboard>; children: (d: Dashboard) => React.ReactNode }) {
  if (q.isPending) return <LoadingState rows={3} />;
  if (q.error) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  return <>{children(q.data)}</>;
}

function Section({ title, to, linkLabel, children, id }: { title: string; to?: string; linkLabel?: string; children: React.ReactNode; id: string }) {
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={id} h="100%">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        {to ? (
          <Anchor component={Link} to={to} size="sm">
            {linkLabel}
          </Anchor>
        ) : null}
      </Group>
      {children}
    </Paper>
  );
}

function NextMeetings({ wgId, items }: { wgId: string; items: MeetingSummary[] }) {
  const { t } = useTranslation();
  if (!items.length)
    return (
      <EmptyState title={t('dashboard.noMeetingsTitle')} icon={<IconCalendar />}>
        {t('dashboard.noMeetingsBody')}
      </EmptyState>
    );
  return (
    <Stack gap="sm">
      {items.slice(0, 4).map((m) => (
        <Group key={m.id} justify="space-between" wrap="nowrap" align="flex-start">
          <Box style={{ minWidth: 0 }}>
            <Anchor component={Link} to={`/groups/${wgId}/meetings/${m.id}`} fw={600} size="sm">
              {localTitle(m.title, m.titleKo)}
            </Anchor>
            <Text size="xs" c="dimmed" component="div">
              <MeetingTime iso={m.status === 'postponed' && m.postponedTo ? m.postponedTo : m.startsAt} timeZone={m.timezone} size="xs" />
              {m.place ? ` · ${m.place}` : ''}
            </Text>
          </Box>
          <Stack gap={2} align="flex-end">
            <MeetingStatusBadge status={m.status} />
            <Text size="xs" c="dimmed">
              {t(`meetingLevel.${m.level}`)}
            </Text>
          </Stack>
        </Group>
      ))}
    </Stack>
  );
}

function CommitmentsSummary({ wgId, counts }: { wgId: string; counts: Dashboard['commitments'] }) {
  const { t } = useTranslation();
  const names = useNames();
  const q = useCommitments(wgId, { state: 'open' });
  if (!counts.total)
    return (
      <EmptyState title={t('dashboard.noCommitmentsTitle')} icon={<IconChecklist />}>
        {t('dashboard.noCommitmentsBody')}
      </EmptyState>
    );
  const items = [...(q.data?.items ?? [])].sort((a, b) => Number(b.disputed) - Number(a.disputed) || Number(b.overdue) - Number(a.overdue) || (a.dueOn ?? '9').localeCompare(b.dueOn ?? '9'));
  const overdue = (q.data?.items ?? []).filter((c) => c.overdue).length;
  return (
    <Stack gap="sm">
      <SimpleGrid cols={3} spacing="xs">
        <Stat label={t('dashboard.open')} value={counts.open} />
        <Stat label={t('dashboard.disputed')} value={counts.disputed} tone={counts.disputed ? 'red' : undefined} />
        <Stat label={t('dashboard.overdue')} value={q.data ? overdue : '…'} tone={overdue ? 'orange' : undefined} />
      </SimpleGrid>
      {q.isPending ? <LoadingState rows={2} /> : q.error ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : null}
      {items.slice(0, 5).map((c) => (
        <Group key={c.id} justify="space-between" wrap="nowrap" align="flex-start">
          <Box style={{ minWidth: 0 }}>
            <Text size="sm" fw={500} lineClamp={2}>
              {localTitle(c.title, c.titleKo)}
            </Text>
            <Text size="xs" c="dimmed">
              {c.responsibleOrgId ? names.org(c.responsibleOrgId) : c.responsiblePartyId ? names.party(c.responsiblePartyId) : t('commitments.bothParties')} · {t('commitments.due')}{' '}
              {formatDate(c.dueOn)}
            </Text>
          </Box>
          {c.disputed ? (
            <Badge color="red" leftSection={<IconAlert size={11} />}>
              {t('commitments.disputed')}
            </Badge>
          ) : c.overdue ? (
            <Badge color="orange">{t('commitments.overdue')}</Badge>
          ) : null}
        </Group>
      ))}
    </Stack>
  );
}

function Stat({ label, value, tone }: { label: string; value: number | string; tone?: string }) {
  return (
    <Paper withBorder p="xs" radius="sm" bg={tone ? `light-dark(var(--mantine-color-${tone}-0), var(--mantine-color-${tone}-light))` : undefined}>
      <Text size="xl" fw={700} c={tone ? `light-dark(var(--mantine-color-${tone}-9), var(--mantine-color-${tone}-3))` : undefined} lh={1.1}>
        {value}
      </Text>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </Paper>
  );
}

type StageItem = Dashboard['projects'][number]['items'][number] & { stage: ProjectStage };

function ProjectsChart({ rows }: { rows: StageItem[] }) {
  const { t, i18n } = useTranslation();
  const top = [...rows].sort((a, b) => b.daysInStage - a.daysInStage).slice(0, 8);
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the rows' content (top is a new array each render) and the language; t follows the language
  const option = useMemo(
    () => ({
      animation: false,
      textStyle: { fontFamily: 'Inter, "Apple SD Gothic Neo", "Malgun Gothic", "Noto Sans KR", system-ui, sans-serif' },
      grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'item' },
      // Whole days only, and at least a week's span, so one new project does not draw an axis of 0.2 days.
      xAxis: { type: 'value', minInterval: 1, max: (v: { max: number }) => Math.max(7, v.max), axisLabel: { color: INK } },
      yAxis: {
        type: 'category',
        inverse: true,
        data: top.map((r) => {
          const s = localTitle(r.name, r.nameKo);
          return s.length > 28 ? `${s.slice(0, 26)}…` : s;
        }),
        axisLabel: { color: INK },
      },
      series: [
        {
          type: 'bar',
          name: t('projects.daysInStage'),
          data: top.map((r) => ({ value: r.daysInStage, itemStyle: { color: STAGE_HEX[r.stage] }, name: t(`stage.${r.stage}`) })),
          label: { show: true, position: 'right', color: INK, formatter: (p: { value: number }) => t('projects.daysShort', { n: p.value }) },
          barMaxWidth: 18,
        },
      ],
    }),
    [top.map((r) => r.id + r.daysInStage).join(), i18n.language],
  );
  if (!top.length) return null;
  return (
    <Suspense fallback={<Skeleton height={top.length * 30 + 30} />}>
      <EChart option={option} height={top.length * 30 + 30} label={t('projects.chartLabel', { n: top.length })} testId="projects-chart" />
    </Suspense>
  );
}

function ProjectsSummary({ groups }: { groups: Dashboard['projects'] }) {
  const { t } = useTranslation();
  const total = groups.reduce((n, g) => n + g.count, 0);
  if (!total)
    return (
      <EmptyState title={t('dashboard.noProjectsTitle')} icon={<IconPipeline />}>
        {t('dashboard.noProjectsBody')}
      </EmptyState>
    );
  const waiting: StageItem[] = groups.filter((g) => !TERMINAL.has(g.stage)).flatMap((g) => g.items.map((i) => ({ ...i, stage: g.stage })));
  return (
    <Stack gap="sm">
      <Group gap={6}>
        {groups
          .filter((g) => g.count > 0)
          .map((g) => (
            <Badge key={g.stage} color={STAGE_COLOR[g.stage] ?? 'gray'} variant="light">
              {t(`stage.${g.stage}`)} · {g.count}
            </Badge>
          ))}
      </Group>
      <Text size="xs" c="dimmed">
        {t('dashboard.daysWaitingHelp')}
      </Text>
      <ProjectsChart rows={waiting} />
    </Stack>
  );
}

function RecentStatements({ wgId, items }: { wgId: string; items: Dashboard['recentStatements'] }) {
  const { t } = useTranslation();
  const marks = useStatementMarks(wgId).data;
  const names = useNames();
  if (!items.length)
    return (
      <EmptyState title={t('dashboard.noStatementsTitle')} icon={<IconQuote />}>
        {t('dashboard.noStatementsBody')}
      </EmptyState>
    );
  return (
    <Stack gap="sm">
      {items.slice(0, 4).map((s) => (
        <Box key={s.id}>
          <Text size="sm" lineClamp={3} className="quote" lang={s.language}>
            “{s.quote}”
          </Text>
          <Text size="xs" c="dimmed" mt={2}>
            {s.speakerName ?? s.speakerDescription ?? names.org(s.speakerOrgId)} · {formatDate(s.saidOn)} · {t(`medium.${s.medium}`, { defaultValue: s.medium })} <MarkBadge mark={marks?.get(s.id)} />
          </Text>
        </Box>
      ))}
    </Stack>
  );
}

export default function DashboardPage() {
  const { wgId = '' } = useParams();
  const { t } = useTranslation();
  const g = useGroup(wgId);
  const d = useDashboard(wgId);
  const title = g.data ? localTitle(g.data.name, g.data.nameKo) : t('dashboard.title');
  return (
    <>
      <PageHeader
        title={title}
        subtitle={g.data ? localTitle(g.data.mandate ?? '', g.data.mandateKo) || t('dashboard.subtitle') : t('dashboard.subtitle')}
        badges={g.data?.status ? <Badge variant="light">{t([`wgStatus.${g.data.status}`, `groupAdmin.wgStatus.${g.data.status}`], { defaultValue: g.data.status })}</Badge> : null}
        actions={
          <Button component={Link} to={`/groups/${wgId}/meetings`} variant="light" leftSection={<IconCalendar size={16} />}>
            {t('dashboard.allMeetings')}
          </Button>
        }
      />
      {g.error ? <ErrorState error={g.error} onRetry={() => void g.refetch()} /> : null}
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <Section id="next-meetings" title={t('dashboard.nextMeetings')} to={`/groups/${wgId}/meetings`} linkLabel={t('dashboard.seeAll')}>
            <DashboardPart q={d}>{(x) => <NextMeetings wgId={wgId} items={x.nextMeetings} />}</DashboardPart>
          </Section>
          <Section id="commitments-summary" title={t('dashboard.commitments')} to={`/groups/${wgId}/commitments`} linkLabel={t('dashboard.seeAll')}>
            <DashboardPart q={d}>{(x) => <CommitmentsSummary wgId={wgId} counts={x.commitments} />}</DashboardPart>
          </Section>
        </SimpleGrid>
        {g.data ? <AlignmentPanel wgId={wgId} defaultAsOf={defaultAsOf(g.data)} /> : null}
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <Section id="projects-summary" title={t('dashboard.projects')} to={`/groups/${wgId}/projects`} linkLabel={t('dashboard.seeAll')}>
            <DashboardPart q={d}>{(x) => <ProjectsSummary groups={x.projects} />}</DashboardPart>
          </Section>
          <Section id="recent-statements" title={t('dashboard.statements')} to={`/groups/${wgId}/statements`} linkLabel={t('dashboard.seeAll')}>
            <DashboardPart q={d}>{(x) => <RecentStatements wgId={wgId} items={x.recentStatements} />}</DashboardPart>
          </Section>
        </SimpleGrid>
      </Stack>
    </>
  );
}
