// biome-ignore-all lint/suspicious/noArrayIndexKey: the organisation rows are a read-only summary; an organisation may be absent (null), so the position completes the key
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { Anchor, Badge, Box, Button, Checkbox, Group, Modal, NumberInput, Paper, SimpleGrid, Skeleton, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../app/PageHeader.tsx';
import { DownloadCsv } from '../../app/DownloadCsv.tsx';
import { DateField } from '../../app/DateField.tsx';
import { EmptyState, ErrorState, LoadingState, QueryView, errorMessage } from '../../app/states.tsx';
import { FormError } from '../../app/FormError.tsx';
import { formatDate, localTitle } from '../../app/format.ts';
import { useNames } from '../../app/reference.ts';
import { IconFlag } from '../../app/icons.tsx';
import { StanceBadge } from '../positions/stance.tsx';
import { useGroup } from '../groups/api.ts';
import { RecordedByLine } from '../trust/Provenance.tsx';
import { INK } from '../dashboard/charts/ink.ts';
import { hueText } from '../../app/theme.ts';
import { findingAnchor, useDiscipline, useRules, useSaveRules, type Finding, type FindingSide, type Grade, type OtherVoice, type Report, type Rules, type RulesView } from './api.ts';

const LineEChart = lazy(() => import('../dashboard/charts/LineEChart.tsx'));
const GRADE_COLOR: Record<Grade, string> = { contradiction: 'red', nuance: 'orange', consistent: 'teal' };
const GRADES: Grade[] = ['contradiction', 'nuance', 'consistent'];

/** Who a side is, in the reader's language: a position by its holder, a clause by its document; a statement's speaker as recorded. */
function useSideWho() {
  const { t } = useTranslation();
  const names = useNames();
  return (s: FindingSide) =>
    s.kind === 'position'
      ? t('korean.positionOf', { holder: s.organisationId ? names.org(s.organisationId, s.organisationName) : names.party(s.partyId) })
      : s.kind === 'clause'
        ? t('korean.clauseOf', { document: s.sourceTitle ?? '', key: s.clauseKey ?? '' })
        : s.who;
}

function Side({ s, label }: { s: FindingSide; label: string }) {
  const { t } = useTranslation();
  const names = useNames();
  const who = useSideWho();
  // A position's source is stored as "<kind> <record id>": only its kind is for the reader.
  const positionSource = s.kind === 'position' && s.sourceTitle ? s.sourceTitle.split(' ')[0] : null;
  return (
    <Box data-side={s.kind} data-id={s.id}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label} · {t(`discipline.kind.${s.kind}`)}
      </Text>
      <Group gap={6} mt={2} wrap="wrap">
        <Text size="sm" fw={600}>
          {who(s)}
        </Text>
        <Text size="xs" c="dimmed">
          {[s.organisationId ? names.org(s.organisationId, s.organisationName) : null, s.partyId ? names.party(s.partyId) : null].filter(Boolean).join(' · ')}
        </Text>
      </Group>
      <Group gap={6} my={4}>
        <Text size="xs" className="nowrap">
          {formatDate(s.date)}
        </Text>
        <StanceBadge stance={s.stance} size="xs" />
      </Group>
      <Text size="sm" className="quote">
        {s.quote ? `“${s.quote}”` : s.text}
      </Text>
      {s.sourceUrl ? (
        <Anchor href={s.sourceUrl} target="_blank" rel="noopener noreferrer" size="xs" underline="always">
          {s.sourceTitle || t('statements.source')} ↗
        </Anchor>
      ) : positionSource ? (
        <Text size="xs" c="dimmed">
          {t('korean.positionSource', { kind: t(`sourceKind.${positionSource}`, { defaultValue: t('sourceKind.other') }) })}
        </Text>
      ) : s.sourceTitle ? (
        <Text size="xs" c="dimmed">
          {s.sourceTitle}
        </Text>
      ) : null}
      <RecordedByLine r={s.recordedBy} />
    </Box>
  );
}

