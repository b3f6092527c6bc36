/**
 * The API sweep: every demo user signs in on a running Concord, and every GET operation of the
 * served OpenAPI document is called, path ids taken from what the lists (and then the records)
 * returned. Each answer is counted by status class per route, and every 2xx JSON body is
 * validated against the response schema the document declares for that status (Ajv, JSON Schema
 * 2020-12, which OpenAPI 3.1 uses).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import { inlineRefs } from '../openapi-refs.ts';

// ajv-formats is CommonJS: its default export is the module object under Node's ESM loader.
const addFormats = ((formats as unknown as { default?: typeof formats }).default ?? formats) as unknown as (ajv: Ajv2020) => void;

export const DEMO_PASSWORD = 'concord-demo';

/** The demo users' e-mails, as docs/demo-users.md lists them. */
export function demoEmails(root: string): string[] {
  const md = readFileSync(join(root, 'docs/demo-users.md'), 'utf8');
  return [...new Set(md.match(/[a-z0-9._-]+@concord\.demo/g) ?? [])];
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
interface Operation {
  parameters?: { in: string; name: string; required?: boolean; schema?: { type?: string; enum?: Json[]; minimum?: number } }[];
  responses?: Record<string, { content?: Record<string, { schema?: object }> }>;
}
interface OpenApi {
  paths: Record<string, { get?: Operation }>;
}

export interface RouteReport {
  route: string;
  calls: number;
  status: Record<string, number>;
  /** "GET /api/… (user): what failed", at most a few per route. */
  failures: string[];
  mismatches: number;
  serverErrors: number;
}

export interface SweepReport {
  users: number;
  signedIn: number;
  routes: number;
  /** GET routes never called (no id found for a path parameter). */
  notCalled: string[];
  requests: number;
  '2xx': number;
  '3xx': number;
  '4xx': number;
  '5xx': number;
  schemaMismatches: number;
  validated: number;
  perRoute: RouteReport[];
}

/** Values for required query parameters that the ids seen cannot give. */
const QUERY_VALUES: Record<string, string> = { a: 'KR', b: 'US', groupA: 'KR', groupB: 'US', entityType: 'working_group', q: 'rail' };
/** Which harvested pool a query or path parameter draws from. */
const POOL_OF: Record<string, string[]> = {
  issueId: ['issues', 'issueId'],
  entityId: ['working-groups', 'wgId'],
  wgId: ['working-groups', 'wgId'],
  orgId: ['organisations', 'organisationId'],
  number: ['number'],
};

/** Where the ids of each kind of record a note (or the like) hangs on are found. */
const ENTITY_POOLS: Record<string, string> = {
  working_group: 'working-groups',
  meeting: 'meetings',
  issue: 'issues',
  position: 'positions',
  statement: 'statements',
  document: 'documents',
  commitment: 'commitments',
  project: 'projects',
};

/** POSTs `body` to `path` from a session of `email` (with its CSRF token). */
async function postAs(base: string, email: string, password: string, path: string, body: unknown): Promise<void> {
  const s = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (!s.ok) throw new Error(`sign-in as ${email}: ${s.status} ${await s.text()}`);
  const { csrfToken } = (await s.json()) as { csrfToken: string };
  const cookie = (s.headers.get('set-cookie') ?? '').split(';')[0];
  const r = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken }, body: JSON.stringify(body) });
  if (!r.ok) throw new Error(`POST ${path}: ${r.status} ${await r.text()}`);
}

/**
 * Puts an article into the review queue (the demo has none), so the article and candidate
 * routes have records to show. Signs in as `email`, a secretariat of wg-2018.
 */
export async function postArticle(base: string, email: string, password = DEMO_PASSWORD): Promise<void> {
  await postAs(base, email, password, '/api/articles', {
    wgId: 'wg-2018',
    publishedOn: '2018-11-20',
    sourceUrl: 'https://news.example/tandem',
    title: 'Working group launched',
    text: '"We view them as tandem, as moving forward together," Pompeo said. The Ministry of Unification said it would support the railway survey.',
  });
}

/**
 * Follows a feed (the demo follows none), so the feed routes have a record to show. Signs in as
 * `email`, a secretariat of cg-2025. The started server fetches no feed (CONCORD_FEEDS_MINUTES=0).
 */
export async function postFeed(base: string, email: string, password = DEMO_PASSWORD): Promise<void> {
  await postAs(base, email, password, '/api/feeds', { wgId: 'cg-2025', url: 'https://news.example/unification.rss', title: 'Unification news' });
}

/**
 * Schedules a meeting series (the demo has none), so the series routes have a record to show.
 * Signs in as `email`, a secretariat of cg-2025.
 */
