import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { Alert, Anchor, Autocomplete, Badge, Box, Group, Paper, SegmentedControl, Select, SimpleGrid, Skeleton, Stack, Table, Text, Textarea, Title, Tooltip } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { METHODS } from '../../../core/analytics/measures.ts';
import { ApiError } from '../../api/client.ts';
import { PageHeader } from '../../app/PageHeader.tsx';
import { DateField } from '../../app/DateField.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../app/states.tsx';
import { IconGlobe, IconScale } from '../../app/icons.tsx';
import { formatDate, formatNumber, localTitle } from '../../app/format.ts';
import { useGroup } from '../groups/api.ts';
import { INK } from '../dashboard/charts/ink.ts';
import { useAgreement, useLabelScale, usePairAlignment, useParticipants, type AgreementResponse, type Basis, type LabelScale, type PairAlignment, type Participant } from './api.ts';

const LineEChart = lazy(() => import('../dashboard/charts/LineEChart.tsx'));

export const UN_CATEGORIES = ['me', 'nu', 'di', 'hr', 'co', 'ec'] as const;
const LABEL_COLOR: Record<string, string> = { aligned: 'teal', 'slight differences': 'cyan', divergent: 'orange', 'in conflict': 'red' };
const TREND_ICON: Record<string, string> = { converging: '↗', diverging: '↘', stable: '→' };

/** The first sentence of a method's description: the one line shown beside its name. */
export const oneLine = (s: string) => {
  const m = /^(.+?[.:])(\s|$)/.exec(s);
  return m ? m[1] : s;
};

export function useMethodText() {
  const { t } = useTranslation();
  return (id: string) => {
    const m = METHODS.find((x) => x.id === id);
    return {
      name: t(`methods.${id}.name`, { defaultValue: m?.name ?? id }),
      description: t(`methods.${id}.description`, { defaultValue: m ? oneLine(m.description) : '' }),
    };
  };
}

export const fmtValue = (v: number | null | undefined) => (v === null || v === undefined ? '—' : formatNumber(v, 2));

/** A figure with its method and n always beside it (tooltip and accessible label). */
export function FigureCell({ value, method, n }: { value: number | null; method: string; n: number }) {
  const { t } = useTranslation();
  const mt = useMethodText();
  const label = t('explorer.figureHelp', { method: mt(method).name, n });
  return (
    <Tooltip label={label} withArrow>
      <Text span size="sm" fw={600} tabIndex={0} aria-label={`${fmtValue(value)} (${label})`} data-value={value ?? ''} data-n={n} data-method={method}>
        {fmtValue(value)}
      </Text>
    </Tooltip>
  );
}

function scaleLabel(t: (k: string, o?: Record<string, unknown>) => string, label: string) {
  return t(`alignment.apiLabel.${label.replace(/ /g, '_')}`, { defaultValue: label });
}

function ScaleCard({ scale, custom }: { scale: LabelScale; custom: boolean }) {
  const { t } = useTranslation();
  const mt = useMethodText();
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="scale-title" data-testid="label-scale">
      <Title order={2} size="h5" id="scale-title" mb={4}>
        {t('explorer.scaleTitle')}
      </Title>
      <Text size="xs" c="dimmed" mb="xs">
        {t('explorer.scaleHelp', { method: mt(scale.method).name, minN: scale.minN })} {custom ? t('explorer.scaleCustom') : t('explorer.scaleDefault')}
      </Text>
      <Group gap={6}>
        {scale.bands.map((b, i) => {
          const upper = i === 0 ? null : scale.bands[i - 1].min;
          const range = b.min === null ? `< ${fmtValue(upper)}` : upper === null ? `≥ ${fmtValue(b.min)}` : `${fmtValue(b.min)} – ${fmtValue(upper)}`;
          return (
            <Badge key={b.label} color={LABEL_COLOR[b.label] ?? 'gray'} variant="light" tt="none">
              {scaleLabel(t, b.label)} · {range}
            </Badge>
          );
        })}
      </Group>
    </Paper>
  );
}