function FindingCard({ f, target }: { f: Finding; target: boolean }) {
  const { t } = useTranslation();
  const who = useSideWho();
  const issue = localTitle(f.issue.title, f.issue.titleKo);
  const stance = (x: FindingSide) => t(`stance.${x.stance}`);
  const days = Math.round(Math.abs(Date.parse(f.subject.date) - Date.parse(f.against.date)) / 86_400_000);
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="article"
      id={findingAnchor(f.id)}
      data-finding={f.id}
      data-grade={f.grade}
      data-relation={f.relation}
      style={target ? { outline: '2px solid var(--mantine-color-concord-6)' } : undefined}
      aria-label={t('discipline.findingLabel', { issue, grade: t(`discipline.grade.${f.grade}`) })}
    >
      <Group justify="space-between" align="flex-start" mb="sm" wrap="wrap">
        <Box style={{ minWidth: 0 }}>
          <Text size="sm" fw={600}>
            {issue}
          </Text>
          <Text size="xs" c="dimmed">
            {t(`discipline.check.${f.check}`, { defaultValue: f.check })}
          </Text>
        </Box>
        <Group gap={6}>
          <Badge color={GRADE_COLOR[f.grade]} variant="light" tt="none">
            {t(`discipline.grade.${f.grade}`)}
          </Badge>
          <Badge color="gray" variant="outline" tt="none" data-testid="relation">
            {t(`discipline.relation.${f.relation}`)}
          </Badge>
          <Text size="xs" c="dimmed" data-testid="distance">
            {t('discipline.apart', { count: f.distance, days })}
          </Text>
        </Group>
      </Group>
      <div className="bilingual stack-narrow">
        <Side s={f.subject} label={t('discipline.subject')} />
        <Side s={f.against} label={t('discipline.against')} />
      </div>
      <Text size="xs" c="dimmed" mt="sm">
        {t(`korean.explain.${f.grade}`, {
          subject: who(f.subject),
          subjectDate: formatDate(f.subject.date),
          subjectStance: stance(f.subject),
          against: who(f.against),
          againstDate: formatDate(f.against.date),
          againstStance: stance(f.against),
          issue,
          what: t(`korean.explainWhat.${f.check}`),
          count: f.distance,
        })}
      </Text>
    </Paper>
  );
}

const VOICE_COLOR: Record<OtherVoice['reason'], string> = { former_official: 'grape', no_office: 'gray', unattributed: 'gray', not_government: 'cyan' };

/**
 * Statements of people who held no office of their government on the day (former officials, no
 * office then), unattributed sources and bodies outside government: listed apart, never graded.
 */
function OtherVoices({ voices }: { voices: OtherVoice[] }) {
  const { t, i18n } = useTranslation();
  const names = useNames();
  if (!voices.length) return null;
  const ko = i18n.language.startsWith('ko');
  const officeLine = (v: OtherVoice) => {
    const o = v.office;
    if (!o) return null;
    const org = names.org(o.organisationId, ko ? (o.organisationNameKo ?? o.organisationName) : o.organisationName);
    if (v.reason === 'not_government') return t('discipline.otherVoices.outside', { org });
    const title = ko ? o.titleKo : o.title;
    if (title && o.until) return t('discipline.otherVoices.officeUntil', { title, org, until: o.until.length === 10 ? formatDate(o.until) : o.until });
    return t('discipline.otherVoices.formerly', { org });
  };
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="other-voices-title" data-testid="other-voices">
      <Title order={2} size="h4" id="other-voices-title">
        {t('discipline.otherVoices.title', { n: voices.length })}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t('discipline.otherVoices.intro')}
      </Text>
      <Stack gap="sm">
        {voices.map((v) => (
          <Box key={v.statementId} component="article" data-voice={v.statementId} data-reason={v.reason}>
            <Group gap={6} wrap="wrap">
              <Text size="sm" fw={600}>
                {v.who}
              </Text>
              <Badge size="sm" color={VOICE_COLOR[v.reason]} variant="light" tt="none" data-testid="voice-reason">
                {t(`discipline.otherVoices.reason.${v.reason}`)}
              </Badge>
              <Text size="xs" c="dimmed" className="nowrap">
                {formatDate(v.date)}
              </Text>
              {v.partyId ? (
                <Text size="xs" c="dimmed">
                  {names.party(v.partyId)}
                </Text>
              ) : null}
            </Group>
            {v.office ? (
              <Text size="xs" c="dimmed" data-testid="voice-office">
                {officeLine(v)}
              </Text>
            ) : null}
            <Text size="sm" className="quote" mt={2}>
              “{v.quote}”
            </Text>
            <Group gap={8} mt={2} wrap="wrap">
              {v.issues.map((i) => (
                <Group key={i.id} gap={4}>
                  <Text size="xs">{localTitle(i.title, i.titleKo)}</Text>
                  <StanceBadge stance={i.stance} size="xs" />
                </Group>
              ))}
              {v.sourceUrl ? (
                <Anchor href={v.sourceUrl} target="_blank" rel="noopener noreferrer" size="xs" underline="always">
                  {v.sourceTitle || t('statements.source')} ↗
                </Anchor>
              ) : null}
            </Group>
          </Box>
        ))}
      </Stack>
    </Paper>
  );
}

