import { Fragment, useState } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Badge, Button, Code, Group, Paper, Select, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { get } from '../../api/client.ts';
import type { AuditPage as AuditEventPage } from '../../../core/api/audit.ts';
import { useGroup } from '../groups/api.ts';
import { PageHeader } from '../../app/PageHeader.tsx';
import { DownloadCsv } from '../../app/DownloadCsv.tsx';
import { AccessBadge } from '../../app/AccessBadge.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../app/states.tsx';
import { formatDateTime, localTitle } from '../../app/format.ts';
import { useNames } from '../../app/reference.ts';
import { hueText } from '../../app/theme.ts';
import { IconHistory } from '../../app/icons.tsx';

const ENTITY_TYPES = ['meeting', 'position', 'statement', 'document', 'commitment', 'project', 'issue', 'working_group', 'note'] as const;
const PAGE = 30;

/** Which top-level fields differ between before and after. */
function changedKeys(before: unknown, after: unknown): string[] {
  const b = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === 'object' ? after : {}) as Record<string, unknown>;
  return [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]));
}

const show = (v: unknown) => (v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

/** The record an entry is about, by its title or name in the reader's language, or its own words (never its id). */
function recordName(v: unknown): string | null {
  if (!v || typeof v !== 'object') return null;
  const r = v as Record<string, unknown>;
  const str = (...keys: string[]) => keys.map((k) => r[k]).find((x): x is string => typeof x === 'string' && x.length > 0) ?? null;
  const en = str('title', 'name', 'shortName', 'short_name');
  // A record without a title (a statement, a note, a position) by its own words.
  const name = en ? localTitle(en, str('titleKo', 'title_ko', 'nameKo', 'name_ko')) : str('quote', 'body', 'rationale', 'conditions');
  return name && name.length > 120 ? `${name.slice(0, 119)}…` : name;
}

export default function AuditPage() {
  const { wgId = '' } = useParams();
  const { t } = useTranslation();
  const names = useNames();
  const g = useGroup(wgId);
  const [entityType, setEntityType] = useState<string | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const q = useInfiniteQuery({
    queryKey: ['audit', wgId, entityType],
    queryFn: ({ pageParam, signal }) => get<AuditEventPage>('/audit', { wgId, entityType, before: pageParam ?? undefined, limit: PAGE }, signal),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextBefore ?? null,
  });
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeader
        title={t('audit.title')}
        subtitle={t('audit.subtitle')}
        crumbs={[{ label: g.data ? localTitle(g.data.shortName || g.data.name, g.data.nameKo) : '…', to: `/groups/${wgId}` }]}
        actions={<DownloadCsv path="/audit/export.csv" filter={{ wgId, entityType }} />}
      />
      <Group mb="md">
        <Select
          label={t('audit.entityType')}
          clearable
          placeholder={t('audit.allTypes')}
          data={ENTITY_TYPES.map((e) => ({ value: e, label: t(`entity.${e}`) }))}
          value={entityType}
          onChange={setEntityType}
          w={240}
        />
      </Group>
      {q.isPending ? (
        <LoadingState rows={8} />
      ) : q.error ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={t('audit.emptyTitle')} icon={<IconHistory />}>
          {t('audit.emptyBody')}
        </EmptyState>
      ) : (
        <Stack gap="sm">
          <Paper withBorder radius="md">
            <Table.ScrollContainer minWidth={760}>
              <Table verticalSpacing="xs" data-testid="audit-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">#</Table.Th>
                    <Table.Th scope="col">{t('audit.when')}</Table.Th>
                    <Table.Th scope="col">{t('audit.who')}</Table.Th>
                    <Table.Th scope="col">{t('audit.action')}</Table.Th>
                    <Table.Th scope="col">{t('audit.record')}</Table.Th>
                    <Table.Th scope="col">{t('audit.changes')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((e) => {
                    const keys = changedKeys(e.before, e.after);
                    return (
                      <Fragment key={e.seq}>
                        <Table.Tr data-seq={e.seq}>
                          <Table.Td>
                            <Text size="xs" c="dimmed">
                              {e.seq}
                            </Text>
                          </Table.Td>
                          <Table.Td className="nowrap">
                            <Text size="sm">{formatDateTime(e.at)}</Text>
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm">{e.actorName ?? t('audit.system')}</Text>
                            {e.actorOrgId ? (
                              <Text size="xs" c="dimmed">
                                {names.orgShort(e.actorOrgId)}
                              </Text>
                            ) : null}
                          </Table.Td>
                          <Table.Td>
                            <Badge variant="light" color="gray" tt="none">
                              {t(`auditAction.${e.action.replace('.', '_')}`, { defaultValue: e.action })}
                            </Badge>
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm">{t(`entity.${e.entityType}`, { defaultValue: e.entityType })}</Text>
                            {(recordName(e.after) ?? recordName(e.before)) ? (
                              <Text size="xs" c="dimmed">
                                {recordName(e.after) ?? recordName(e.before)}
                              </Text>
                            ) : null}
                          </Table.Td>
                          <Table.Td>
                            {keys.length ? (
                              <UnstyledButton onClick={() => setOpen(open === e.seq ? null : e.seq)} aria-expanded={open === e.seq}>
                                <Text size="sm" c={hueText('concord', 8)} td="underline">
                                  {t('audit.fieldsChanged', { count: keys.length })}
                                </Text>
                              </UnstyledButton>
                            ) : (
                              <Text size="xs" c="dimmed">
                                —
                              </Text>
                            )}
                          </Table.Td>
                        </Table.Tr>
                        {open === e.seq ? (
                          <Table.Tr>
                            <Table.Td colSpan={6} bg="var(--concord-muted)">
                              <Group justify="space-between" mb="xs">
                                <AccessBadge access={e.access} />
                                <Text size="xs" c="dimmed">
                                  {t('audit.hash')}: <Code fz="xs">{e.hash.slice(0, 16)}…</Code>
                                </Text>
                              </Group>
                              <Table fz="xs" withTableBorder>
                                <Table.Thead>
                                  <Table.Tr>
                                    <Table.Th scope="col">{t('audit.field')}</Table.Th>
                                    <Table.Th scope="col">{t('audit.before')}</Table.Th>
                                    <Table.Th scope="col">{t('audit.after')}</Table.Th>
                                  </Table.Tr>
                                </Table.Thead>
                                <Table.Tbody>
                                  {keys.map((k) => (
                                    <Table.Tr key={k}>
                                      <Table.Td fw={600}>{k}</Table.Td>
                                      <Table.Td style={{ wordBreak: 'break-word' }}>{show((e.before as Record<string, unknown> | null)?.[k])}</Table.Td>
                                      <Table.Td style={{ wordBreak: 'break-word' }}>{show((e.after as Record<string, unknown> | null)?.[k])}</Table.Td>
                                    </Table.Tr>
                                  ))}
                                </Table.Tbody>
                              </Table>
                            </Table.Td>
                          </Table.Tr>
                        ) : null}
                      </Fragment>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
          {q.hasNextPage ? (
            <Group justify="center">
              <Button variant="default" onClick={() => void q.fetchNextPage()} loading={q.isFetchingNextPage}>
                {t('action.loadMore')}
              </Button>
            </Group>
          ) : null}
        </Stack>
      )}
    </>
  );
}
