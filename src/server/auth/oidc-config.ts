/**
 * The identity providers an instance offers (CONCORD_OIDC_PROVIDERS: a JSON file), where their
 * answers come back (CONCORD_PUBLIC_URL), and whether e-mail and password sign-in stays on
 * (CONCORD_PASSWORD_SIGNIN). Read and checked once at start: a mistake stops the start with the
 * file, the provider and the field named.
 */
import { readFileSync } from 'node:fs';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.ts';
import { ProviderId } from '../../core/api/identity.ts';

const OrgId = Type.String({ minLength: 1, maxLength: 200 });

const ProviderConfigSchema = Type.Object(
  {
    id: ProviderId,
    label: Type.Object({ en: Type.String({ minLength: 1, maxLength: 100 }), ko: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false }),
    issuer: Type.String({ minLength: 1, maxLength: 2000 }),
    clientId: Type.String({ minLength: 1, maxLength: 500 }),
    clientSecret: Type.String({ minLength: 1, maxLength: 2000 }),
    scopes: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200, pattern: '^\\S+$' }), { minItems: 1, maxItems: 30 })),
    emailClaim: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    requireVerifiedEmail: Type.Optional(Type.Boolean()),
    organisationClaim: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    organisations: Type.Optional(Type.Record(Type.String({ minLength: 1 }), OrgId)),
    defaultOrganisation: Type.Optional(OrgId),
    emailDomains: Type.Optional(Type.Record(Type.String({ minLength: 1, pattern: '^[a-z0-9.-]+$' }), OrgId)),
  },
  { additionalProperties: false },
);
const ProvidersFileSchema = Type.Array(ProviderConfigSchema, { maxItems: 20 });

/** One identity provider as the file describes it (README: "Signing in through your identity provider"). */
export interface IdentityProviderConfig extends Static<typeof ProviderConfigSchema> {
  scopes: string[];
  emailClaim: string;
  requireVerifiedEmail: boolean;
}

/** How people sign in to this instance. */
export interface SignInSettings {
  /** E-mail and password sign-in (CONCORD_PASSWORD_SIGNIN=off turns it off). */
  passwordSignIn: boolean;
  providers: IdentityProviderConfig[];
  /** The server's address as browsers reach it, without a trailing slash (redirect URIs start with it). */
  publicUrl: string | null;
}

export const DEFAULT_SIGN_IN: SignInSettings = { passwordSignIn: true, providers: [], publicUrl: null };

const DEFAULT_SCOPES = ['openid', 'email', 'profile'];

/** Whether a URL's host is this machine (an http issuer is accepted there only, for a provider run beside the server). */
export const isLoopback = (u: URL): boolean => u.hostname === 'localhost' || u.hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(u.hostname);

/** Parses and checks the providers file's text; `where` names the file in errors. */
export function parseProviders(text: string, where: string): IdentityProviderConfig[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(`${where}: not JSON (${(e as Error).message})`);
  }
  if (!Value.Check(ProvidersFileSchema, raw)) {
    const first = [...Value.Errors(ProvidersFileSchema, raw)][0];
    throw new Error(`${where}: ${first ? `${first.instancePath || '/'} ${first.message}` : 'not a list of providers'}`);
  }
  const seen = new Set<string>();
  return raw.map((p, i) => {
    const at = `${where}: provider ${i} (${p.id})`;
    if (seen.has(p.id)) throw new Error(`${at}: the id is used twice`);
    seen.add(p.id);
    let issuer: URL;
    try {
      issuer = new URL(p.issuer);
    } catch {
      throw new Error(`${at}: issuer is not a URL`);
    }
    if (issuer.protocol !== 'https:' && !(issuer.protocol === 'http:' && isLoopback(issuer))) throw new Error(`${at}: the issuer must be an https URL (http only on this machine)`);
    const scopes = p.scopes ?? DEFAULT_SCOPES;
    if (!scopes.includes('openid')) throw new Error(`${at}: scopes must include openid`);
    if (!p.organisationClaim && !p.defaultOrganisation && !p.emailDomains) {
      throw new Error(`${at}: name how a person's organisation is found: organisationClaim, defaultOrganisation or emailDomains`);
    }
    return { ...p, scopes, emailClaim: p.emailClaim ?? 'email', requireVerifiedEmail: p.requireVerifiedEmail ?? true };
  });
}

const PROVIDERS_VAR = 'CONCORD_OIDC_PROVIDERS';
const PASSWORD_VAR = 'CONCORD_PASSWORD_SIGNIN';

/**
 * The sign-in settings from the environment: CONCORD_OIDC_PROVIDERS (a JSON file; unset: no
 * providers), CONCORD_PUBLIC_URL (needed with providers: the redirect URI is
 * `<CONCORD_PUBLIC_URL>/api/auth/oidc/<id>/callback`), CONCORD_PASSWORD_SIGNIN (`off`, or `on`).
 */
export function signInSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): SignInSettings {
  const file = env[PROVIDERS_VAR]?.trim();
  const providers = file ? parseProviders(readFileSync(file, 'utf8'), file) : [];
  const rawUrl = env.CONCORD_PUBLIC_URL?.trim() || null;
  let publicUrl: string | null = null;
  if (rawUrl) {
    let u: URL;
    try {
      u = new URL(rawUrl);
    } catch {
      throw new Error(`CONCORD_PUBLIC_URL is not a URL (got ${JSON.stringify(rawUrl)})`);
    }
    if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error('CONCORD_PUBLIC_URL must be an http or https URL');
    publicUrl = rawUrl.replace(/\/+$/, '');
  }
  if (providers.length && !publicUrl) throw new Error('CONCORD_OIDC_PROVIDERS needs CONCORD_PUBLIC_URL: the address browsers reach this server at, which the redirect URIs start with');
  const pw = env[PASSWORD_VAR]?.trim().toLowerCase();
  if (pw && pw !== 'on' && pw !== 'off') throw new Error(`CONCORD_PASSWORD_SIGNIN must be on or off (got ${JSON.stringify(env[PASSWORD_VAR])})`);
  const passwordSignIn = pw !== 'off';
  if (!passwordSignIn && !providers.length) throw new Error('CONCORD_PASSWORD_SIGNIN=off needs an identity provider (CONCORD_OIDC_PROVIDERS): nobody could sign in');
  return { passwordSignIn, providers, publicUrl };
}

/**
 * The organisations the providers name that the store does not have (run once the store is
 * migrated; `concord serve` logs each). A claim or rule naming one admits nobody until it exists.
 */
export async function missingProviderOrganisations(db: Kysely<Database>, providers: readonly IdentityProviderConfig[]): Promise<string[]> {
  const known = new Set((await db.selectFrom('organisations').select('id').execute()).map((o) => o.id));
  const out: string[] = [];
  for (const p of providers) {
    const named = [...Object.values(p.organisations ?? {}), ...Object.values(p.emailDomains ?? {}), ...(p.defaultOrganisation ? [p.defaultOrganisation] : [])];
    for (const id of new Set(named)) if (!known.has(id)) out.push(`provider ${p.id} names the organisation ${JSON.stringify(id)}, which this store does not have`);
  }
  return out;
}