function SummaryTables({ r }: { r: Report }) {
  const { t } = useTranslation();
  const names = useNames();
  const head = (first: string) => (
    <Table.Thead>
      <Table.Tr>
        <Table.Th scope="col">{first}</Table.Th>
        <Table.Th scope="col">{t('discipline.grade.contradiction')}</Table.Th>
        <Table.Th scope="col">{t('discipline.grade.nuance')}</Table.Th>
        <Table.Th scope="col">{t('discipline.grade.consistent')}</Table.Th>
      </Table.Tr>
    </Table.Thead>
  );
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="by-party">
        <Title order={3} size="h5" id="by-party" mb="xs">
          {t('discipline.byParty')}
        </Title>
        <Table.ScrollContainer minWidth={320}>
          <Table fz="sm" data-testid="summary-party">
            {head(t('discipline.party'))}
            <Table.Tbody>
              {r.summary.byParty.map((p) => (
                <Table.Tr key={p.partyId ?? '-'}>
                  <Table.Th scope="row">{p.partyId ? names.party(p.partyId) : t('discipline.unattributed')}</Table.Th>
                  <Table.Td>{p.contradiction}</Table.Td>
                  <Table.Td>{p.nuance}</Table.Td>
                  <Table.Td>{p.consistent}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="by-org">
        <Title order={3} size="h5" id="by-org" mb="xs">
          {t('discipline.byOrganisation')}
        </Title>
        <Table.ScrollContainer minWidth={320}>
          <Table fz="sm" data-testid="summary-org">
            {head(t('discipline.organisation'))}
            <Table.Tbody>
              {r.summary.byOrganisation.map((o, i) => (
                <Table.Tr key={`${o.organisationId ?? '-'}:${i}`}>
                  <Table.Th scope="row">{o.organisationId ? names.org(o.organisationId, o.organisationName) : t('discipline.noOrganisation', { party: names.party(o.partyId) })}</Table.Th>
                  <Table.Td>{o.contradiction}</Table.Td>
                  <Table.Td>{o.nuance}</Table.Td>
                  <Table.Td>{o.consistent}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
    </SimpleGrid>
  );
}

function TrendChart({ r }: { r: Report }) {
  const { t, i18n } = useTranslation();
  const trend = r.summary.trend;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the chart is rebuilt when the trend or the language changes; t follows the language
  const option = useMemo(
    () => ({
      animation: false,
      textStyle: { fontFamily: 'Inter, "Apple SD Gothic Neo", "Malgun Gothic", "Noto Sans KR", system-ui, sans-serif' },
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0, textStyle: { color: INK } },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: trend.map((m) => m.month), axisLabel: { color: INK } },
      yAxis: [
        { type: 'value', minInterval: 1, axisLabel: { color: INK } },
        { type: 'value', min: 0, max: 1, axisLabel: { color: INK, formatter: (v: number) => `${Math.round(v * 100)}%` } },
      ],
      series: [
        { type: 'bar', stack: 'g', name: t('discipline.grade.contradiction'), data: trend.map((m) => m.contradiction), itemStyle: { color: '#c92a2a' }, barMaxWidth: 28 },
        { type: 'bar', stack: 'g', name: t('discipline.grade.nuance'), data: trend.map((m) => m.nuance), itemStyle: { color: '#e8590c' }, barMaxWidth: 28 },
        { type: 'bar', stack: 'g', name: t('discipline.grade.consistent'), data: trend.map((m) => m.consistent), itemStyle: { color: '#0ca678' }, barMaxWidth: 28 },
        { type: 'line', yAxisIndex: 1, name: t('discipline.divergence'), data: trend.map((m) => m.divergence), itemStyle: { color: '#1c4e80' } },
      ],
    }),
    [trend, i18n.language],
  );
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="trend-title">
      <Title order={2} size="h4" id="trend-title" mb="xs">
        {t('discipline.trendTitle')}
      </Title>
      {trend.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('discipline.noTrend')}
        </Text>
      ) : (
        <Suspense fallback={<Skeleton height={240} />}>
          <LineEChart option={option} height={240} label={t('discipline.trendLabel', { n: trend.length })} testId="discipline-trend" />
        </Suspense>
      )}
    </Paper>
  );
}

