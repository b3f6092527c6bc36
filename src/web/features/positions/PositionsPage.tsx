import { useMemo, useState } from 'react';
import { Badge, Box, Button, Drawer, Group, Paper, Stack, Table, Text, Timeline, Tooltip, UnstyledButton } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import '@mantine/dates/styles.css';
import dayjs from 'dayjs';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useTrackName } from '../../app/tracks.ts';
import { useGroup } from '../groups/api.ts';
import { useIssues, usePositionHistory, usePositions } from './api.ts';
import { RecordPositionDialog } from './RecordPositionDialog.tsx';
import { NewIssueDialog } from './NewIssueDialog.tsx';
import { StanceBadge } from './stance.tsx';
import { PageHeader } from '../../app/PageHeader.tsx';
import { DownloadCsv } from '../../app/DownloadCsv.tsx';
import { AccessBadge } from '../../app/AccessBadge.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../app/states.tsx';
import { formatDate, localTitle, todayIso } from '../../app/format.ts';
import { useNames } from '../../app/reference.ts';
import { IconHistory, IconLock, IconPlus, IconScale } from '../../app/icons.tsx';
import type { Issue } from '../../../core/api/issues.ts';
import { useUrlState } from '../../app/url-state.ts';
import type { Position } from '../../../core/api/positions.ts';

interface Holder {
  key: string;
  partyId: string;
  organisationId: string | null;
}
const holderKey = (p: { partyId: string; organisationId: string | null }) => (p.organisationId ? `org:${p.organisationId}` : `party:${p.partyId}`);

