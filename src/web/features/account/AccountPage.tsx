import { useState, type FormEvent } from 'react';
import { Alert, Badge, Button, Card, Group, PasswordInput, Stack, Table, Text, Title } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../app/PageHeader.tsx';
import { QueryView, errorMessage } from '../../app/states.tsx';
import { formatDateTime, formatNumber } from '../../app/format.ts';
import { useSession, useSignOut } from '../../app/session.tsx';
import { PASSWORD_MIN_LENGTH } from '../../../core/api/session.ts';
import { useChangePassword, useEndSession, useMySessions } from './api.ts';
import { NewPasswordFields, refusalOf, useNewPassword } from './NewPassword.tsx';
import { PasskeysSection } from './PasskeysSection.tsx';
import { AccessRequestsLink } from '../access/AccessRequestsLink.tsx';

/** A browser's name from its user agent, for telling sessions apart (not for trusting). */
function browserOf(ua: string | null, unknown: string): string {
  if (!ua) return unknown;
  const name = /Edg\//.test(ua) ? 'Edge' : /Firefox\//.test(ua) ? 'Firefox' : /Chrome\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : null;
  const os = /Windows/.test(ua) ? 'Windows' : /Mac OS X|Macintosh/.test(ua) ? 'macOS' : /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iOS' : /Linux/.test(ua) ? 'Linux' : null;
  return name && os ? `${name} · ${os}` : (name ?? os ?? ua.slice(0, 60));
}

function ChangePassword() {
  const { t } = useTranslation();
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const pw = useNewPassword();
  const [touched, setTouched] = useState(false);
  const [done, setDone] = useState<number | null>(null);
  const server = refusalOf(t, change.error);
  const at = (field: string) => (server?.field === field ? server.message : undefined);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    setDone(null);
    if (!current || !pw.ok) return;
    change.mutate(
      { currentPassword: current, newPassword: pw.next },
      {
        onSuccess: (r) => {
          setDone(r.sessionsEnded);
          setCurrent('');
          pw.clear();
          setTouched(false);
        },
      },
    );
  };

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="password-title">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm" maw={440}>
          <Title order={2} size="h4" id="password-title">
            {t('account.password.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('account.password.help', { count: PASSWORD_MIN_LENGTH })}
          </Text>
          {done !== null ? (
            <Alert color="green" variant="light" role="status">
              {t('account.password.changed', { count: Math.max(0, done - 1) })}
            </Alert>
          ) : null}
          {server && !server.field ? (
            <Alert color="red" variant="light" role="alert">
              {server.message}
            </Alert>
          ) : null}
          <PasswordInput
            label={t('account.password.current')}
            autoComplete="current-password"
            required
            value={current}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            error={(touched && !current ? t('error.rule.required') : undefined) ?? at('body.currentPassword')}
          />
          <NewPasswordFields pw={pw} touched={touched} refused={at('body.newPassword')} />
          <Group>
            <Button type="submit" loading={change.isPending}>
              {t('account.password.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function Sessions() {
  const { t } = useTranslation();
  const q = useMySessions();
  const end = useEndSession();
  const signOut = useSignOut();
  const navigate = useNavigate();
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="sessions-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="sessions-title">
          {t('account.sessions.title')}
        </Title>
        <QueryView query={q}>
          {(data) => (
            <Stack gap="sm">
              <Text size="sm" c="dimmed">
                {t('account.sessions.limits', { idle: formatNumber(data.limits.idleMinutes, 0), max: formatNumber(data.limits.maxHours, 0) })}
              </Text>
              {end.error ? (
                <Alert color="red" variant="light" role="alert">
                  {errorMessage(t, end.error)}
                </Alert>
              ) : null}
              <Table.ScrollContainer minWidth={560}>
                <Table striped verticalSpacing="xs" aria-labelledby="sessions-title">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('account.sessions.browser')}</Table.Th>
                      <Table.Th>{t('account.sessions.signedIn')}</Table.Th>
                      <Table.Th>{t('account.sessions.lastSeen')}</Table.Th>
                      <Table.Th>{t('account.sessions.ends')}</Table.Th>
                      <Table.Th>
                        <span className="sr-only">{t('account.sessions.actions')}</span>
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.items.map((s) => (
                      <Table.Tr key={s.id} data-testid="session-row">
                        <Table.Td>
                          <Group gap="xs" wrap="nowrap">
                            <Text size="sm">{browserOf(s.userAgent, t('account.sessions.unknownBrowser'))}</Text>
                            {s.current ? (
                              <Badge size="sm" variant="light">
                                {t('account.sessions.current')}
                              </Badge>
                            ) : null}
                          </Group>
                          {s.ip ? (
                            <Text size="xs" c="dimmed">
                              {t('account.sessions.from', { ip: s.ip })}
                            </Text>
                          ) : null}
                        </Table.Td>
                        <Table.Td>{formatDateTime(s.createdAt)}</Table.Td>
                        <Table.Td>{formatDateTime(s.lastSeenAt)}</Table.Td>
                        <Table.Td>{formatDateTime(s.endsAt)}</Table.Td>
                        <Table.Td>
                          <Button
                            size="compact-sm"
                            variant="light"
                            color="red"
                            loading={end.isPending && end.variables === s.id}
                            onClick={() => (s.current ? signOut.mutate(undefined, { onSettled: () => navigate('/sign-in', { replace: true }) }) : end.mutate(s.id))}
                            aria-label={s.current ? t('account.sessions.signOutHere') : t('account.sessions.end', { browser: browserOf(s.userAgent, '') })}
                          >
                            {s.current ? t('account.sessions.signOutHere') : t('account.sessions.endShort')}
                          </Button>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Stack>
          )}
        </QueryView>
      </Stack>
    </Card>
  );
}

/** My account: my password, my passkeys and my sessions. */
export default function AccountPage() {
  const { t } = useTranslation();
  const user = useSession().data?.user;
  return (
    <>
      <PageHeader
        title={t('account.title')}
        subtitle={user ? `${user.displayName} · ${user.email}` : undefined}
        actions={
          <Group gap="xs">
            <AccessRequestsLink />
            <Button component={Link} to="/notifications" variant="light">
              {t('notifications.link')}
            </Button>
            <Button component={Link} to="/settings/notifications" variant="light">
              {t('notificationSettings.link')}
            </Button>
          </Group>
        }
      />
      <Stack gap="lg">
        <ChangePassword />
        <PasskeysSection />
        <Sessions />
      </Stack>
    </>
  );
}