const RULE_NUMBERS = ['counterpartWindowDays', 'samePartyWindowDays', 'positionGraceDays', 'nuanceAt', 'contradictionAt'] as const;

function RulesEditor({ view, onClose }: { view: RulesView; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSaveRules(view.wgId);
  const [rules, setRules] = useState<Rules>(view.rules);
  const submit = () => {
    const overrides: Record<string, unknown> = {};
    for (const k of Object.keys(rules) as (keyof Rules)[]) if (JSON.stringify(rules[k]) !== JSON.stringify(view.defaults[k])) overrides[k] = rules[k];
    save.mutate({ overrides: Object.keys(overrides).length ? overrides : null, version: view.version }, { onSuccess: onClose });
  };
  return (
    <Modal opened onClose={onClose} title={t('discipline.editRules')} size="lg">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {RULE_NUMBERS.map((k) => (
            <NumberInput
              key={k}
              label={t(`discipline.rule.${k}`)}
              value={rules[k]}
              min={k.endsWith('At') ? 1 : 0}
              max={k.endsWith('At') ? 5 : 366}
              onChange={(v) => setRules((r) => ({ ...r, [k]: Number(v) || 0 }))}
            />
          ))}
        </SimpleGrid>
        <Switch
          label={t('discipline.rule.oppositeSidesContradict')}
          checked={rules.oppositeSidesContradict}
          onChange={(e) => setRules((r) => ({ ...r, oppositeSidesContradict: e.currentTarget.checked }))}
        />
        <Text size="sm" fw={500}>
          {t('discipline.rule.checks')}
        </Text>
        {Object.keys(rules.checks).map((c) => (
          <Checkbox
            key={c}
            label={t(`discipline.check.${c}`, { defaultValue: c })}
            checked={rules.checks[c]}
            onChange={(e) => setRules((r) => ({ ...r, checks: { ...r.checks, [c]: e.currentTarget.checked } }))}
          />
        ))}
        {save.error ? <FormError error={save.error} message={errorMessage(t, save.error)} /> : null}
        <Group justify="space-between">
          <Button variant="subtle" onClick={() => setRules(view.defaults)}>
            {t('discipline.restoreDefaults')}
          </Button>
          <Group gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('action.cancel')}
            </Button>
            <Button onClick={submit} loading={save.isPending} data-testid="save-rules">
              {t('action.save')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}

function RulesCard({ wgId }: { wgId: string }) {
  const { t } = useTranslation();
  const q = useRules(wgId);
  // The group's chair and secretariat change its settings: the API says whether the caller may.
  const canEdit = !!useGroup(wgId).data?.abilities.changeSettings;
  const [editing, setEditing] = useState(false);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="rules-title" data-testid="discipline-rules">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="rules-title">
          {t('discipline.rulesTitle')}
        </Title>
        {canEdit && q.data ? (
          <Button size="xs" variant="light" onClick={() => setEditing(true)} data-testid="edit-rules">
            {t('discipline.editRules')}
          </Button>
        ) : null}
      </Group>
      <QueryView query={q} rows={3}>
        {(v) => (
          <Stack gap={6}>
            <Text size="xs" c="dimmed">
              {v.overrides ? t('discipline.rulesCustom') : t('discipline.rulesDefault')}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing={6}>
              {RULE_NUMBERS.map((k) => (
                <Text key={k} size="sm">
                  {t(`discipline.rule.${k}`)}: <b>{v.rules[k]}</b>
                </Text>
              ))}
              <Text size="sm">
                {t('discipline.rule.oppositeSidesContradict')}: <b>{v.rules.oppositeSidesContradict ? t('discipline.yes') : t('discipline.no')}</b>
              </Text>
            </SimpleGrid>
            <Group gap={6}>
              {Object.entries(v.rules.checks).map(([c, on]) => (
                <Badge key={c} variant={on ? 'light' : 'outline'} color={on ? 'concord' : 'gray'} tt="none">
                  {on ? '✓' : '✕'} {t(`discipline.check.${c}`, { defaultValue: c })}
                </Badge>
              ))}
            </Group>
            {v.warnings.map((w) => (
              <Text key={w} size="xs" c={hueText('orange', 9)}>
                {w}
              </Text>
            ))}
            {editing ? <RulesEditor view={v} onClose={() => setEditing(false)} /> : null}
          </Stack>
        )}
      </QueryView>
    </Paper>
  );
}

export default function DisciplinePage() {
  const { wgId = '' } = useParams();
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const { hash } = useLocation();
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const [includeConsistent, setIncludeConsistent] = useState(false);
  const q = useDiscipline(wgId, { from: from || undefined, to: to || undefined, includeConsistent });
  const setParam = (k: string, v: string) => {
    const p = new URLSearchParams(params);
    if (v) p.set(k, v);
    else p.delete(k);
    setParams(p, { replace: true });
  };
  const target = hash.slice(1);
  useEffect(() => {
    if (target && q.data) document.getElementById(target)?.scrollIntoView({ block: 'center' });
  }, [target, q.data]);
  return (
    <>
      <PageHeader
        title={t('discipline.title')}
        subtitle={t('discipline.subtitle')}
        actions={<DownloadCsv path={`/working-groups/${wgId}/discipline/export.csv`} filter={{ from: from || undefined, to: to || undefined, includeConsistent: includeConsistent || undefined }} />}
      />
      <Stack gap="md">
        <Paper withBorder radius="md" p="md" component="section" aria-label={t('discipline.period')}>
          <Group align="flex-end" wrap="wrap">
            <DateField label={t('discipline.from')} value={from} onChange={(v) => setParam('from', v)} w={180} />
            <DateField label={t('discipline.to')} value={to} onChange={(v) => setParam('to', v)} w={180} />
            <Checkbox label={t('discipline.includeConsistent')} checked={includeConsistent} onChange={(e) => setIncludeConsistent(e.currentTarget.checked)} mb={8} />
            {from || to ? (
              <Button variant="subtle" size="xs" mb={6} onClick={() => setParams(new URLSearchParams(), { replace: true })}>
                {t('discipline.allTime')}
              </Button>
            ) : null}
          </Group>
        </Paper>
        {q.isPending ? (
          <LoadingState rows={6} />
        ) : q.error ? (
          <ErrorState error={q.error} onRetry={() => void q.refetch()} />
        ) : (
          <>
            <Group gap="sm" data-testid="discipline-totals">
              {GRADES.map((g) => (
                <Badge key={g} size="lg" color={GRADE_COLOR[g]} variant="light" tt="none">
                  {t(`discipline.grade.${g}`)} · {q.data.summary.totals[g]}
                </Badge>
              ))}
              <Text size="xs" c="dimmed">
                {t('discipline.totals', { n: q.data.summary.totals.total })}
              </Text>
            </Group>
            {q.data.ruleWarnings.map((w) => (
              <Text key={w} size="xs" c={hueText('orange', 9)}>
                {w}
              </Text>
            ))}
            {q.data.findings.length === 0 ? (
              <EmptyState title={t('discipline.emptyTitle')} icon={<IconFlag />}>
                {t('discipline.emptyBody')}
              </EmptyState>
            ) : (
              <Stack gap="lg" data-testid="findings">
                {GRADES.map((g) => {
                  const list = q.data.findings.filter((f) => f.grade === g);
                  if (!list.length) return null;
                  return (
                    <Stack key={g} gap="sm" component="section" aria-labelledby={`grade-${g}`}>
                      <Title order={2} size="h4" id={`grade-${g}`}>
                        {t(`discipline.gradeHeading.${g}`, { count: list.length })}
                      </Title>
                      {list.map((f) => (
                        <FindingCard key={f.id} f={f} target={findingAnchor(f.id) === target} />
                      ))}
                    </Stack>
                  );
                })}
              </Stack>
            )}
            <OtherVoices voices={q.data.otherVoices} />
            <SummaryTables r={q.data} />
            <TrendChart r={q.data} />
          </>
        )}
        <RulesCard wgId={wgId} />
        <Text size="xs" c="dimmed">
          <Anchor component={Link} to={`/groups/${wgId}/statements`} size="xs">
            {t('nav.statements')}
          </Anchor>
        </Text>
      </Stack>
    </>
  );
}
