import { Alert, Button, Divider, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { SignInOptions } from '../../../core/api/identity.ts';
import { SSO_OUTCOMES, type SsoOutcome } from '../../../core/vocabulary.ts';

/** How this server lets people sign in: password sign-in on or off, and its identity providers. */
export const useSignInOptions = () => useQuery({ queryKey: ['sign-in-options'], queryFn: ({ signal }) => api<SignInOptions>('/auth/providers', { signal }), staleTime: 10 * 60_000, retry: false });

const isOutcome = (s: string | null): s is SsoOutcome => (SSO_OUTCOMES as readonly string[]).includes(s ?? '');

/**
 * The sign-in page's part for identity providers: what a sign-in through one came back with
 * (`?sso=`: waiting for approval, refused, …) in the reader's language, and a button per provider.
 */
export function ProviderSignIn({ options, outcome, next }: { options: SignInOptions | undefined; outcome: string | null; next: string }) {
  const { t, i18n } = useTranslation();
  const providers = options?.providers ?? [];
  return (
    <Stack gap="sm">
      {isOutcome(outcome) ? (
        <Alert color={outcome === 'pending' ? 'blue' : 'red'} variant="light" role={outcome === 'pending' ? 'status' : 'alert'} data-testid="sso-outcome" data-outcome={outcome}>
          {t(`sso.${outcome}`)}
        </Alert>
      ) : null}
      {providers.map((p) => (
        <Button key={p.id} component="a" href={`${p.startUrl}?next=${encodeURIComponent(next)}`} variant="default" fullWidth data-testid={`provider-${p.id}`}>
          {t('sso.button', { name: i18n.language === 'ko' ? p.label.ko : p.label.en })}
        </Button>
      ))}
      {providers.length && options?.passwordSignIn ? <Divider label={t('sso.orPassword')} labelPosition="center" /> : null}
    </Stack>
  );
}