function HistoryDrawer({ issue, holder, onClose }: { issue: Issue | null; holder: Holder | null; onClose: () => void }) {
  const { t } = useTranslation();
  const names = useNames();
  const q = usePositionHistory(issue ? { issueId: issue.id, ...(holder ? { partyId: holder.partyId, ...(holder.organisationId ? { organisationId: holder.organisationId } : {}) } : {}) } : null);
  const items = (q.data?.items ?? []).filter((p) => !holder || holderKey(p) === holder.key);
  return (
    <Drawer opened={!!issue} onClose={onClose} position="right" size="lg" title={issue ? t('positions.historyTitle', { issue: localTitle(issue.title, issue.titleKo) }) : ''}>
      {q.isPending ? (
        <LoadingState rows={4} />
      ) : q.error ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={t('positions.noHistory')} icon={<IconHistory />} />
      ) : (
        <Timeline active={0} bulletSize={14} lineWidth={2} data-testid="position-history">
          {items.map((p) => (
            <Timeline.Item
              key={p.id}
              title={
                <Group gap="xs">
                  <StanceBadge stance={p.stance} />
                  <Text size="sm" fw={600}>
                    {p.organisationId ? names.org(p.organisationId) : names.party(p.partyId)}
                  </Text>
                </Group>
              }
            >
              <Text size="xs" c="dimmed">
                {t('positions.from', { date: formatDate(p.validFrom) })}
                {p.sourceRef ? ` · ${t(`sourceKind.${p.sourceKind ?? 'other'}`, { defaultValue: p.sourceKind ?? '' })}: ${p.sourceRef}` : ''}
              </Text>
              {p.conditions ? (
                <Text size="sm" mt={4}>
                  <b>{t('positions.conditions')}:</b> {p.conditions}
                </Text>
              ) : null}
              {p.rationale ? (
                <Text size="sm" mt={2}>
                  {p.rationale}
                </Text>
              ) : null}
              <Box mt={4}>
                <AccessBadge access={p.access} compact />
              </Box>
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </Drawer>
  );
}

function Cell({ p, onOpen }: { p: Position | undefined; onOpen: () => void }) {
  const { t } = useTranslation();
  if (!p)
    return (
      <Text size="xs" c="dimmed">
        —
      </Text>
    );
  const internal = p.access.scope === 'organisation' || p.access.scope === 'party';
  return (
    <UnstyledButton onClick={onOpen} title={t('positions.openHistory')} data-position={p.id} data-scope={p.access.scope}>
      <Stack gap={2}>
        <Group gap={4} wrap="nowrap">
          <StanceBadge stance={p.stance} />
          {internal ? (
            <Tooltip label={t(`scopeHelp.${p.access.scope}`)}>
              <span style={{ color: 'var(--mantine-color-grape-9)', display: 'inline-flex' }}>
                <IconLock size={13} />
                <span className="sr-only">{t(`scope.${p.access.scope}`)}</span>
              </span>
            </Tooltip>
          ) : null}
        </Group>
        <Text size="xs" c="dimmed">
          {formatDate(p.validFrom)}
        </Text>
        {p.conditions ? (
          <Text size="xs" lineClamp={2} maw={220}>
            {p.conditions}
          </Text>
        ) : null}
      </Stack>
    </UnstyledButton>
  );
}

export default function PositionsPage() {
  const { wgId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const names = useNames();
  const g = useGroup(wgId);
  const [asOf, setAsOf] = useUrlState('asOf', todayIso());
  const issues = useIssues(wgId);
  const positions = usePositions(wgId, asOf);
  const [recording, setRecording] = useState<{ issueId?: string } | null>(null);
  const [addingIssue, setAddingIssue] = useState(false);
  const [history, setHistory] = useState<{ issue: Issue; holder: Holder | null } | null>(null);

  const { holders, byCell } = useMemo(() => {
    const hs = new Map<string, Holder>();
    const cells = new Map<string, Position>();
    for (const p of positions.data?.items ?? []) {
      const k = holderKey(p);
      if (!hs.has(k)) hs.set(k, { key: k, partyId: p.partyId, organisationId: p.organisationId });
      cells.set(`${p.issueId}|${k}`, p);
    }
    const order = (g.data?.parties ?? []).map((p) => p.id);
    const list = [...hs.values()].sort((a, b) => order.indexOf(a.partyId) - order.indexOf(b.partyId) || (a.organisationId ? 1 : 0) - (b.organisationId ? 1 : 0) || a.key.localeCompare(b.key));
    return { holders: list, byCell: cells };
  }, [positions.data, g.data]);

  const canRecord = !!g.data?.abilities.recordPosition;
  const holderLabel = (h: Holder) => (h.organisationId ? names.orgShort(h.organisationId) : names.party(h.partyId));
  const issueList = issues.data?.items ?? [];
  const trackName = useTrackName(wgId);
  const tracks = new Map<string, Issue[]>();
  for (const i of issueList) {
    const k = trackName(i.trackId, i.trackName);
    tracks.set(k, [...(tracks.get(k) ?? []), i]);
  }
  // A position can be visible when its issue is not (e.g. an organisation's own position on an
  // issue of a group it does not take part in): show those under their issue id.
  const known = new Set(issueList.map((i) => i.id));
  const unshared = [...new Set((positions.data?.items ?? []).map((p) => p.issueId).filter((id) => !known.has(id)))];
  if (unshared.length)
    tracks.set(
      t('positions.notSharedTrack'),
      unshared.map((id) => ({
        id,
        version: 0,
        wgId,
        trackId: null,
        trackName: null,
        code: null,
        title: id,
        titleKo: null,
        description: null,
        keywords: [],
        access: positions.data!.items.find((p) => p.issueId === id)!.access,
        abilities: { update: false, recordPosition: false, addNote: false },
      })),
    );

  return (
    <>
      <PageHeader
        title={t('positions.title')}
        subtitle={t('positions.subtitle')}
        crumbs={[{ label: g.data ? localTitle(g.data.shortName || g.data.name, g.data.nameKo) : '…', to: `/groups/${wgId}` }]}
        actions={
          <Group gap="xs">
            <DownloadCsv path="/positions/export.csv" filter={{ wgId, asOf }} />
            {g.data?.abilities.createIssue ? (
              <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => setAddingIssue(true)} data-testid="new-issue">
                {t('create.issue.open')}
              </Button>
            ) : null}
            {canRecord ? (
              <Button leftSection={<IconPlus size={16} />} onClick={() => setRecording({})} data-testid="record-position">
                {t('positions.record')}
              </Button>
            ) : null}
          </Group>
        }
      />
      <Paper withBorder p="sm" radius="md" mb="md">
        <Group justify="space-between" align="flex-end" wrap="wrap">
          <DatePickerInput
            label={t('positions.asOf')}
            value={asOf}
            onChange={(v) => v && setAsOf(dayjs(v).format('YYYY-MM-DD'))}
            maxDate={todayIso()}
            valueFormat={i18n.language === 'ko' ? 'YYYY년 M월 D일' : 'D MMM YYYY'}
            locale={i18n.language}
            w={220}
            data-testid="as-of"
          />
          <Group gap="xs">
            <Badge variant="outline" color="grape" leftSection={<IconLock size={11} />}>
              {t('positions.internalLegend')}
            </Badge>
            <Text size="xs" c="dimmed" maw={420}>
              {t('positions.asOfHelp')}
            </Text>
          </Group>
        </Group>
      </Paper>
      {issues.isPending || positions.isPending ? (
        <LoadingState rows={6} />
      ) : issues.error || positions.error ? (
        <ErrorState
          error={issues.error ?? positions.error}
          onRetry={() => {
            void issues.refetch();
            void positions.refetch();
          }}
        />
      ) : issueList.length === 0 && unshared.length === 0 ? (
        <EmptyState title={t('positions.noIssuesTitle')} icon={<IconScale />}>
          {t('positions.noIssuesBody')}
        </EmptyState>
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={Math.max(640, 260 + holders.length * 170)}>
            <Table verticalSpacing="sm" data-testid="positions-table" stickyHeader>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" w={280}>
                    {t('positions.issue')}
                  </Table.Th>
                  {holders.map((h) => (
                    <Table.Th scope="col" key={h.key} miw={150}>
                      {holderLabel(h)}
                      {h.organisationId ? (
                        <Text size="xs" c="dimmed" fw={400}>
                          {names.partyCode(h.partyId)}
                        </Text>
                      ) : null}
                    </Table.Th>
                  ))}
                  <Table.Th scope="col">
                    <span className="sr-only">{t('meeting.actions')}</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {[...tracks].map(([track, list]) => [
                  track ? (
                    <Table.Tr key={`track-${track}`} bg="var(--concord-muted)">
                      <Table.Td colSpan={holders.length + 2}>
                        <Text size="xs" tt="uppercase" fw={700} c="dimmed">
                          {track}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ) : null,
                  ...list.map((i) => (
                    <Table.Tr key={i.id} data-issue={i.id}>
                      <Table.Td>
                        <Text size="sm" fw={600}>
                          {i.code ? (
                            <Text span c="dimmed" size="xs" mr={4}>
                              {i.code}
                            </Text>
                          ) : null}
                          {localTitle(i.title, i.titleKo)}
                        </Text>
                        {i.titleKo && i18n.language !== 'ko' ? (
                          <Text size="xs" c="dimmed" lang="ko">
                            {i.titleKo}
                          </Text>
                        ) : null}
                      </Table.Td>
                      {holders.map((h) => (
                        <Table.Td key={h.key}>
                          <Cell p={byCell.get(`${i.id}|${h.key}`)} onOpen={() => setHistory({ issue: i, holder: h })} />
                        </Table.Td>
                      ))}
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                          <Button size="compact-xs" variant="subtle" onClick={() => setHistory({ issue: i, holder: null })}>
                            {t('positions.history')}
                          </Button>
                          {i.abilities.recordPosition ? (
                            <Button size="compact-xs" variant="subtle" onClick={() => setRecording({ issueId: i.id })}>
                              {t('positions.recordShort')}
                            </Button>
                          ) : null}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  )),
                ])}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {holders.length === 0 ? (
            <Box p="md">
              <Text size="sm" c="dimmed">
                {t('positions.noneAsOf', { date: formatDate(asOf) })}
              </Text>
            </Box>
          ) : null}
        </Paper>
      )}
      {g.data ? <NewIssueDialog opened={addingIssue} onClose={() => setAddingIssue(false)} group={g.data} /> : null}
      {g.data ? <RecordPositionDialog opened={!!recording} onClose={() => setRecording(null)} group={g.data} issues={issueList} issueId={recording?.issueId} /> : null}
      <HistoryDrawer issue={history?.issue ?? null} holder={history?.holder ?? null} onClose={() => setHistory(null)} />
    </>
  );
}
