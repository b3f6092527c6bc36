import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Anchor, Badge, Button, Code, CopyButton, Group, List, NumberInput, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { del, get, post } from '../../api/client.ts';
import { useGroup, useGroups } from '../groups/api.ts';
import type { NewToken, Token, TokenCreate } from '../../../core/api/session.ts';
import { TOKEN_DEFAULT_DAYS, TOKEN_MAX_DAYS } from '../../../core/vocabulary.ts';
import { PageHeader } from '../../app/PageHeader.tsx';
import { ErrorState, LoadingState } from '../../app/states.tsx';
import { FormError } from '../../app/FormError.tsx';
import { formatDateTime, localTitle, todayIso } from '../../app/format.ts';
import { UpcomingMeetings } from '../series/UpcomingMeetings.tsx';

/** Subscribe a calendar app to the group's meetings: a feed-only calendar token in the URL; and my API tokens, listed and revoked. */
export default function CalendarPage() {
  const { wgId = '' } = useParams();
  const { t } = useTranslation();
  const g = useGroup(wgId);
  const qc = useQueryClient();
  const tokens = useQuery({ queryKey: ['tokens'], queryFn: ({ signal }) => get<{ items: Token[] }>('/tokens', undefined, signal) });
  const groups = useGroups();
  const [name, setName] = useState('');
  const [days, setDays] = useState<number>(TOKEN_DEFAULT_DAYS);
  const [secret, setSecret] = useState<string | null>(null);
  const create = useMutation({
    // A calendar token: it opens this group's feed and nothing else, and expires.
    mutationFn: (n: string) => post<NewToken>('/tokens', { name: n, scope: 'calendar', wgId, days } satisfies TokenCreate),
    onSuccess: (r) => {
      setSecret(r.token);
      void qc.invalidateQueries({ queryKey: ['tokens'] });
    },
  });
  const revoke = useMutation({ mutationFn: (id: string) => del(`/tokens/${id}`), onSuccess: () => void qc.invalidateQueries({ queryKey: ['tokens'] }) });
  const base = `${location.origin}/api/working-groups/${wgId}/calendar.ics`;
  const feed = secret ? `${base}?token=${secret}` : `${base}?token=…`;
  const groupName = g.data ? localTitle(g.data.shortName || g.data.name, g.data.nameKo) : '';
  const groupOf = (id: string | null) => {
    if (!id) return '—';
    const x = groups.data?.items.find((gr) => gr.id === id);
    return x ? localTitle(x.shortName || x.name, x.nameKo) : id;
  };
  const now = new Date().toISOString();
  const status = (tk: Token) => (tk.revokedAt ? t('calendar.revokedOn', { date: formatDateTime(tk.revokedAt) }) : tk.expiresAt <= now ? t('calendar.expired') : t('calendar.active'));
  return (
    <>
      <PageHeader title={t('calendar.title')} subtitle={t('calendar.subtitle')} crumbs={[{ label: groupName || '…', to: `/groups/${wgId}` }]} />
      <Stack gap="md" maw={900}>
        <UpcomingMeetings wgId={wgId} from={todayIso()} />
        <Paper withBorder radius="md" p="md">
          <Title order={2} size="h4" mb="xs">
            {t('calendar.howTitle')}
          </Title>
          <List type="ordered" spacing="xs" size="sm">
            <List.Item>{t('calendar.step1')}</List.Item>
            <List.Item>{t('calendar.step2')}</List.Item>
            <List.Item>{t('calendar.step3')}</List.Item>
          </List>
          <Alert color="orange" variant="light" mt="md" title={t('calendar.secretTitle')}>
            {t('calendar.secretBody')}
          </Alert>
        </Paper>
        <Paper withBorder radius="md" p="md">
          <Title order={2} size="h4" mb="xs">
            {t('calendar.createTitle')}
          </Title>
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              create.mutate(name.trim() || t('calendar.defaultName', { group: groupName }));
            }}
          >
            <Group align="flex-end">
              <TextInput label={t('calendar.tokenName')} placeholder={t('calendar.defaultName', { group: groupName })} value={name} onChange={(e) => setName(e.currentTarget.value)} w={340} />
              <NumberInput
                label={t('calendar.days')}
                value={days}
                min={1}
                max={TOKEN_MAX_DAYS}
                allowDecimal={false}
                clampBehavior="strict"
                onChange={(v) => setDays(Number(v) || TOKEN_DEFAULT_DAYS)}
                w={140}
                data-testid="token-days"
              />
              <Button type="submit" loading={create.isPending} data-testid="create-token">
                {t('calendar.create')}
              </Button>
            </Group>
          </form>
          <FormError error={create.error} />
          <Stack gap={4} mt="md">
            <Text size="sm" fw={600}>
              {t('calendar.feedUrl')}
            </Text>
            <Group gap="xs" wrap="nowrap" align="flex-start">
              <Code block fz="xs" tabIndex={0} style={{ wordBreak: 'break-all', flex: 1 }} data-testid="feed-url">
                {feed}
              </Code>
              {secret ? (
                <CopyButton value={feed}>
                  {({ copied, copy }) => (
                    <Button size="xs" variant={copied ? 'filled' : 'light'} color={copied ? 'green' : undefined} onClick={copy}>
                      {copied ? t('action.copied') : t('action.copy')}
                    </Button>
                  )}
                </CopyButton>
              ) : null}
            </Group>
            <Text size="xs" c="dimmed">
              {secret ? t('calendar.shownOnce') : t('calendar.noSecretYet')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('calendar.download')}{' '}
              <Anchor href={`/api/working-groups/${wgId}/calendar.ics`} size="xs" underline="always">
                {t('calendar.downloadLink')}
              </Anchor>
              . {t('calendar.apiNote')} <Code fz="xs">POST /api/tokens {`{"name":"calendar","scope":"calendar","wgId":"${wgId}"}`}</Code>
            </Text>
          </Stack>
        </Paper>
        <Paper withBorder radius="md" p="md">
          <Title order={2} size="h4" mb="xs">
            {t('calendar.myTokens')}
          </Title>
          {tokens.isPending ? (
            <LoadingState rows={2} />
          ) : tokens.error ? (
            <ErrorState error={tokens.error} onRetry={() => void tokens.refetch()} />
          ) : tokens.data.items.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('calendar.noTokens')}
            </Text>
          ) : (
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('calendar.tokenName')}</Table.Th>
                  <Table.Th scope="col">{t('calendar.scope')}</Table.Th>
                  <Table.Th scope="col">{t('calendar.group')}</Table.Th>
                  <Table.Th scope="col">{t('calendar.created')}</Table.Th>
                  <Table.Th scope="col">{t('calendar.expires')}</Table.Th>
                  <Table.Th scope="col">{t('calendar.lastUsed')}</Table.Th>
                  <Table.Th scope="col">{t('calendar.status')}</Table.Th>
                  <Table.Th scope="col">
                    <span className="sr-only">{t('meeting.actions')}</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {tokens.data.items.map((tk) => (
                  <Table.Tr key={tk.id} data-testid="token-row">
                    <Table.Td>{tk.name}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={tk.scope === 'write' ? 'orange' : tk.scope === 'read' ? 'blue' : 'gray'}>
                        {t(`calendar.scopes.${tk.scope}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{groupOf(tk.wgId)}</Table.Td>
                    <Table.Td>{formatDateTime(tk.createdAt)}</Table.Td>
                    <Table.Td>{formatDateTime(tk.expiresAt)}</Table.Td>
                    <Table.Td>{tk.lastUsedAt ? formatDateTime(tk.lastUsedAt) : t('calendar.neverUsed')}</Table.Td>
                    <Table.Td>{status(tk)}</Table.Td>
                    <Table.Td>
                      {!tk.revokedAt && tk.expiresAt > now ? (
                        <Button size="compact-xs" color="red" variant="subtle" onClick={() => revoke.mutate(tk.id)} loading={revoke.isPending && revoke.variables === tk.id}>
                          {t('calendar.revoke')}
                        </Button>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
      </Stack>
    </>
  );
}
