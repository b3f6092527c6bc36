/**
 * OpenID Connect sign-in, the protocol side: openid-client (certified by the OpenID Foundation,
 * on oauth4webapi) does discovery, the authorization code flow with PKCE (S256), state and nonce,
 * and validates the ID token — its signature against the provider's published keys, its issuer,
 * audience (our client id), expiry and issue time, and nonce. This file keeps one client
 * configuration per provider (discovered on first use, and again after a failure) and reads the
 * verified claims into what commands/identities.ts decides on.
 */
import * as client from 'openid-client';
import { normaliseEmail } from './email.ts';
import { isLoopback, type IdentityProviderConfig, type SignInSettings } from './oidc-config.ts';

/** How long a request to a provider (discovery, keys, token) may take. */
const PROVIDER_TIMEOUT_S = 10;

/** The checks a sign-in carries from its start to its callback (kept server-side: commands/identities.ts). */
export interface SignInChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** The providers of an instance, each with its discovered client configuration. */
export class IdentityProviders {
  readonly settings: SignInSettings;
  readonly #configs = new Map<string, Promise<client.Configuration>>();

  constructor(settings: SignInSettings) {
    this.settings = settings;
  }

  get list(): readonly IdentityProviderConfig[] {
    return this.settings.providers;
  }

  byId(id: string): IdentityProviderConfig | undefined {
    return this.settings.providers.find((p) => p.id === id);
  }

  /** Where the provider sends the browser back: registered at the provider as the redirect URI. */
  redirectUri(p: IdentityProviderConfig): string {
    return `${this.settings.publicUrl}/api/auth/oidc/${p.id}/callback`;
  }

  /** The provider's client configuration, discovered once (a failed discovery is tried again next time). */
  config(p: IdentityProviderConfig): Promise<client.Configuration> {
    let c = this.#configs.get(p.id);
    if (!c) {
      const issuer = new URL(p.issuer);
      c = client.discovery(issuer, p.clientId, p.clientSecret, client.ClientSecretBasic(p.clientSecret), {
        timeout: PROVIDER_TIMEOUT_S,
        // An http issuer is accepted only on this machine (oidc-config.ts); every request then goes over http.
        execute: [client.enableNonRepudiationChecks, ...(issuer.protocol === 'http:' && isLoopback(issuer) ? [client.allowInsecureRequests] : [])],
      });
      c.catch(() => this.#configs.delete(p.id));
      this.#configs.set(p.id, c);
    }
    return c;
  }

  /** A new sign-in's secrets and the provider's authorization URL to send the browser to. */
  async start(p: IdentityProviderConfig): Promise<{ url: URL; checks: SignInChecks }> {
    const config = await this.config(p);
    const checks = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier() };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri(p),
      scope: p.scopes.join(' '),
      code_challenge: await client.calculatePKCECodeChallenge(checks.codeVerifier),
      code_challenge_method: 'S256',
      state: checks.state,
      nonce: checks.nonce,
    });
    return { url, checks };
  }

  /**
   * Redeems the callback's code (with the PKCE verifier) and returns the ID token's claims once
   * the library has validated them; throws on any failure (an error answer, a wrong state, issuer
   * or audience, an expired or unsigned token, a wrong nonce).
   */
  async finish(p: IdentityProviderConfig, callbackUrl: URL, checks: SignInChecks): Promise<client.IDToken> {
    const config = await this.config(p);
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: checks.codeVerifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw new Error('The provider answered without an ID token');
    return claims;
  }
}

/** What a provider's verified ID token said about the person (readClaims). */
export interface ProviderIdentity {
  providerId: string;
  subject: string;
  /** Normalised; null when the provider sent none. */
  email: string | null;
  /** The provider vouched for the address (or the instance trusts the provider's addresses). */
  emailVerified: boolean;
  displayName: string;
  locale: 'en' | 'ko';
  organisationClaim: string | null;
  /** The organisations the claims map to, best first, then the provider's default. */
  organisationIds: string[];
  /** The organisation an e-mail domain rule gives (for a verified address), and the domain. */
  rule: { organisationId: string; domain: string } | null;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

/** The values of a claim that may be a string or a list of strings (Entra ID's `groups`). */
function values(v: unknown): string[] {
  if (typeof v === 'string') return v.trim() ? [v.trim()] : [];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string' && x.trim() !== '').map((x) => x.trim());
  return [];
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/**
 * What verified claims say about the person, by the provider's configuration: the e-mail (from
 * `emailClaim`; verified when `email_verified` is true, or when the instance trusts the
 * provider's addresses), a name, a language, the organisations the organisation claim maps to
 * (through `organisations`, or the claim's value taken as an organisation id), then
 * `defaultOrganisation`, and an e-mail domain rule when the address is verified.
 */
export function readClaims(p: IdentityProviderConfig, claims: Record<string, unknown>, acceptLanguage?: string): ProviderIdentity {
  const rawEmail = str(claims[p.emailClaim]);
  const email = rawEmail && EMAIL.test(normaliseEmail(rawEmail)) ? normaliseEmail(rawEmail) : null;
  const emailVerified = email !== null && (p.requireVerifiedEmail ? claims.email_verified === true : true);
  const given = [str(claims.given_name), str(claims.family_name)].filter(Boolean).join(' ');
  const displayName = (str(claims.name) ?? (given || null) ?? str(claims.preferred_username) ?? email ?? String(claims.sub)).slice(0, 200);
  const lang = str(claims.locale) ?? acceptLanguage ?? '';
  const claimed = p.organisationClaim ? values(claims[p.organisationClaim]) : [];
  const organisationIds = claimed.flatMap((v) => (p.organisations ? (Object.hasOwn(p.organisations, v) ? [p.organisations[v]] : []) : [v]));
  if (p.defaultOrganisation) organisationIds.push(p.defaultOrganisation);
  const domain = email?.slice(email.lastIndexOf('@') + 1) ?? null;
  const ruleOrg = domain && emailVerified && p.emailDomains && Object.hasOwn(p.emailDomains, domain) ? p.emailDomains[domain] : null;
  return {
    providerId: p.id,
    subject: String(claims.sub),
    email,
    emailVerified,
    displayName,
    locale: /^ko\b/i.test(lang.trim()) ? 'ko' : 'en',
    organisationClaim: claimed.length ? claimed.join(', ').slice(0, 1000) : null,
    organisationIds: [...new Set(organisationIds)],
    rule: ruleOrg && domain ? { organisationId: ruleOrg, domain } : null,
  };
}
