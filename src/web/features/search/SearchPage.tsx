import { Fragment, type ReactNode } from 'react';
import { Anchor, Badge, Box, Button, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../../app/PageHeader.tsx';
import { EmptyState, QueryView } from '../../app/states.tsx';
import { AccessBadge } from '../../app/AccessBadge.tsx';
import { formatDate, localTitle } from '../../app/format.ts';
import { IconSearch } from '../../app/icons.tsx';
import { SEARCH_KINDS, type SearchKind, type SearchResult } from '../../../core/api/search.ts';
import { useSearch } from './api.ts';
import { SearchField } from './SearchBox.tsx';

const PAGE = 50;
const MAX = 200;

/** Where a result leads: its own page where it has one, else its group's list of its kind. Null when its group is not the reader's to see. */
function linkOf(r: SearchResult): string | null {
  if (r.kind === 'working_group') return `/groups/${r.id}`;
  const g = r.group?.id;
  if (!g) return null;
  const kind = r.kind === 'note' ? r.target?.kind : r.kind;
  const id = r.kind === 'note' ? r.target?.id : r.id;
  switch (kind) {
    case 'working_group':
      return `/groups/${id}`;
    case 'meeting':
      return `/groups/${g}/meetings/${id}`;
    case 'document':
      return `/groups/${g}/documents/${id}`;
    case 'statement':
      return `/groups/${g}/statements`;
    case 'commitment':
      return `/groups/${g}/commitments`;
    case 'project':
      return `/groups/${g}/projects`;
    case 'issue':
    case 'position':
      return `/groups/${g}/positions`;
    default:
      return `/groups/${g}`;
  }
}

/** The snippet with the words marked. */
function Snippet({ snippet }: { snippet: SearchResult['snippet'] }) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const r of snippet.ranges) {
    if (r.start > at) parts.push(snippet.text.slice(at, r.start));
    parts.push(
      <mark key={r.start} className="search-hit">
        {snippet.text.slice(r.start, r.end)}
      </mark>,
    );
    at = r.end;
  }
  if (at < snippet.text.length) parts.push(snippet.text.slice(at));
  return (
    <Text size="sm" c="dimmed" data-testid="search-snippet" style={{ overflowWrap: 'anywhere' }}>
      {parts.map((p, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the pieces of one snippet, fixed for its render
        <Fragment key={i}>{p}</Fragment>
      ))}
    </Text>
  );
}

function Result({ r }: { r: SearchResult }) {
  const { t } = useTranslation();
  const to = linkOf(r);
  const title = localTitle(r.title, r.titleKo) || t(`entity.${r.kind}`);
  return (
    <Stack gap={2} py="xs" data-testid="search-result" data-kind={r.kind} style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
      <Group gap="xs" justify="space-between" wrap="wrap">
        {to ? (
          <Anchor component={Link} to={to} fw={600} lineClamp={2}>
            {title}
          </Anchor>
        ) : (
          <Text fw={600} lineClamp={2}>
            {title}
          </Text>
        )}
        <AccessBadge access={r.access} compact />
      </Group>
      <Text size="xs" c="dimmed">
        {[r.group ? localTitle(r.group.name, r.group.nameKo) : null, r.at ? formatDate(r.at) : null, t(`search.where.${r.part === 'record' ? r.field : r.part}`)].filter(Boolean).join(' · ')}
      </Text>
      <Snippet snippet={r.snippet} />
    </Stack>
  );
}

/** /search?q=…&kind=…: the records the user may see holding every word, grouped by kind. */
export default function SearchPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const kindParam = params.get('kind');
  const kind = (SEARCH_KINDS as readonly string[]).includes(kindParam ?? '') ? (kindParam as SearchKind) : undefined;
  const limit = Math.min(MAX, Math.max(PAGE, Number(params.get('limit')) || PAGE));
  const query = useSearch({ q, kind, limit });
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader title={t('search.title')} subtitle={q ? t('search.for', { q }) : t('search.help')} />
      <Group mb="md" gap="sm" align="flex-end">
        {/* On a phone the header has no field: the page has its own. */}
        <Box hiddenFrom="sm" style={{ flex: 1, minWidth: 200 }}>
          <SearchField testId="search-page-box" autoFocus={!q} />
        </Box>
        <Select
          label={t('search.kind')}
          data={[{ value: '', label: t('search.allKinds') }, ...SEARCH_KINDS.map((k) => ({ value: k, label: t(`entity.${k}`) }))]}
          value={kind ?? ''}
          onChange={(v) => set('kind', v || null)}
          allowDeselect={false}
          w={220}
          data-testid="search-kind"
        />
      </Group>
      {!q ? (
        <EmptyState title={t('search.emptyTitle')} icon={<IconSearch />}>
          {t('search.help')}
        </EmptyState>
      ) : (
        <Box aria-busy={query.isPlaceholderData ? true : undefined} data-search-for={query.data && !query.isPlaceholderData ? q : undefined}>
          <QueryView
            query={query}
            empty={(d) =>
              d.items.length ? null : (
                <EmptyState title={t('search.none')} icon={<IconSearch />}>
                  {t('search.noneHelp')}
                </EmptyState>
              )
            }
          >
            {(d) => {
              const byKind = SEARCH_KINDS.map((k) => ({ k, items: d.items.filter((r) => r.kind === k) })).filter((g) => g.items.length);
              return (
                <Stack gap="md" data-testid="search-results">
                  <Text size="sm" c="dimmed" aria-live="polite">
                    {t('search.count', { count: d.items.length })}
                    {d.truncated ? ` ${t('search.truncated')}` : ''}
                  </Text>
                  {byKind.map(({ k, items }) => (
                    <Paper key={k} withBorder p="md" radius="md" data-testid={`search-group-${k}`}>
                      <Group gap="xs" mb="xs">
                        <Title order={2} size="h4">
                          {t(`entity.${k}`)}
                        </Title>
                        <Badge variant="light" size="sm">
                          {items.length}
                        </Badge>
                      </Group>
                      {items.map((r) => (
                        <Result key={`${r.kind}:${r.id}`} r={r} />
                      ))}
                    </Paper>
                  ))}
                  {d.nextCursor && limit < MAX ? (
                    <Button variant="light" onClick={() => set('limit', String(Math.min(MAX, limit + PAGE)))} loading={query.isFetching} style={{ alignSelf: 'flex-start' }}>
                      {t('search.more')}
                    </Button>
                  ) : null}
                </Stack>
              );
            }}
          </QueryView>
        </Box>
      )}
    </>
  );
}
