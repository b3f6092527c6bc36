import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Box, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { useSession, useSignIn } from '../../app/session.tsx';
import { LanguageSwitch } from '../../app/LanguageSwitch.tsx';
import { errorMessage } from '../../app/states.tsx';
import { usePasskeySignIn } from '../account/passkeys.ts';
import { PasskeySignIn } from './PasskeySignIn.tsx';
import { ProviderSignIn, useSignInOptions } from './ProviderSignIn.tsx';

const safeNext = (n: string | null) => (n?.startsWith('/') && !n.startsWith('//') && !n.startsWith('/sign-in') ? n : '/');

export default function SignInPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const session = useSession();
  const signIn = useSignIn();
  const passkey = usePasskeySignIn();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [touched, setTouched] = useState(false);
  const options = useSignInOptions().data;
  // With password sign-in off (CONCORD_PASSWORD_SIGNIN=off) only the providers show.
  const passwords = options?.passwordSignIn === false ? 'none' : undefined;

  if (session.data) return <Navigate to={next} replace />;

  const emailError = touched && !/^\S+@\S+$/.test(email.trim()) ? t('signIn.emailInvalid') : undefined;
  const passwordError = touched && !password ? t('signIn.passwordRequired') : undefined;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!/^\S+@\S+$/.test(email.trim()) || !password) return;
    const done = () => navigate(next, { replace: true });
    passkey.reset();
    // An account with a passkey answers the password with a passkey step: the browser asks for it.
    signIn.mutate({ email: email.trim(), password }, { onSuccess: (r) => ('next' in r ? passkey.mutate(r, { onSuccess: done }) : done()) });
  };

  const err = signIn.error;
  const message = err instanceof ApiError && err.status === 401 ? t('signIn.wrong') : err ? errorMessage(t, err) : null;

  return (
    <Box mih="100vh" bg="var(--concord-muted)">
      <Group justify="flex-end" p="md">
        <LanguageSwitch />
      </Group>
      <Center pb="xl">
        <Stack w={420} maw="92vw" gap="lg">
          <Stack gap={4} align="center">
            <svg width="44" height="44" viewBox="0 0 32 32" aria-hidden>
              <rect width="32" height="32" rx="7" fill="#1c4e80" />
              <path d="M9 16a7 7 0 0 1 12-5M23 16a7 7 0 0 1-12 5" stroke="white" strokeWidth="3" fill="none" strokeLinecap="round" />
            </svg>
            <Title order={1} size="h2">
              Concord
            </Title>
            <Text c="dimmed" ta="center" size="sm">
              {t('signIn.tagline')}
            </Text>
          </Stack>
          <Paper withBorder shadow="sm" p="xl" radius="md" component="main">
            <form onSubmit={submit} noValidate aria-labelledby="sign-in-title">
              <Stack gap="md">
                <Title order={2} size="h4" id="sign-in-title">
                  {t('signIn.title')}
                </Title>
                {message ? (
                  <Alert color="red" variant="light" role="alert">
                    {message}
                  </Alert>
                ) : null}
                <ProviderSignIn options={options} outcome={params.get('sso')} next={next} />
                <TextInput
                  display={passwords}
                  label={t('signIn.email')}
                  type="email"
                  name="email"
                  autoComplete="username"
                  required
                  value={email}
                  onChange={(e) => setEmail(e.currentTarget.value)}
                  error={emailError}
                  data-autofocus
                />
                <PasswordInput
                  display={passwords}
                  label={t('signIn.password')}
                  name="password"
                  autoComplete="current-password"
                  required
                  value={password}
                  onChange={(e) => setPassword(e.currentTarget.value)}
                  error={passwordError}
                />
                <Button type="submit" loading={signIn.isPending} fullWidth display={passwords}>
                  {t('signIn.submit')}
                </Button>
                <PasskeySignIn passkey={passkey} onSignedIn={() => navigate(next, { replace: true })} />
              </Stack>
            </form>
          </Paper>
          <Text size="xs" c="dimmed" ta="center">
            {t('signIn.notice')}{' '}
            <Anchor href="/api/docs" size="xs" underline="always">
              {t('signIn.apiDocs')}
            </Anchor>
          </Text>
        </Stack>
      </Center>
    </Box>
  );
}