export async function postSeries(base: string, email: string, password = DEMO_PASSWORD): Promise<void> {
  await postAs(base, email, password, '/api/series', {
    wgId: 'cg-2025',
    title: 'Monthly implementation consultation',
    level: 'working',
    format: 'video',
    timezone: 'Asia/Seoul',
    startsAt: '2027-03-09T10:00:00+09:00',
    durationMinutes: 90,
    rrule: 'FREQ=MONTHLY;BYDAY=2TU',
    count: 4,
    invite: ['rok-mofa', 'rok-mou', 'us-state'],
  });
}

/**
 * Opens a proposal (the demo has none), so the proposal routes have a record to show: the
 * Foreign Ministry's secretariat proposes that the Defense Department observe cg-2025, which waits
 * for the US to approve.
 */
export async function proposeMemberChange(base: string, email: string, password = DEMO_PASSWORD): Promise<void> {
  const s = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (!s.ok) throw new Error(`sign-in as ${email}: ${s.status} ${await s.text()}`);
  const { csrfToken } = (await s.json()) as { csrfToken: string };
  const cookie = (s.headers.get('set-cookie') ?? '').split(';')[0];
  const r = await fetch(`${base}/api/working-groups/cg-2025/members/us-dod`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ participation: 'observer' }),
  });
  if (r.status !== 202) throw new Error(`PUT /api/working-groups/cg-2025/members/us-dod: ${r.status} ${await r.text()}`);
}

