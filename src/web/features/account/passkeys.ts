/**
 * Passkeys in the web app: one's own passkeys (My account), and the browser's side of WebAuthn
 * through @simplewebauthn/browser (making a passkey, answering a challenge), with the errors a
 * user can act on in their language. The WebAuthn library is loaded when a passkey is first made
 * or used, not with the sign-in page.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import { ApiError, api } from '../../api/client.ts';
import { errorMessage } from '../../app/states.tsx';
import { acceptSession, sessionKey } from '../../app/session.tsx';
import type { Passkey, PasskeyAssertion, PasskeyCreationOptions, PasskeyList, PasskeyRegistration, PasskeyRequestOptions } from '../../../core/api/passkeys.ts';
import type { Session } from '../../../core/api/session.ts';

export const passkeysKey = ['my-passkeys'] as const;

const webauthn = () => import('@simplewebauthn/browser');

/** Asks the browser (and the authenticator) to make a passkey for these options. */
export const makePasskey = async (o: PasskeyCreationOptions): Promise<PasskeyRegistration> =>
  (await (await webauthn()).startRegistration({ optionsJSON: o.options as unknown as PublicKeyCredentialCreationOptionsJSON })) as unknown as PasskeyRegistration;

/** Asks the browser for a passkey's answer to these options' challenge. */
export const answerWithPasskey = async (o: PasskeyRequestOptions): Promise<PasskeyAssertion> =>
  (await (await webauthn()).startAuthentication({ optionsJSON: o.options as unknown as PublicKeyCredentialRequestOptionsJSON })) as unknown as PasskeyAssertion;

/** Whether this browser can use passkeys at all. */
export const browserHasPasskeys = (): boolean => typeof window !== 'undefined' && typeof window.PublicKeyCredential === 'function';

/**
 * What went wrong, for the user: the browser's refusals (cancelled or timed out, a passkey this
 * authenticator already holds, no passkey support) and the server's (not recognised, expired
 * challenge, required) through the app's refusal texts.
 */
export function passkeyErrorMessage(t: (k: string, o?: Record<string, unknown>) => string, err: unknown): string {
  if (err instanceof ApiError) return errorMessage(t, err);
  const e = err as { name?: string; code?: string; cause?: { name?: string } } | null;
  // The library's WebAuthnError, told by its code (the class stays in the lazily loaded module).
  if (e?.code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED') return t('passkeys.error.already');
  if (e?.name === 'InvalidStateError') return t('passkeys.error.already');
  if (e?.name === 'NotAllowedError' || e?.cause?.name === 'NotAllowedError' || e?.code === 'ERROR_CEREMONY_ABORTED' || e?.name === 'AbortError') return t('passkeys.error.cancelled');
  if (!browserHasPasskeys() || e?.name === 'NotSupportedError') return t('passkeys.error.unsupported');
  return t('passkeys.error.failed');
}

/** My passkeys, and whether this server requires me to have one. */
export const useMyPasskeys = () => useQuery({ queryKey: passkeysKey, queryFn: ({ signal }) => api<PasskeyList>('/passkeys', { signal }) });

/** Makes a passkey in this browser and adds it to my account; a session limited to enrolment becomes full. */
export function useAddPasskey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (name: string) => {
      const o = await api<PasskeyCreationOptions>('/passkeys/creation-options', { method: 'POST' });
      const credential = await makePasskey(o);
      return api<Passkey>('/passkeys', { method: 'POST', body: { challengeId: o.challengeId, name, credential } });
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: passkeysKey });
      void qc.invalidateQueries({ queryKey: sessionKey });
    },
  });
}

export function useRenamePasskey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (p: { id: string; version: number; name: string }) => api<Passkey>(`/passkeys/${encodeURIComponent(p.id)}`, { method: 'PATCH', version: p.version, body: { name: p.name } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: passkeysKey }),
  });
}

/** Removes one of my passkeys; the last one confirmed by my password, or by a passkey (`withPasskey`). */
export function useRemovePasskey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (p: { id: string; currentPassword?: string; withPasskey?: boolean }) => {
      let proof: { challengeId: string; credential: PasskeyAssertion } | undefined;
      if (p.withPasskey) {
        const o = await api<PasskeyRequestOptions>('/passkeys/confirm-options', { method: 'POST' });
        proof = { challengeId: o.challengeId, credential: await answerWithPasskey(o) };
      }
      return api<null>(`/passkeys/${encodeURIComponent(p.id)}`, { method: 'DELETE', body: { ...(p.currentPassword ? { currentPassword: p.currentPassword } : {}), ...(proof ? { proof } : {}) } });
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: passkeysKey }),
  });
}

/**
 * Signs in with a passkey: answering the step POST /api/session gave after the password, or, with
 * none, without a password (any passkey of this site the authenticator holds).
 */
export function usePasskeySignIn() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (step?: PasskeyRequestOptions) => {
      const o = step ?? (await api<PasskeyRequestOptions>('/session/passkey-options', { method: 'POST' }));
      const credential = await answerWithPasskey(o);
      return api<Session>('/session/passkey', { method: 'POST', body: { challengeId: o.challengeId, credential } });
    },
    onSuccess: (s) => acceptSession(qc, s),
  });
}