function WindowTable({ data, by }: { data: AgreementResponse; by: 'year' | 'session' }) {
  const { t } = useTranslation();
  const mt = useMethodText();
  const rows = data.rows;
  const o = data.overall;
  return (
    <Stack gap="xs">
      {rows.length === 0 ? (
        <Alert color="gray" variant="light" data-testid="no-windows">
          {t('explorer.noWindows', { by: t(`explorer.by.${by}`).toLowerCase() })}
        </Alert>
      ) : null}
      <Table.ScrollContainer minWidth={620}>
        <Table fz="sm" striped data-testid="agreement-table" data-method={data.method}>
          <Table.Caption>{t('explorer.tableCaption', { a: data.a.label, b: data.b.label, method: mt(data.method).name })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t(`explorer.by.${by}`)}</Table.Th>
              <Table.Th scope="col">n</Table.Th>
              <Table.Th scope="col">{t('explorer.same')}</Table.Th>
              <Table.Th scope="col">{t('explorer.opposite')}</Table.Th>
              <Table.Th scope="col">{t('explorer.partial')}</Table.Th>
              <Table.Th scope="col">{t('explorer.absent')}</Table.Th>
              <Table.Th scope="col">{t('explorer.value')}</Table.Th>
              <Table.Th scope="col">{t('explorer.method')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={String(r.window)} data-window={r.window}>
                <Table.Th scope="row">{r.window === 'all' ? t('explorer.allWindows') : r.window}</Table.Th>
                <Table.Td>{r.n}</Table.Td>
                <Table.Td>{r.same}</Table.Td>
                <Table.Td>{r.opposite}</Table.Td>
                <Table.Td>{r.partial}</Table.Td>
                <Table.Td>{r.absent}</Table.Td>
                <Table.Td>
                  <FigureCell value={r.value} method={r.method} n={r.n} />
                </Table.Td>
                <Table.Td>
                  <Text size="xs">{mt(r.method).name}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr data-window="overall" data-testid="agreement-overall" fw={600}>
              <Table.Th scope="row">{t('explorer.overall')}</Table.Th>
              <Table.Td data-testid="overall-n">{o.n}</Table.Td>
              <Table.Td>{o.same}</Table.Td>
              <Table.Td>{o.opposite}</Table.Td>
              <Table.Td>{o.partial}</Table.Td>
              <Table.Td>{o.absent}</Table.Td>
              <Table.Td data-testid="overall-value">
                <FigureCell value={o.value} method={o.method} n={o.n} />
              </Table.Td>
              <Table.Td>
                <Text size="xs">{mt(o.method).name}</Text>
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function TrendChart({ pair, method }: { pair: PairAlignment['pairs'][number]; method: string }) {
  const { t, i18n } = useTranslation();
  const mt = useMethodText();
  const tr = pair.trend;
  const points = tr.points.filter((p) => p.value !== null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the points' content (points is a new array each render), the method and the language; t and mt follow the language
  const option = useMemo(
    () => ({
      animation: false,
      textStyle: { fontFamily: 'Inter, "Apple SD Gothic Neo", "Malgun Gothic", "Noto Sans KR", system-ui, sans-serif' },
      grid: { left: 8, right: 24, top: 24, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        formatter: (ps: { dataIndex: number }[]) => {
          const p = points[ps[0]?.dataIndex ?? 0];
          if (!p) return '';
          return `${p.title ?? p.key}\n${p.date ? formatDate(p.date) : ''}\n${fmtValue(p.value)} · ${t('explorer.figureHelp', { method: mt(method).name, n: p.n })}`;
        },
      },
      xAxis: { type: 'category', data: points.map((p) => (p.date ? p.date.slice(0, 7) : p.key)), axisLabel: { color: INK } },
      yAxis: { type: 'value', axisLabel: { color: INK }, min: (v: { min: number }) => Math.min(0, Math.floor(v.min * 10) / 10), max: 1 },
      series: [
        {
          type: 'line',
          name: mt(method).name,
          data: points.map((p) => p.value),
          symbolSize: 8,
          lineStyle: { width: 2, color: '#1c4e80' },
          itemStyle: { color: '#1c4e80' },
          label: { show: true, position: 'top', color: INK, formatter: (p: { dataIndex: number }) => `n=${points[p.dataIndex]?.n ?? ''}` },
        },
      ],
    }),
    [points.map((p) => `${p.key}${p.value}`).join(), method, i18n.language],
  );
  const slope = tr.slope === null ? '—' : formatNumber(tr.slope, 3, true);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="trend-title">
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Title order={2} size="h5" id="trend-title">
          {t('explorer.trendTitle', { by: t(`explorer.trendBy.${tr.by}`) })}
        </Title>
        <Group gap="xs" data-testid="trend-direction" data-direction={tr.direction}>
          <Badge variant="light" color={tr.direction === 'converging' ? 'teal' : tr.direction === 'diverging' ? 'orange' : 'gray'} tt="none">
            <span aria-hidden>{TREND_ICON[tr.direction]} </span>
            {t(`alignment.trends.${tr.direction === 'stable' ? 'stable' : tr.direction}`)}
          </Badge>
          <Text size="xs" c="dimmed">
            {t('explorer.slope', { slope, windows: tr.nWindows, method: mt(tr.method).name })}
          </Text>
        </Group>
      </Group>
      {points.length < 2 ? (
        <Text size="sm" c="dimmed">
          {t('explorer.trendTooFew')}
        </Text>
      ) : (
        <Suspense fallback={<Skeleton height={260} />}>
          <LineEChart option={option} height={260} label={t('explorer.trendLabel', { n: points.length, direction: t(`alignment.trends.${tr.direction}`), slope })} testId="alignment-trend" />
        </Suspense>
      )}
      {tr.note ? (
        <Text size="xs" c="dimmed" mt={4}>
          {tr.minWindows === undefined ? t('korean.trendNoDirection') : t('korean.trendTooFewWindows', { count: tr.nWindows, need: tr.minWindows })}
        </Text>
      ) : null}
    </Paper>
  );
}

function PairSummary({ pair }: { pair: PairAlignment['pairs'][number] }) {
  const { t } = useTranslation();
  const mt = useMethodText();
  return (
    <Group gap="sm" wrap="wrap" data-testid="pair-label">
      {pair.label.label ? (
        <Badge color={LABEL_COLOR[pair.label.label] ?? 'gray'} size="lg" tt="none">
          {scaleLabel(t, pair.label.label)}
        </Badge>
      ) : (
        <Badge color="gray" variant="outline" size="lg" tt="none">
          {t('alignment.tooFew')}
        </Badge>
      )}
      <Text size="xs" c="dimmed">
        {t('explorer.labelOn', { value: fmtValue(pair.label.value), method: mt(pair.label.method).name, n: pair.label.n })}
      </Text>
    </Group>
  );
}

const notImported = (e: unknown) => e instanceof ApiError && e.status === 404;

export default function AlignmentExplorerPage() {
  const { t } = useTranslation();
  const params = useParams();
  const group = params.wgId ?? params.group ?? 'unga';
  const isUn = group === 'unga';
  const g = useGroup(isUn ? undefined : group);
  const mt = useMethodText();
  const participants = useParticipants(group);
  const scale = useLabelScale(group);
  const [a, setA] = useState<string | null>(null);
  const [b, setB] = useState<string | null>(null);
  const [method, setMethod] = useState<string>('agree');
  const [by, setBy] = useState<'year' | 'session'>('year');
  const [basis, setBasis] = useState<Basis>({ kind: 'all' });

  const list: Participant[] = participants.data?.participants ?? [];
  // biome-ignore lint/correctness/useExhaustiveDependencies: picks the default pair once, when the participants arrive; a pair the user chose (a) is not overridden
  useEffect(() => {
    if (!list.length || a) return;
    const find = (code: string) => list.find((p) => p.kind === 'party' && (p.code === code || p.id === code));
    const first = find('KR') ?? find('KOR') ?? list[0];
    const second = find('US') ?? find('USA') ?? list.find((p) => p !== first);
    setA(first?.key ?? null);
    setB(second?.key ?? null);
  }, [list.length]);

  const agreement = useAgreement({ group, a: a ?? undefined, b: b ?? undefined, method, by, basis });
  const pair = usePairAlignment({ group, a: a ?? undefined, b: b ?? undefined, method });
  const options = list.map((p) => ({ value: p.key, label: p.kind === 'organisation' ? `${p.label} — ${p.name}` : `${p.code} — ${p.name}` }));
  const methodOptions = METHODS.map((m) => ({ value: m.id, label: mt(m.id).name }));
  const title = isUn ? t('explorer.unTitle') : t('explorer.title');

  const header = (
    <PageHeader
      title={title}
      subtitle={t('explorer.subtitle')}
      crumbs={isUn ? [{ label: t('nav.allGroups'), to: '/' }, { label: t('explorer.unTitle') }] : undefined}
      badges={
        g.data ? (
          <Badge variant="light" tt="none">
            {localTitle(g.data.name, g.data.nameKo)}
          </Badge>
        ) : null
      }
      actions={
        !isUn ? (
          <Anchor component={Link} to="/alignment/unga" size="sm">
            <Group gap={4} wrap="nowrap">
              <IconGlobe size={16} /> {t('explorer.toUn')}
            </Group>
          </Anchor>
        ) : null
      }
    />
  );

  if (participants.isPending)
    return (
      <>
        {header}
        <LoadingState rows={5} />
      </>
    );
  if (participants.error)
    return (
      <>
        {header}
        {notImported(participants.error) && isUn ? (
          <EmptyState title={t('explorer.unMissingTitle')} icon={<IconGlobe />}>
            {t('explorer.unMissingBody')}
          </EmptyState>
        ) : (
          <ErrorState error={participants.error} onRetry={() => void participants.refetch()} />
        )}
      </>
    );
  if (list.length < 2)
    return (
      <>
        {header}
        <EmptyState title={t('alignment.emptyTitle')} icon={<IconScale />}>
          {t('alignment.emptyBody')}
        </EmptyState>
      </>
    );

  const pairData = pair.data?.pairs[0];
  const selectedMethod = mt(method);
  return (
    <>
      {header}
      <Stack gap="md">
        <Paper withBorder radius="md" p="md" component="section" aria-label={t('explorer.controls')}>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
            <Select
              label={t('explorer.partyA')}
              description={t('explorer.partyAHelp')}
              data={options}
              value={a}
              onChange={(v) => v && setA(v)}
              searchable
              limit={50}
              nothingFoundMessage={t('explorer.nothingFound')}
              data-testid="party-a"
              allowDeselect={false}
            />
            <Select
              label={t('explorer.partyB')}
              description={t('explorer.partyBHelp')}
              data={options}
              value={b}
              onChange={(v) => v && setB(v)}
              searchable
              limit={50}
              nothingFoundMessage={t('explorer.nothingFound')}
              data-testid="party-b"
              allowDeselect={false}
            />
            <Select
              label={t('explorer.method')}
              description={selectedMethod.description}
              data={methodOptions}
              value={method}
              onChange={(v) => v && setMethod(v)}
              searchable
              allowDeselect={false}
              data-testid="method"
              comboboxProps={{ width: 420, position: 'bottom-start' }}
              renderOption={({ option }) => (
                <Box>
                  <Text size="sm">{option.label}</Text>
                  <Text size="xs" c="dimmed">
                    {mt(option.value).description}
                  </Text>
                </Box>
              )}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" mt="md">
            <Stack gap={6}>
              <Text size="sm" fw={500} id="basis-label">
                {t('explorer.basis')}
              </Text>
              <SegmentedControl
                aria-labelledby="basis-label"
                value={basis.kind}
                onChange={(v) => setBasis((s) => ({ ...s, kind: v as Basis['kind'] }))}
                data={(['all', 'category', 'dates', 'rcids'] as const).map((k) => ({ value: k, label: t(`explorer.basisKind.${k}`) }))}
                fullWidth
                size="xs"
              />
              {basis.kind === 'category' ? (
                <Autocomplete
                  label={t('explorer.category')}
                  description={t('explorer.categoryHelp')}
                  data={UN_CATEGORIES.map((c) => ({ value: c, label: `${c}` }))}
                  value={basis.category ?? ''}
                  onChange={(v) => setBasis((s) => ({ ...s, category: v.trim() }))}
                />
              ) : basis.kind === 'dates' ? (
                <Group grow>
                  <DateField label={t('explorer.from')} value={basis.from ?? ''} onChange={(v) => setBasis((s) => ({ ...s, from: v }))} />
                  <DateField label={t('explorer.to')} value={basis.to ?? ''} onChange={(v) => setBasis((s) => ({ ...s, to: v }))} />
                </Group>
              ) : basis.kind === 'rcids' ? (
                <Textarea
                  label={t('explorer.rcids')}
                  description={t('explorer.rcidsHelp')}
                  autosize
                  minRows={2}
                  maxRows={6}
                  value={basis.rcids ?? ''}
                  onChange={(e) => setBasis((s) => ({ ...s, rcids: e.currentTarget.value }))}
                />
              ) : (
                <Text size="xs" c="dimmed">
                  {t('explorer.basisAllHelp', { n: participants.data?.items ?? 0 })}
                </Text>
              )}
            </Stack>
            <Stack gap={6}>
              <Text size="sm" fw={500} id="window-label">
                {t('explorer.window')}
              </Text>
              <SegmentedControl
                aria-labelledby="window-label"
                value={by}
                onChange={(v) => setBy(v as 'year' | 'session')}
                data={[
                  { value: 'year', label: t('explorer.by.year') },
                  { value: 'session', label: t('explorer.by.session') },
                ]}
                size="xs"
              />
              <Text size="xs" c="dimmed">
                {t('explorer.windowHelp')}
              </Text>
            </Stack>
          </SimpleGrid>
        </Paper>

        {scale.data ? <ScaleCard scale={scale.data.scale} custom={scale.data.custom} /> : null}

        <Paper withBorder radius="md" p="md" component="section" aria-labelledby="agreement-title">
          <Group justify="space-between" mb="xs" wrap="wrap">
            <Title order={2} size="h4" id="agreement-title">
              {agreement.data ? t('explorer.agreementOf', { a: agreement.data.a.label, b: agreement.data.b.label }) : t('explorer.agreement')}
            </Title>
            {pairData ? <PairSummary pair={pairData} /> : null}
          </Group>
          {a && b && a === b ? (
            <Text size="sm" c="dimmed">
              {t('explorer.samePair')}
            </Text>
          ) : agreement.isPending ? (
            <LoadingState rows={4} />
          ) : agreement.error ? (
            <ErrorState error={agreement.error} onRetry={() => void agreement.refetch()} />
          ) : (
            <Box style={{ opacity: agreement.isPlaceholderData ? 0.6 : 1 }} aria-busy={agreement.isFetching ? 'true' : undefined}>
              <WindowTable data={agreement.data} by={by} />
            </Box>
          )}
        </Paper>
        {pair.isPending && a && b ? (
          <Skeleton height={300} />
        ) : pair.error ? (
          <ErrorState error={pair.error} onRetry={() => void pair.refetch()} />
        ) : pairData ? (
          <TrendChart pair={pairData} method={method} />
        ) : null}
      </Stack>
    </>
  );
}
