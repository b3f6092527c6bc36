/**
 * Property-based requests against the whole API, generated from its own OpenAPI document.
 *
 * Every operation of /api/openapi.json gets requests built from its declared parameters and body:
 * values that fit the schema (ids of real demo records, real dates, numbers in range) and, in a
 * share of them, one value broken on purpose (impossible dates, numbers at and past the bounds,
 * unknown ids, wrong types, huge strings, a missing or extra field, a bad If-Match or content
 * type). They are sent in-process (`app.inject`) as demo users of different roles, by cookie and
 * by bearer token, and anonymously. For every answer:
 *   - the status is below 500 and is one the document declares for the operation;
 *   - the body matches the schema the document declares for that status (Ajv, draft 2020-12);
 *   - a refused request (4xx) wrote nothing: the audit trail and the store's change marker are
 *     where they were.
 *
 * `npm test` runs a bounded pass (test/fuzz.test.ts); `npm run fuzz` a longer one:
 *   FUZZ_RUNS (requests per operation, default 200), FUZZ_SEED (default 1), FUZZ_STORE
 *   (sqlite | postgres | both; default: both when CONCORD_TEST_PG is set).
 */
import fc from 'fast-check';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { Store } from '../src/server/db/database.ts';
import { loadDemo } from '../src/server/demo/load.ts';
import { freshStore, testApp, type StoreKind } from './helpers.ts';
import { inlineRefs } from './openapi-refs.ts';

/** Demo users of every kind of role (docs/demo-users.md), and the anonymous caller. */
const DEMO_USERS = [
  'mofa.secretariat@concord.demo',
  'mofa.desk@concord.demo',
  'mou.vice@concord.demo',
  'nso.analyst@concord.demo',
  'state.secretariat@concord.demo',
  'dod.desk@concord.demo',
  'un.observer@concord.demo',
  'admin@concord.demo',
];
const DEMO_PASSWORD = 'concord-demo';
/** Indexes (in the callers: 0 is anonymous) of the users who run groups or reference data. */
const WRITERS = [1, 3, 5, 8];

export interface FuzzOptions {
  /** Requests per operation. */
  runs: number;
  seed: number;
  /** Progress lines (the long run prints them). */
  log?: (line: string) => void;
}

export interface Failure {
  operation: string;
  request: { method: string; url: string; headers: Record<string, string>; payload?: string };
  status: number;
  problem: string;
  body: string;
}

export interface FuzzResult {
  operations: number;
  requests: number;
  statuses: Record<string, number>;
  failures: Failure[];
  /** Milliseconds spent answering, per operation. */
  time: Record<string, number>;
}

interface Caller {
  email: string | null;
  cookie?: string;
  csrf?: string;
  token?: string;
}

type Schema = Record<string, any>;
interface Operation {
  method: string;
  path: string;
  params: { name: string; in: 'path' | 'query' | 'header'; required: boolean; schema: Schema }[];
  body?: Schema;
  responses: Record<string, Schema | null | 'other'>;
}

/** Sent as is in a URL: a broken percent-encoding. */
const RAW_BAD = '%E0%A4%A';
const enc = (s: string) => (s === RAW_BAD ? s : encodeURIComponent(s.toWellFormed()));

/** A value sent in place of a well-formed one. */
const BAD_SCALARS: unknown[] = [
  '2026-13-45',
  '2026-02-30',
  '2019-02-29',
  '0000-00-00',
  '2026-1-1',
  '2026-02-30T10:00:00Z',
  '2026-01-01T25:61:00Z',
  '2016-12-31T23:59:60Z',
  '2026-01-01T10:00:00Z[Asia/Seoul]',
  '9999-12-31T23:59:59-23:59',
  'not a date',
  '99999999999999999999',
  '-1',
  '0',
  '1.5',
  '1e400',
  'NaN',
  '',
  -1,
  0,
  1.5,
  2 ** 53,
  2 ** 63,
  1e300,
  -1e300,
  1e20,
  true,
  false,
  null,
  [],
  {},
  ['a'],
  { a: 1 },
  'no-such-id',
  'x'.repeat(201),
  'x'.repeat(70_000),
  '\u0000',
  '%00',
  '../../etc/passwd',
  "'; drop table users; --",
  '한국어',
  '\ud800',
  RAW_BAD,
];

const HUGE = 'y'.repeat(300_000);
/** Past every route's body limit. */
const OVERSIZE = 'o'.repeat(9 * 1024 * 1024);
/** Content types a JSON body might wrongly be sent with. */
const TYPES = ['text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1'];

