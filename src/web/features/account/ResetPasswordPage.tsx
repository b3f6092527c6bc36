import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Box, Button, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../app/LanguageSwitch.tsx';
import { PASSWORD_MIN_LENGTH } from '../../../core/api/session.ts';
import { useResetPassword } from './api.ts';
import { NewPasswordFields, refusalOf, useNewPassword } from './NewPassword.tsx';

/**
 * The page a reset link opens: /reset-password#token=…. The secret travels in the fragment, which
 * the browser never sends, so it reaches no server log, proxy or Referer header; the page reads it
 * and removes it from the address bar.
 */
function takeToken(): string {
  const m = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(location.hash);
  if (m) history.replaceState(null, '', location.pathname);
  return m?.[1] ?? '';
}

export default function ResetPasswordPage() {
  const { t } = useTranslation();
  const [token] = useState(takeToken);
  const reset = useResetPassword();
  const pw = useNewPassword();
  const [touched, setTouched] = useState(false);
  const server = refusalOf(t, reset.error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!token || !pw.ok) return;
    reset.mutate({ token, newPassword: pw.next });
  };

  return (
    <Box mih="100vh" bg="var(--concord-muted)">
      <Group justify="flex-end" p="md">
        <LanguageSwitch />
      </Group>
      <Center pb="xl">
        <Paper withBorder shadow="sm" p="xl" radius="md" component="main" w={440} maw="92vw">
          {reset.data ? (
            <Stack gap="md">
              <Title order={1} size="h3">
                {t('account.reset.doneTitle')}
              </Title>
              <Text>{t('account.reset.done', { email: reset.data.email })}</Text>
              <Button component={Link} to="/sign-in">
                {t('account.reset.signIn')}
              </Button>
            </Stack>
          ) : (
            <form onSubmit={submit} noValidate aria-labelledby="reset-title">
              <Stack gap="md">
                <Title order={1} size="h3" id="reset-title">
                  {t('account.reset.title')}
                </Title>
                {!token ? (
                  <Alert color="red" variant="light" role="alert">
                    {t('account.error.resetLink')}
                  </Alert>
                ) : (
                  <Text size="sm" c="dimmed">
                    {t('account.password.help', { count: PASSWORD_MIN_LENGTH })}
                  </Text>
                )}
                {server ? (
                  <Alert color="red" variant="light" role="alert">
                    {server.message}
                  </Alert>
                ) : null}
                <NewPasswordFields pw={pw} touched={touched} autoFocus />
                <Button type="submit" loading={reset.isPending} disabled={!token}>
                  {t('account.reset.submit')}
                </Button>
                <Anchor component={Link} to="/sign-in" size="sm">
                  {t('account.reset.back')}
                </Anchor>
              </Stack>
            </form>
          )}
        </Paper>
      </Center>
    </Box>
  );
}