export async function sweepApi(base: string, emails: string[], password = DEMO_PASSWORD): Promise<SweepReport> {
  const spec = inlineRefs((await (await fetch(`${base}/api/openapi.json`)).json()) as OpenApi);
  const gets = Object.entries(spec.paths).flatMap(([p, ops]) => (ops.get ? [[p, ops.get] as const] : []));

  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const validators = new Map<string, ValidateFunction | null>();
  const validatorFor = (route: string, op: Operation, status: number): ValidateFunction | null => {
    const key = `${route} ${status}`;
    if (!validators.has(key)) {
      const schema = (op.responses?.[String(status)] ?? op.responses?.[`${String(status)[0]}XX`] ?? op.responses?.default)?.content?.['application/json']?.schema;
      validators.set(key, schema ? ajv.compile(schema) : null);
    }
    return validators.get(key)!;
  };

  // Ids seen, by the list they came from ("working-groups") and by field name ("wgId").
  const ids = new Map<string, Set<string>>();
  const add = (key: string, v: string) => {
    if (!ids.has(key)) ids.set(key, new Set());
    ids.get(key)!.add(v);
  };
  const harvest = (o: Json, key: string): void => {
    if (Array.isArray(o)) {
      for (const v of o) harvest(v, key);
      return;
    }
    if (!o || typeof o !== 'object') return;
    for (const [k, v] of Object.entries(o)) {
      if (typeof v === 'string' && v.length < 80 && (k === 'id' || /Id$/.test(k))) add(k === 'id' ? key : k, v);
      else if (k === 'number' && typeof v === 'number') add('number', String(v));
      else harvest(v, k === 'items' || k === 'item' ? key : k);
    }
  };
  const pool = (name: string, before?: string): string[] => {
    const keys = [...(POOL_OF[name] ?? []), ...(before ? [before] : []), ...(name ? [name, `${name.replace(/Id$/, '')}s`] : [])];
    const k = keys.find((x) => ids.has(x));
    return k ? [...ids.get(k)!].slice(0, 4) : [];
  };

  const report = new Map<string, RouteReport>(gets.map(([p]) => [p, { route: p, calls: 0, status: {}, failures: [], mismatches: 0, serverErrors: 0 }]));
  const totals = { requests: 0, '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0, schemaMismatches: 0, validated: 0 };

  const call = async (route: string, op: Operation, url: string, cookie: string, who: string): Promise<Json | undefined> => {
    const r = await fetch(base + url, { headers: { cookie } });
    const text = await r.text();
    const rep = report.get(route)!;
    const cls = `${String(r.status)[0]}xx` as '2xx';
    rep.calls++;
    rep.status[r.status] = (rep.status[r.status] ?? 0) + 1;
    totals.requests++;
    totals[cls] = (totals[cls] ?? 0) + 1;
    if (r.status >= 500) {
      rep.serverErrors++;
      if (rep.failures.length < 5) rep.failures.push(`GET ${url} (${who}): ${r.status} ${text.slice(0, 200)}`);
      return undefined;
    }
    if (!r.ok || !(r.headers.get('content-type') ?? '').includes('application/json')) return undefined;
    const body = JSON.parse(text) as Json;
    const validate = validatorFor(route, op, r.status);
    if (validate) {
      totals.validated++;
      if (!validate(body)) {
        rep.mismatches++;
        totals.schemaMismatches++;
        if (rep.failures.length < 5) {
          const errs = (validate.errors ?? []).slice(0, 3).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
          rep.failures.push(`GET ${url} (${who}): ${r.status} body does not match the declared schema: ${errs.join('; ')}`);
        }
      }
    } else if (rep.failures.length < 5) {
      rep.failures.push(`GET ${url} (${who}): ${r.status} answered JSON but the document declares no JSON schema for it`);
      rep.mismatches++;
      totals.schemaMismatches++;
    }
    return body;
  };

  /** The query strings worth calling: the required parameters filled (none when one cannot be), and variants. */
  const queries = (op: Operation): string[] => {
    const params = (op.parameters ?? []).filter((p) => p.in === 'query');
    const q = new URLSearchParams();
    let variants: URLSearchParams[] = [q];
    for (const p of params.filter((x) => x.required)) {
      if (p.name === 'entityId') continue;
      if (p.name === 'entityType') {
        // Notes and the like: every working group and meeting (the web app asks on each meeting's
        // page), and a few records of every other kind they can hang on.
        variants = Object.entries(ENTITY_POOLS).flatMap(([type, key]) =>
          [...(ids.get(key) ?? [])].slice(0, type === 'meeting' || type === 'working_group' ? 100 : 3).map((id) => new URLSearchParams({ entityType: type, entityId: id })),
        );
        continue;
      }
      if (p.name === 'wgId') {
        // A list that needs its working group (feeds): each group's list, as for the optional filter below.
        const groups = pool('wgId');
        if (groups.length === 0) return [];
        variants = variants.flatMap((v) => groups.map((wg) => new URLSearchParams([...v, ['wgId', wg]])));
        continue;
      }
      const v = p.schema?.enum?.[0] ?? (p.schema?.type === 'integer' ? (p.schema.minimum ?? 1) : (QUERY_VALUES[p.name] ?? pool(p.name)[0]));
      if (v === undefined || v === null) return [];
      q.set(p.name, String(v));
    }
    if (variants.length === 0) return [];
    if (variants[0] !== q) for (const v of variants) for (const [k, x] of q) v.set(k, x);
    const out = variants.map((v) => v.toString());
    // Lists that filter by working group: also each group's own list.
    if (params.some((p) => p.name === 'wgId' && !p.required)) {
      for (const wg of pool('wgId')) {
        const w = new URLSearchParams(q);
        w.set('wgId', wg);
        out.push(w.toString());
      }
    }
    return out;
  };
  const withQuery = (path: string, q: string) => (q ? `${path}?${q}` : path);

  let signedIn = 0;
  const called = new Set<string>();
  for (const email of emails) {
    const s = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    const cookie = (s.headers.get('set-cookie') ?? '').split(';')[0];
    if (!s.ok || !cookie) continue;
    signedIn++;
    const who = email.replace(/@concord\.demo$/, '');
    const plain = gets.filter(([p]) => !p.includes('{'));
    // Plain lists first (twice, so a list's required filters can use what the others gave).
    const done = new Set<string>();
    for (let round = 0; round < 2; round++) {
      for (const [p, op] of plain) {
        const qs = queries(op);
        for (const q of round === 0 ? qs.slice(0, 1) : qs) {
          if (done.has(withQuery(p, q))) continue;
          done.add(withQuery(p, q));
          const b = await call(p, op, withQuery(p, q), cookie, who);
          called.add(p);
          if (b !== undefined) harvest(b, p.split('/').filter(Boolean).pop()!);
        }
      }
    }
    for (const [p, op] of gets.filter(([x]) => x.includes('{'))) {
      const params = [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const segs = p.split('/');
      const pools = params.map((n) => pool(n, segs[segs.indexOf(`{${n}}`) - 1]));
      if (pools.some((x) => x.length === 0)) continue;
      const qs = queries(op);
      if (qs.length === 0) continue;
      for (let i = 0; i < Math.max(...pools.map((x) => x.length)); i++) {
        let url = p;
        params.forEach((n, j) => {
          url = url.replace(`{${n}}`, encodeURIComponent(pools[j][i % pools[j].length]));
        });
        const b = await call(p, op, withQuery(url, qs[0]), cookie, who);
        called.add(p);
        if (b !== undefined) harvest(b, segs[segs.indexOf(`{${params.at(-1)}}`) - 1] ?? params.at(-1)!);
      }
    }
  }
  return {
    users: emails.length,
    signedIn,
    routes: gets.length,
    notCalled: gets.map(([p]) => p).filter((p) => !called.has(p)),
    ...totals,
    perRoute: [...report.values()],
  };
}

/** One line per route that failed: its 5xx and schema mismatches, with the first examples. */
export function describeFailures(r: SweepReport): string {
  return r.perRoute
    .filter((x) => x.serverErrors || x.mismatches)
    .map((x) => `GET ${x.route}: ${x.serverErrors} × 5xx, ${x.mismatches} schema mismatches of ${x.calls} calls\n    ${x.failures.join('\n    ')}`)
    .join('\n');
}
