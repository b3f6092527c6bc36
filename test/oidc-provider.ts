/**
 * A real OpenID Connect provider for tests, on localhost in the test's own process: oidc-provider
 * (v9, certified) with one confidential client registered for the Concord under test, the
 * accounts a test names (their claims as a directory would send them), its own dev sign-in form
 * (any password; the login is the account's id) and consent granted at once, as a ministry's own
 * provider does for its own application.
 *
 * `misbehave` makes the token endpoint answer with an ID token that Concord must refuse, signed
 * with the provider's own key so that only the claim is wrong: `wrong_audience` (issued to another
 * client) or `expired` (an hour past its expiry).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';
import { decodeJwt, exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

export interface TestAccount {
  id: string;
  claims: Record<string, unknown>;
}

export interface TestIdp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Makes the next ID tokens wrong in this way, until set back to null. */
  misbehave: 'wrong_audience' | 'expired' | null;
  close(): Promise<void>;
}

const KID = 'concord-test-key';

export async function startTestIdp(opts: { redirectUris: string[]; accounts: TestAccount[]; clientId?: string; clientSecret?: string }): Promise<TestIdp> {
  const clientId = opts.clientId ?? 'concord';
  const clientSecret = opts.clientSecret ?? 'a-long-client-secret-for-the-test-provider';
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(privateKey)), kid: KID, alg: 'RS256', use: 'sig' };
  const accounts = new Map(opts.accounts.map((a) => [a.id, a]));

  // The port first: the issuer names it.
  const server: Server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: opts.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: ['concord-test-provider-cookie-key'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'given_name', 'family_name', 'locale', 'concord_org'] },
    // The claims travel in the ID token (as Keycloak and Entra ID send them), not only from userinfo.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    findAccount: async (_ctx, id) => {
      const a = accounts.get(id);
      return a ? { accountId: id, claims: async () => ({ sub: id, ...a.claims }) } : undefined;
    },
    // Consent is the directory's for its own application: granted at once.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });
  provider.on('server_error', (_ctx, err) => console.error('test identity provider:', err));

  const idp: TestIdp = {
    issuer,
    clientId,
    clientSecret,
    misbehave: null,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };

  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as { id_token?: string } | undefined;
    if (!idp.misbehave || ctx.path !== '/token' || ctx.status !== 200 || !body?.id_token) return;
    const claims = decodeJwt(body.id_token);
    const now = Math.floor(Date.now() / 1000);
    if (idp.misbehave === 'wrong_audience') claims.aud = 'another-application';
    else Object.assign(claims, { iat: now - 7200, exp: now - 3600 });
    body.id_token = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: KID }).sign(privateKey);
  });

  server.on('request', provider.callback());
  return idp;
}

/**
 * Signs `login` in at the provider over HTTP, as a browser would, from the provider's
 * authorization URL (where Concord's start route redirected): its sign-in form, then back to the
 * client. Returns the redirect URI with the code and state that the provider sent the browser to.
 */
export async function authorizeAt(authorizationUrl: string, login: string): Promise<URL> {
  const jar = new Map<string, string>();
  const keep = (r: Response) => {
    for (const c of r.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const origin = new URL(authorizationUrl).origin;
  let url = authorizationUrl;
  for (let hops = 0; hops < 10; hops++) {
    const r = await fetch(url, { redirect: 'manual', headers: { cookie: cookie() } });
    keep(r);
    const to = r.headers.get('location');
    if (to) {
      const next = new URL(to, url);
      if (next.origin !== origin) return next; // back to the client
      url = next.href;
      continue;
    }
    const html = await r.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`the provider answered ${r.status} without a form or a redirect: ${html.slice(0, 300)}`);
    const form = new URLSearchParams(/name="login"/.test(html) ? { prompt: 'login', login, password: 'any password' } : { prompt: 'consent' });
    const posted = await fetch(new URL(action, url), { method: 'POST', redirect: 'manual', headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' }, body: form });
    keep(posted);
    const after = posted.headers.get('location');
    if (!after) throw new Error(`the provider's form answered ${posted.status}: ${(await posted.text()).slice(0, 300)}`);
    url = new URL(after, url).href;
  }
  throw new Error('too many redirects at the provider');
}