/** Pools of real ids by the table a field name points at. */
type Pools = Record<string, string[]>;

const ID_TABLES: [RegExp, string][] = [
  [/^(wgId|group|predecessorId)$/, 'working_groups'],
  [/(^|[a-z])(org|organisation|Org|Organisation)Id$|^invite$|^parentId$|^orgId$/, 'organisations'],
  [/[pP]artyId|^partyIds$/, 'parties'],
  [/[pP]ersonId$/, 'people'],
  [/[mM]eetingId$/, 'meetings'],
  [/^issueId$/, 'issues'],
  [/^trackId$/, 'tracks'],
  [/^documentId$/, 'documents'],
  [/^articleId$/, 'articles'],
  [/^(userId|actorUserId)$/, 'users'],
  [/^itemId$/, 'agenda_items'],
  [/^entityId$/, 'any'],
];

/** The table a path's `{id}` names, by the path's first segment. */
const PATH_TABLES: Record<string, string> = {
  tokens: 'api_tokens',
  parties: 'parties',
  organisations: 'organisations',
  people: 'people',
  users: 'users',
  'working-groups': 'working_groups',
  meetings: 'meetings',
  issues: 'issues',
  positions: 'positions',
  statements: 'statements',
  documents: 'documents',
  commitments: 'commitments',
  projects: 'projects',
  notes: 'notes',
  articles: 'articles',
  'statement-candidates': 'statement_candidates',
};

async function idPools(store: Store): Promise<Pools> {
  const pools: Pools = {};
  const tables = [
    'working_groups',
    'organisations',
    'parties',
    'people',
    'meetings',
    'issues',
    'tracks',
    'documents',
    'articles',
    'users',
    'agenda_items',
    'api_tokens',
    'positions',
    'statements',
    'commitments',
    'projects',
    'notes',
    'statement_candidates',
  ] as const;
  for (const t of tables) {
    const rows = await store.db.selectFrom(t).select('id').orderBy('id').limit(60).execute();
    pools[t] = rows.map((r) => r.id);
  }
  pools.any = [...new Set(Object.values(pools).flat())];
  return pools;
}

function tableFor(name: string, path: string): string | undefined {
  if (name === 'id') return PATH_TABLES[path.split('/')[2]];
  for (const [re, t] of ID_TABLES) if (re.test(name)) return t;
  return undefined;
}

/** A well-formed value for `schema` (the field is `name`; ids come from the demo's records). */
function valid(schema: Schema, name: string, path: string, pools: Pools, depth = 0): fc.Arbitrary<unknown> {
  if (schema.anyOf || schema.oneOf) return fc.oneof(...(schema.anyOf ?? schema.oneOf).map((s: Schema) => valid(s, name, path, pools, depth)));
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if ('const' in schema) return fc.constant(schema.const);
  switch (schema.type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer': {
      const min = schema.minimum ?? -5;
      const max = schema.maximum ?? Math.max(min, 0) + 20;
      return fc.oneof(fc.integer({ min, max: Math.min(max, min + 20) }), fc.constantFrom(min, max));
    }
    case 'number':
      return fc.double({ min: schema.minimum ?? -10, max: schema.maximum ?? 10, noNaN: true, noDefaultInfinity: true });
    case 'string':
      return validString(schema, name, path, pools);
    case 'array': {
      const item = valid(schema.items ?? {}, name, path, pools, depth + 1);
      return fc.array(item, { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 3, Math.max(schema.minItems ?? 0, 3)) });
    }
    case 'object': {
      if (depth > 4) return fc.constant({});
      const props = Object.entries<Schema>(schema.properties ?? {});
      if (props.length === 0) return fc.dictionary(fc.string({ maxLength: 10 }), fc.oneof(fc.integer(), fc.string({ maxLength: 10 }), fc.boolean()), { maxKeys: 3 });
      const required = new Set<string>(schema.required ?? []);
      return fc.record(Object.fromEntries(props.map(([k, s]) => [k, valid(s, k, path, pools, depth + 1)])), { requiredKeys: props.map(([k]) => k).filter((k) => required.has(k)) });
    }
    default:
      return fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.boolean());
  }
}

