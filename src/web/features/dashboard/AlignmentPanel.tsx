import { Suspense, useMemo } from 'react';
import { Anchor, Badge, Box, Group, Paper, Skeleton, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAlignment, type Alignment, type AlignmentActor, type AlignmentLabel } from './alignment.ts';
import { useNames } from '../../app/reference.ts';
import { DeferredDateField } from '../../app/DeferredDateField.tsx';
import { ErrorState, EmptyState } from '../../app/states.tsx';
import { localTitle, formatDate, formatNumber, formatPercent } from '../../app/format.ts';
import { IconScale } from '../../app/icons.tsx';
import { useUrlState } from '../../app/url-state.ts';
import { INK } from './charts/ink.ts';
import { EChart } from './charts/index.ts';

export const LABEL_COLOR: Record<AlignmentLabel, string> = { aligned: 'teal', close: 'cyan', apart: 'orange', opposed: 'red' };
const TREND_ICON: Record<string, string> = { converging: '↗', diverging: '↘', steady: '→', new: '•' };

function useActorName() {
  const names = useNames();
  return (a: AlignmentActor) => (a.organisationId ? names.orgShort(a.organisationId) : names.partyCode(a.partyId));
}

function Heatmap({ data }: { data: Alignment }) {
  const { t, i18n } = useTranslation();
  const actor = useActorName();
  const pairLabels = data.pairs.map((p) => `${actor(p.a)} ↔ ${actor(p.b)}`);
  const issueLabels = data.issues.map((i) => {
    const s = localTitle(i.title, i.titleKo);
    return s.length > 34 ? `${s.slice(0, 32)}…` : s;
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: pairLabels and issueLabels are new arrays each render, derived from data and the language (the deps); listing them would rebuild the chart on every render
  const option = useMemo(() => {
    const pi = new Map(data.pairs.map((p, i) => [p.key, i]));
    const ii = new Map(data.issues.map((x, i) => [x.id, i]));
    const labels = { aligned: t('alignment.label.aligned'), close: t('alignment.label.close'), apart: t('alignment.label.apart'), opposed: t('alignment.label.opposed') };
    return {
      animation: false,
      textStyle: { fontFamily: 'Inter, "Apple SD Gothic Neo", "Malgun Gothic", "Noto Sans KR", system-ui, sans-serif' },
      tooltip: {
        formatter: (p: { value: [number, number, number, string] }) =>
          `${pairLabels[p.value[0]]}\n${data.issues[p.value[1]] ? localTitle(data.issues[p.value[1]].title, data.issues[p.value[1]].titleKo) : ''}\n${t('alignment.score')}: ${p.value[2] > 0 ? '+' : ''}${p.value[2]} (${labels[p.value[3] as AlignmentLabel]})`,
      },
      grid: { left: 8, right: 16, top: 8, bottom: 64, containLabel: true },
      xAxis: { type: 'category', data: pairLabels, splitArea: { show: true }, axisLabel: { interval: 0, rotate: pairLabels.length > 4 ? 30 : 0, color: INK } },
      yAxis: { type: 'category', data: issueLabels, splitArea: { show: true }, axisLabel: { color: INK, width: 220, overflow: 'truncate' }, inverse: true },
      visualMap: {
        min: -2,
        max: 2,
        dimension: 2,
        calculable: false,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        itemHeight: 160,
        text: [t('alignment.legendHigh'), t('alignment.legendLow')],
        textStyle: { color: INK },
        inRange: { color: ['#b2182b', '#ef8a62', '#f7f7f7', '#67a9cf', '#2166ac'] },
      },
      series: [
        {
          type: 'heatmap',
          name: t('alignment.title'),
          data: data.cells.filter((c) => pi.has(c.pairKey) && ii.has(c.issueId)).map((c) => [pi.get(c.pairKey), ii.get(c.issueId), c.value, c.label]),
          label: { show: true, color: '#111', formatter: (p: { value: number[] }) => (p.value[2] > 0 ? `+${p.value[2]}` : String(p.value[2])) },
          emphasis: { itemStyle: { borderColor: '#1c4e80', borderWidth: 2 } },
        },
      ],
    };
  }, [data, t, i18n.language]);
  const height = Math.max(220, data.issues.length * 34 + 110);
  const summary = t('alignment.chartLabel', { issues: data.issues.length, pairs: data.pairs.length, date: formatDate(data.asOf) });
  return (
    <Suspense fallback={<Skeleton height={height} />}>
      <EChart option={option} height={height} label={summary} testId="alignment-heatmap" />
    </Suspense>
  );
}

const API_LABEL_COLOR: Record<string, string> = { aligned: 'teal', 'slight differences': 'cyan', divergent: 'orange', 'in conflict': 'red' };

function PairTable({ data }: { data: Alignment }) {
  const { t } = useTranslation();
  const methodName = (id: string) => t(`methods.${id}.name`, { defaultValue: id });
  const actor = useActorName();
  const fmt = (v: number | null) => (v === null ? '—' : formatNumber(v, 2, true));
  const fromApi = data.source === 'api';
  // A dividing issue by its title in the reader's language, as the heat map above names it.
  const issueTitle = (id: string, fallback: string) => {
    const i = data.issues.find((x) => x.id === id);
    return i ? localTitle(i.title, i.titleKo) : fallback;
  };
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table fz="sm" data-testid="alignment-pairs">
        <Table.Caption>{fromApi ? t('alignment.apiCaption', { method: methodName(data.pairs[0]?.api?.method ?? '') }) : t('alignment.tableCaption', { date: formatDate(data.since) })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('alignment.pair')}</Table.Th>
            <Table.Th scope="col">{fromApi ? t('alignment.agreementCol') : t('alignment.mean')}</Table.Th>
            <Table.Th scope="col">{t('alignment.labelCol')}</Table.Th>
            <Table.Th scope="col">{fromApi ? t('alignment.trendApi') : t('alignment.trend')}</Table.Th>
            <Table.Th scope="col">{t('alignment.shared')}</Table.Th>
            {fromApi ? <Table.Th scope="col">{t('alignment.dividingIssues')}</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.pairs.map((p) => (
            <Table.Tr key={p.key} data-pair={p.key} data-direction={p.api?.direction ?? p.trend ?? ''}>
              <Table.Td className="nowrap" fw={600}>
                {actor(p.a)} ↔ {actor(p.b)}
              </Table.Td>
              <Table.Td>
                {p.api ? (
                  <Tooltip label={t('explorer.figureHelp', { method: methodName(p.api.method), n: p.api.n })}>
                    <Text span size="sm" tabIndex={0} data-testid="pair-value">
                      {p.api.value === null || p.api.labelReason === 'too-few-items' ? '—' : formatPercent(p.api.value)}
                      <Text span size="xs" c="dimmed">
                        {' '}
                        (n = {p.api.n})
                      </Text>
                    </Text>
                  </Tooltip>
                ) : (
                  fmt(p.mean)
                )}
              </Table.Td>
              <Table.Td>
                {p.api ? (
                  <Stack gap={2} data-testid="pair-label">
                    {p.api.label ? (
                      <Badge color={API_LABEL_COLOR[p.api.label] ?? 'gray'}>{t(`alignment.apiLabel.${p.api.label.replace(/ /g, '_')}`, { defaultValue: p.api.label })}</Badge>
                    ) : (
                      <Text size="xs" c="dimmed">
                        {p.api.labelReason === 'too-few-items' ? t('alignment.tooFew') : t('alignment.noReading')}
                      </Text>
                    )}
                    <Text size="xs" c="dimmed">
                      {t('explorer.figureHelp', { method: methodName(p.api.labelMethod), n: p.api.labelN })}
                    </Text>
                  </Stack>
                ) : p.label ? (
                  <Badge color={LABEL_COLOR[p.label]}>{t(`alignment.label.${p.label}`)}</Badge>
                ) : (
                  '—'
                )}
              </Table.Td>
              <Table.Td>
                {p.trend ? (
                  <Tooltip label={p.api ? t('alignment.slopeHelp', { slope: p.api.slope === null ? '—' : formatNumber(p.api.slope, 3, true) }) : t('alignment.trendHelp', { prev: fmt(p.previous) })}>
                    <Text size="sm" span>
                      <span aria-hidden>{TREND_ICON[p.trend]} </span>
                      {t(`alignment.trends.${p.trend}`)}
                    </Text>
                  </Tooltip>
                ) : p.api ? (
                  <Text size="xs" c="dimmed" data-testid="no-trend">
                    {t('alignment.noTrendYet', { count: p.api.nWindows })}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>{p.shared}</Table.Td>
              {fromApi ? (
                <Table.Td>
                  {p.api?.dividing.length ? (
                    <Stack gap={2} data-testid="dividing">
                      {p.api.dividing.slice(0, 3).map((d) => (
                        <Group key={d.issueId} gap={4} wrap="nowrap" data-issue={d.issueId} data-gap={d.gap}>
                          <Badge size="xs" variant="light" color={d.gap === 'opposite' ? 'red' : 'orange'} tt="none">
                            {t(`alignment.gap.${d.gap}`)}
                          </Badge>
                          <Text size="xs" lineClamp={2} maw={240}>
                            {issueTitle(d.issueId, d.title)}
                          </Text>
                        </Group>
                      ))}
                      {p.api.dividing.length > 3 ? (
                        <Text size="xs" c="dimmed">
                          {t('alignment.andMore', { n: p.api.dividing.length - 3 })}
                        </Text>
                      ) : null}
                    </Stack>
                  ) : (
                    <Text size="xs" c="dimmed">
                      {t('alignment.noneDividing')}
                    </Text>
                  )}
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Issues × pairs heatmap with each pair's overall agreement, label and trend. */
export function AlignmentPanel({ wgId, defaultAsOf }: { wgId: string; defaultAsOf: string }) {
  const { t } = useTranslation();
  const [asOf, setAsOf] = useUrlState('asOf', defaultAsOf);
  const q = useAlignment(wgId, asOf);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="alignment-title">
      <Group justify="space-between" align="flex-end" mb="sm" wrap="wrap">
        <Box>
          <Title order={2} size="h4" id="alignment-title">
            {t('alignment.title')}
          </Title>
          <Text size="xs" c="dimmed">
            {t('alignment.subtitle')}
          </Text>
        </Box>
        <Group gap="md" align="flex-end">
          <Anchor component={Link} to={`/groups/${wgId}/alignment`} size="sm">
            {t('alignment.explore')}
          </Anchor>
          <DeferredDateField size="xs" label={t('alignment.asOf')} value={asOf} onChange={(v) => v && setAsOf(v)} w={170} />
        </Group>
      </Group>
      {q.isPending ? (
        <Stack gap="xs" role="status" aria-label={t('state.loading')}>
          <Skeleton height={260} />
        </Stack>
      ) : q.error ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : q.data.pairs.length === 0 ? (
        <EmptyState title={t('alignment.emptyTitle')} icon={<IconScale />}>
          {t('alignment.emptyBody')}
        </EmptyState>
      ) : (
        <Stack gap="md">
          <Heatmap data={q.data} />
          <PairTable data={q.data} />
          {q.data.basis ? (
            <Text size="xs" c="dimmed" data-testid="alignment-basis">
              {t('alignment.visibleBasis', { issues: q.data.basis.issues, positions: q.data.basis.positions })}
            </Text>
          ) : null}
        </Stack>
      )}
    </Paper>
  );
}
