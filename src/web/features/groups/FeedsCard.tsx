import { useState } from 'react';
import { Anchor, Badge, Button, Card, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { del, get, post } from '../../api/client.ts';
import { FormError } from '../../app/FormError.tsx';
import { EmptyState, QueryView } from '../../app/states.tsx';
import { formatDateTime } from '../../app/format.ts';
import { FEED_LANGUAGES, type Feed, type FeedCreate, type FeedList } from '../../../core/api/feeds.ts';

const feedsKey = (wgId: string) => ['feeds', wgId];

const useFeeds = (wgId: string) => useQuery({ queryKey: feedsKey(wgId), queryFn: ({ signal }) => get<FeedList>('/feeds', { wgId }, signal) });

function useFollow(wgId: string) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (body: FeedCreate) => post<{ id: string }>('/feeds', body), onSettled: () => qc.invalidateQueries({ queryKey: feedsKey(wgId) }) });
}

function useUnfollow(wgId: string) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (f: Feed) => del(`/feeds/${f.id}`, f.version), onSettled: () => qc.invalidateQueries({ queryKey: feedsKey(wgId) }) });
}

const FAILED = new Set(['http_error', 'timeout', 'too_large', 'malformed', 'blocked', 'network', 'not_allowed']);

/** The last fetch in words (the status in the reader's language, the detail as the server gave it). */
function FeedStatus({ f }: { f: Feed }) {
  const { t } = useTranslation();
  const color = FAILED.has(f.lastStatus) ? 'red' : f.lastStatus === 'pending' ? 'gray' : 'green';
  return (
    <Stack gap={2}>
      <Group gap={6}>
        <Badge variant="light" color={color} data-testid="feed-status">
          {t(`feeds.status.${f.lastStatus}`)}
        </Badge>
        {f.failureCount > 1 ? (
          <Text size="xs" c="dimmed">
            {t('feeds.failures', { count: f.failureCount })}
          </Text>
        ) : null}
      </Group>
      {f.lastError ? (
        <Text size="xs" c="dimmed">
          {f.lastError}
        </Text>
      ) : null}
    </Stack>
  );
}

/**
 * The feeds a group follows, on its settings page: each with the last fetch (when, what it came
 * to, in words), how many items it brought, and the next fetch; the secretariat adds and removes
 * them. New items reach the review queue, which names the feed each came from.
 */
export function FeedsCard({ wgId }: { wgId: string }) {
  const { t } = useTranslation();
  const q = useFeeds(wgId);
  const follow = useFollow(wgId);
  const unfollow = useUnfollow(wgId);
  const [url, setUrl] = useState('');
  const [title, setTitle] = useState('');
  const [language, setLanguage] = useState<(typeof FEED_LANGUAGES)[number]>('auto');
  const urlOk = /^https?:\/\/\S+$/.test(url.trim());
  return (
    <Card withBorder radius="md" padding="lg" data-testid="group-feeds">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('feeds.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('feeds.help')}
        </Text>
        <QueryView query={q} rows={2}>
          {(d) => (
            <Stack gap="sm">
              {d.items.length === 0 ? (
                <EmptyState title={t('feeds.none')} />
              ) : (
                <Table.ScrollContainer minWidth={640}>
                  <Table verticalSpacing="xs">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('feeds.feed')}</Table.Th>
                        <Table.Th>{t('feeds.lastFetched')}</Table.Th>
                        <Table.Th>{t('feeds.lastStatus')}</Table.Th>
                        <Table.Th>{t('feeds.items')}</Table.Th>
                        <Table.Th />
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {d.items.map((f) => (
                        <Table.Tr key={f.id} data-testid="feed-row">
                          <Table.Td>
                            <Stack gap={0}>
                              <Text size="sm" fw={500}>
                                {f.title ?? f.url}
                              </Text>
                              <Anchor href={f.url} target="_blank" rel="noopener noreferrer" size="xs" c="dimmed">
                                {f.url}
                              </Anchor>
                              <Text size="xs" c="dimmed">
                                {t(`feeds.language.${f.language}`)}
                              </Text>
                            </Stack>
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm">{f.lastFetchedAt ? formatDateTime(f.lastFetchedAt) : t('feeds.never')}</Text>
                            <Text size="xs" c="dimmed">
                              {t('feeds.next', { when: formatDateTime(f.nextFetchAt) })}
                            </Text>
                          </Table.Td>
                          <Table.Td>
                            <FeedStatus f={f} />
                          </Table.Td>
                          <Table.Td>{f.itemCount}</Table.Td>
                          <Table.Td>
                            {f.abilities.unfollow ? (
                              <Button size="xs" variant="light" color="red" loading={unfollow.isPending && unfollow.variables?.id === f.id} onClick={() => unfollow.mutate(f)}>
                                {t('feeds.unfollow')}
                              </Button>
                            ) : null}
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
              <FormError error={unfollow.error} />
              {d.abilities.follow ? (
                <form
                  noValidate
                  onSubmit={(e) => {
                    e.preventDefault();
                    if (!urlOk) return;
                    follow.mutate(
                      { wgId, url: url.trim(), title: title.trim() || null, language },
                      {
                        onSuccess: () => {
                          setUrl('');
                          setTitle('');
                          setLanguage('auto');
                        },
                      },
                    );
                  }}
                >
                  <Stack gap="xs">
                    <FormError error={follow.error} />
                    <Group gap="xs" align="flex-end" wrap="wrap">
                      <TextInput
                        style={{ flex: 2, minWidth: 220 }}
                        label={t('feeds.url')}
                        placeholder="https://"
                        value={url}
                        error={url && !urlOk ? t('review.urlInvalid') : undefined}
                        onChange={(e) => setUrl(e.currentTarget.value)}
                      />
                      <TextInput style={{ flex: 1, minWidth: 160 }} label={t('feeds.feedTitle')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
                      <Select
                        w={150}
                        label={t('feeds.languageLabel')}
                        allowDeselect={false}
                        data={FEED_LANGUAGES.map((l) => ({ value: l, label: t(`feeds.language.${l}`) }))}
                        value={language}
                        onChange={(v) => setLanguage((v as (typeof FEED_LANGUAGES)[number]) ?? 'auto')}
                      />
                      <Button type="submit" variant="light" disabled={!urlOk} loading={follow.isPending}>
                        {t('feeds.follow')}
                      </Button>
                    </Group>
                  </Stack>
                </form>
              ) : null}
            </Stack>
          )}
        </QueryView>
      </Stack>
    </Card>
  );
}