function validString(schema: Schema, name: string, path: string, pools: Pools): fc.Arbitrary<string> {
  if (schema.format === 'date') return fc.date({ min: new Date('1990-01-01'), max: new Date('2035-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  if (schema.format === 'date-time') return fc.date({ min: new Date('1990-01-01'), max: new Date('2035-12-31'), noInvalidDate: true }).map((d) => d.toISOString());
  if (/timezone/i.test(name)) return fc.constantFrom('Asia/Seoul', 'America/New_York', 'UTC', 'Europe/Berlin');
  if (/rrule/i.test(name)) return fc.constantFrom('FREQ=MONTHLY;BYDAY=3TU', 'FREQ=WEEKLY', 'FREQ=YEARLY;COUNT=2');
  if (/^(sourceUrl|evidenceUrl)$/.test(name)) return fc.constantFrom('https://example.org/a', 'http://example.com/b?c=d');
  if (name === 'email') return fc.constantFrom('fuzz@example.org', 'mofa.desk@concord.demo', 'admin@concord.demo');
  if (name === 'password') return fc.constantFrom(DEMO_PASSWORD, 'wrong-password-1');
  const table = tableFor(name, path);
  if (table && pools[table]?.length) return fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...pools[table]) }, { weight: 1, arbitrary: fc.constant('no-such-record') });
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? 40, Math.max(minLength, 40));
  if (schema.pattern) {
    const re = new RegExp(schema.pattern);
    return fc.stringMatching(re).filter((s) => s.length >= minLength && s.length <= (schema.maxLength ?? Infinity));
  }
  return fc.string({ minLength, maxLength, unit: fc.constantFrom(...'abcdefghij klmnop 한국 ,.-_:/0123456789'.split('')) });
}

/** Bad values for a field of `schema`: the shared list plus the schema's own bounds just crossed. */
function invalid(schema: Schema): fc.Arbitrary<unknown> {
  const edges: unknown[] = [];
  const s = schema.anyOf?.find((x: Schema) => x.type !== 'null') ?? schema;
  if (typeof s.minimum === 'number') edges.push(s.minimum - 1, s.minimum - 0.5);
  if (typeof s.maximum === 'number') edges.push(s.maximum + 1, s.maximum * 10 + 1);
  if (typeof s.maxLength === 'number') edges.push('z'.repeat(s.maxLength + 1));
  if (typeof s.minLength === 'number' && s.minLength > 0) edges.push('z'.repeat(s.minLength - 1));
  if (typeof s.maxItems === 'number') edges.push(Array.from({ length: s.maxItems + 1 }, () => 'a'));
  return fc.constantFrom(...BAD_SCALARS, ...edges);
}

interface Generated {
  caller: number;
  viaToken: boolean;
  pathValues: Record<string, unknown>;
  query: Record<string, unknown>;
  headers: Record<string, string>;
  body: unknown;
  /** How the request was spoilt, if it was. */
  spoil: { where: 'path' | 'query' | 'body' | 'header' | 'none' | 'huge' | 'extra' | 'missing' | 'json' | 'type' | 'oversize'; name?: string; value?: unknown };
}

