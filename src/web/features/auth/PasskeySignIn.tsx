import { Alert, Button, Divider, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { usePasskeySignIn } from '../account/passkeys.ts';
import { passkeyErrorMessage } from '../account/passkeys.ts';

/**
 * The sign-in page's passkey part: what the passkey step is doing (after the password, or
 * without one), its error in the user's language, and "Sign in with a passkey", which asks the
 * browser for any passkey of this site (a discoverable credential) and needs no e-mail or password.
 */
export function PasskeySignIn({ passkey, onSignedIn }: { passkey: ReturnType<typeof usePasskeySignIn>; onSignedIn: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      {passkey.isPending ? (
        <Text size="sm" role="status" c="dimmed">
          {t('passkeys.signIn.waiting')}
        </Text>
      ) : null}
      {passkey.error ? (
        <Alert color="red" variant="light" role="alert" data-testid="passkey-error">
          {passkeyErrorMessage(t, passkey.error)}
        </Alert>
      ) : null}
      <Divider label={t('passkeys.signIn.or')} labelPosition="center" />
      <Button variant="default" fullWidth loading={passkey.isPending} onClick={() => passkey.mutate(undefined, { onSuccess: onSignedIn })}>
        {t('passkeys.signIn.button')}
      </Button>
    </Stack>
  );
}