function requestArb(op: Operation, pools: Pools, callers: number): fc.Arbitrary<Generated> {
  const pathParams = op.params.filter((p) => p.in === 'path');
  const queryParams = op.params.filter((p) => p.in === 'query');
  const pathArb = fc.record(Object.fromEntries(pathParams.map((p) => [p.name, valid(p.schema, p.name, op.path, pools)])));
  const queryArb = fc.record(Object.fromEntries(queryParams.map((p) => [p.name, valid(p.schema, p.name, op.path, pools)])), {
    requiredKeys: queryParams.filter((p) => p.required).map((p) => p.name),
  });
  const bodyArb = op.body ? valid(op.body, 'body', op.path, pools) : fc.constant(undefined);
  const ifMatch = fc.oneof({ weight: 4, arbitrary: fc.constantFrom('1', '"1"', 'W/"2"', '3') }, { weight: 1, arbitrary: fc.constantFrom('', 'abc', '99999999999999999999', '-1', '"1', '1.5') });
  const bodyFields = op.body?.properties ? Object.keys(op.body.properties) : [];
  const spoil = fc.oneof(
    { weight: 5, arbitrary: fc.constant({ where: 'none' as const }) },
    ...(pathParams.length
      ? [
          {
            weight: 1,
            arbitrary: fc.record({
              where: fc.constant('path' as const),
              name: fc.constantFrom(...pathParams.map((p) => p.name)),
              value: fc.constantFrom(...BAD_SCALARS.filter((v) => typeof v === 'string' && v.length < 1000)),
            }),
          },
        ]
      : []),
    ...(queryParams.length ? [{ weight: 3, arbitrary: fc.constantFrom(...queryParams).chain((p) => invalid(p.schema).map((value) => ({ where: 'query' as const, name: p.name, value }))) }] : []),
    ...(bodyFields.length
      ? [
          { weight: 4, arbitrary: fc.constantFrom(...bodyFields).chain((k) => invalid(op.body!.properties[k]).map((value) => ({ where: 'body' as const, name: k, value }))) },
          { weight: 1, arbitrary: fc.constantFrom(...bodyFields).map((k) => ({ where: 'missing' as const, name: k })) },
        ]
      : []),
    ...(op.body
      ? [{ weight: 1, arbitrary: fc.constantFrom('extra', 'huge', 'json', 'type', 'type', 'oversize').map((where) => ({ where: where as 'extra' | 'huge' | 'json' | 'type' | 'oversize' })) }]
      : []),
    {
      weight: 1,
      arbitrary: fc.record({
        where: fc.constant('header' as const),
        name: fc.constantFrom('authorization', 'x-csrf-token', 'if-match', 'cookie'),
        value: fc.constantFrom('', 'Bearer ', 'Bearer cct_nope', 'garbage', 'W/"x"', 'concord_session=nope'),
      }),
    },
  );
  return fc.record({
    // The anonymous caller now and then; mostly signed-in users, those who run groups more often.
    caller: fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 6, arbitrary: fc.integer({ min: 1, max: callers - 1 }) }, { weight: 3, arbitrary: fc.constantFrom(...WRITERS) }),
    viaToken: fc.boolean(),
    pathValues: pathArb,
    query: queryArb,
    headers: fc.record({ 'if-match': ifMatch }, { requiredKeys: [] }),
    body: bodyArb,
    spoil,
  }) as fc.Arbitrary<Generated>;
}

function toQueryValue(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function buildRequest(op: Operation, g: Generated, caller: Caller): { method: InjectOptions['method']; url: string; headers: Record<string, string>; payload?: string } {
  const pathValues: Record<string, unknown> = { ...g.pathValues };
  const query: Record<string, unknown> = { ...g.query };
  const headers: Record<string, string> = { ...g.headers };
  const body: unknown = g.body === undefined ? undefined : structuredClone(g.body);
  let payload: string | undefined;
  const sp = g.spoil;
  if (sp.where === 'path') pathValues[sp.name!] = sp.value;
  if (sp.where === 'query') query[sp.name!] = sp.value;
  if (sp.where === 'body' && body && typeof body === 'object') (body as Record<string, unknown>)[sp.name!] = sp.value;
  if (sp.where === 'missing' && body && typeof body === 'object') delete (body as Record<string, unknown>)[sp.name!];
  if (sp.where === 'extra' && body && typeof body === 'object') (body as Record<string, unknown>).unexpectedField = 1;
  if (sp.where === 'huge' && body && typeof body === 'object') {
    const k = Object.keys(op.body?.properties ?? {}).find((n) => op.body!.properties[n].type === 'string') ?? 'text';
    (body as Record<string, unknown>)[k] = HUGE;
  }
  // The caller's credentials.
  if (caller.token && (g.viaToken || !caller.cookie)) headers.authorization = `Bearer ${caller.token}`;
  else if (caller.cookie) {
    headers.cookie = caller.cookie;
    if (op.method !== 'GET') headers['x-csrf-token'] = caller.csrf ?? '';
  }
  if (sp.where === 'header') headers[sp.name!] = String(sp.value);
  if (op.method === 'GET' || op.method === 'DELETE') delete headers['if-match'];
  if (op.body) {
    if (sp.where === 'json') payload = '{"broken": ';
    else if (sp.where === 'oversize') payload = JSON.stringify({ text: OVERSIZE });
    else payload = JSON.stringify(body ?? null);
    headers['content-type'] = sp.where === 'type' ? TYPES[payload.length % TYPES.length] : 'application/json';
  }
  let url = op.path.replace(/\{(\w+)\}/g, (_m, n: string) => enc(toQueryValue(pathValues[n])));
  const qs = Object.entries(query)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${enc(k)}=${enc(toQueryValue(v))}`);
  if (qs.length) url += `?${qs.join('&')}`;
  return { method: op.method as InjectOptions['method'], url, headers, ...(payload !== undefined ? { payload } : {}) };
}

/** The operations of the document, with each declared response's JSON schema (null: no body). */
function operations(doc: Schema): Operation[] {
  const ops: Operation[] = [];
  for (const [path, byMethod] of Object.entries<Schema>(doc.paths)) {
    for (const [method, op] of Object.entries<Schema>(byMethod)) {
      const responses: Operation['responses'] = {};
      for (const [status, r] of Object.entries<Schema>(op.responses ?? {})) {
        const content = r.content as Record<string, { schema: Schema }> | undefined;
        if (!content) responses[status] = null;
        else if (content['application/json']) responses[status] = content['application/json'].schema;
        else responses[status] = 'other';
      }
      ops.push({
        method: method.toUpperCase(),
        path,
        params: (op.parameters ?? []).map((p: Schema) => ({ name: p.name, in: p.in, required: !!p.required, schema: p.schema ?? {} })),
        body: op.requestBody?.content?.['application/json']?.schema,
        responses,
      });
    }
  }
  return ops;
}

async function signIn(app: FastifyInstance, email: string): Promise<Caller> {
  const r = await app.inject({ method: 'POST', url: '/api/session', payload: { email, password: DEMO_PASSWORD } });
  if (r.statusCode !== 200) throw new Error(`${email} could not sign in: ${r.statusCode} ${r.body}`);
  const cookie = r.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrf = (r.json() as { csrfToken: string }).csrfToken;
  const t = await app.inject({ method: 'POST', url: '/api/tokens', headers: { cookie, 'x-csrf-token': csrf }, payload: { name: 'fuzz', scope: 'write' } });
  if (t.statusCode !== 201) throw new Error(`${email} could not make a token: ${t.statusCode} ${t.body}`);
  return { email, cookie, csrf, token: (t.json() as { token: string }).token };
}

async function auditCount(store: Store): Promise<number> {
  const r = await store.db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Runs the fuzz pass on a fresh store of `kind` loaded with the demo scenario. */
export async function fuzzApi(kind: StoreKind, opts: FuzzOptions): Promise<FuzzResult> {
  const setupStarted = performance.now();
  const store = await freshStore(kind);
  const app = await testApp(store, 1_000_000);
  // The error behind a 500, for the report.
  const errors = new Map<string, string>();
  app.addHook('onError', (req, _reply, err, done) => {
    errors.set(req.id, String(err instanceof Error ? err.stack?.split('\n').slice(0, 4).join(' | ') : err));
    done();
  });
  try {
    await loadDemo(store);
    const doc = inlineRefs((await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as Schema);
    const ops = operations(doc);
    const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
    addFormats.default(ajv);
    const validators = new Map<Schema, ReturnType<typeof ajv.compile>>();
    const validate = (schema: Schema, value: unknown) => {
      let v = validators.get(schema);
      if (!v) {
        v = ajv.compile(schema);
        validators.set(schema, v);
      }
      return v(value) ? null : ajv.errorsText(v.errors);
    };

    // The pools first: the callers' own tokens stay out of them, so no request revokes one.
    const pools = await idPools(store);
    const callers: Caller[] = [{ email: null }];
    for (const email of DEMO_USERS) callers.push(await signIn(app, email));
    const samples = ops.map((op, i) => fc.sample(requestArb(op, pools, callers.length), { seed: opts.seed * 1000 + i, numRuns: opts.runs }));

    opts.log?.(`${kind}: ready in ${(performance.now() - setupStarted).toFixed(0)} ms`);
    const result: FuzzResult = { operations: ops.length, requests: 0, statuses: {}, failures: [], time: {} };
    for (let run = 0; run < opts.runs; run++) {
      for (let i = 0; i < ops.length; i++) {
        const op = ops[i];
        const g = samples[i][run];
        const caller = callers[g.caller];
        // Keep the callers signed in: a sign-out or a disabled account would leave the rest of the run anonymous.
        if (op.path === '/api/session' && op.method === 'DELETE') continue;
        if (op.path === '/api/users/{id}' && op.method === 'PATCH' && g.body && typeof g.body === 'object') delete (g.body as Record<string, unknown>).disabled;
        // Most updates name the record's current version, so they get past If-Match to the command.
        if (g.headers['if-match'] && /^\d$/.test(g.headers['if-match']) && (op.method === 'PATCH' || op.method === 'PUT')) {
          const last = op.params.filter((p) => p.in === 'path').at(-1);
          const table = last && (last.name === 'id' ? PATH_TABLES[op.path.split('/')[2]] : ID_TABLES.find(([re]) => re.test(last.name))?.[1]);
          const id = last && g.pathValues[last.name];
          if (table && typeof id === 'string') {
            const row = await store.db
              .selectFrom(table as 'meetings')
              .select('version')
              .where('id', '=', id)
              .executeTakeFirst()
              .catch(() => undefined);
            if (row) g.headers['if-match'] = String(row.version);
          }
        }
        const req = buildRequest(op, g, caller);
        const auditBefore = await auditCount(store);
        const markerBefore = await store.changeMarker();
        const t0 = performance.now();
        const res = await app.inject(req);
        const ms = performance.now() - t0;
        result.time[`${op.method} ${op.path}`] = (result.time[`${op.method} ${op.path}`] ?? 0) + ms;
        result.requests++;
        result.statuses[res.statusCode] = (result.statuses[res.statusCode] ?? 0) + 1;
        const fail = (problem: string) =>
          result.failures.push({
            operation: `${op.method} ${op.path}`,
            request: { method: op.method, url: req.url, headers: req.headers, payload: req.payload?.slice(0, 2000) },
            status: res.statusCode,
            problem,
            body: res.body.slice(0, 2000),
          });
        const error = [...errors.values()][0];
        errors.clear();
        if (res.statusCode >= 500) fail(`server error: ${error ?? '?'}`);
        else if (!(String(res.statusCode) in op.responses)) fail(`status ${res.statusCode} is not declared for the operation`);
        else {
          const schema = op.responses[String(res.statusCode)];
          if (res.statusCode === 204 || schema === null) {
            if (res.body.length > 0 && res.statusCode === 204) fail('a 204 with a body');
          } else if (schema !== 'other') {
            let parsed: unknown;
            try {
              parsed = JSON.parse(res.body);
            } catch {
              fail('the body is not JSON');
            }
            if (parsed !== undefined) {
              const err = validate(schema, parsed);
              if (err) fail(`the body does not match the declared schema: ${err}`);
            }
          }
        }
        if (res.statusCode >= 400 && res.statusCode < 500) {
          if ((await auditCount(store)) !== auditBefore) fail('a refused request appended to the audit trail');
          if ((await store.changeMarker()) !== markerBefore) fail('a refused request moved the change marker');
        }
      }
      opts.log?.(`${kind}: run ${run + 1}/${opts.runs}, ${result.requests} requests, ${result.failures.length} failures`);
    }
    return result;
  } finally {
    await app.close();
    await store.close();
  }
}

/** One line per distinct problem (operation × status × problem), with one example request. */
export function summarise(failures: Failure[]): string {
  const seen = new Map<string, { n: number; f: Failure }>();
  for (const f of failures) {
    const key = `${f.operation} ${f.status} ${f.problem.slice(0, 120)}`;
    const e = seen.get(key);
    if (e) e.n++;
    else seen.set(key, { n: 1, f });
  }
  return [...seen.entries()]
    .map(([key, { n, f }]) => `${n}× ${key}\n    ${f.request.method} ${f.request.url.slice(0, 300)} ${f.request.payload?.slice(0, 300) ?? ''}\n    → ${f.body.slice(0, 300)}`)
    .join('\n');
}

if (import.meta.main) {
  const runs = Number(process.env.FUZZ_RUNS ?? 200);
  const seed = Number(process.env.FUZZ_SEED ?? 1);
  const which = process.env.FUZZ_STORE ?? (process.env.CONCORD_TEST_PG ? 'both' : 'sqlite');
  const kinds: StoreKind[] = which === 'both' ? ['sqlite', 'postgres'] : [which as StoreKind];
  let failed = 0;
  for (const kind of kinds) {
    const started = Date.now();
    const r = await fuzzApi(kind, { runs, seed, log: (l) => process.stderr.write(`${l}\n`) });
    failed += r.failures.length;
    console.log(
      `${kind}: ${r.operations} operations, ${r.requests} requests in ${((Date.now() - started) / 1000).toFixed(1)} s, statuses ${JSON.stringify(r.statuses)}, ${r.failures.length} failures (seed ${seed})`,
    );
    if (process.env.FUZZ_TIMES)
      console.log(
        Object.entries(r.time)
          .sort((a, b) => b[1] - a[1])
          .slice(0, 15)
          .map(([k, v]) => `  ${v.toFixed(0)} ms ${k}`)
          .join('\n'),
      );
    if (r.failures.length) console.log(summarise(r.failures));
  }
  process.exitCode = failed ? 1 : 0;
}
