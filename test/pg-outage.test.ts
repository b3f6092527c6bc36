/**
 * PostgreSQL dropping the server's connections (a restart, a failover, pg_terminate_backend):
 * `concord serve` must stay up, answer the requests caught in the window with 503 and
 * Retry-After (never 500), and recover by itself — with the pool idle and under load.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { adminQuery, signInDemo, startConcord, type StartedServer } from './started/server.ts';

const ADMIN = process.env.CONCORD_TEST_PG;

describe('PostgreSQL outages under concord serve', { skip: ADMIN ? false : 'CONCORD_TEST_PG is not set' }, () => {
  let server: StartedServer;
  let dbName: string;
  let auth: { cookie: string; csrf: string };
  const URLS = ['/api/meetings', '/api/working-groups', '/api/issues?limit=50', '/api/commitments', '/api/session', '/api/parties'];

  before(async () => {
    // A fresh database of its own, dropped when the server stops.
    server = await startConcord({ store: 'postgres' });
    dbName = new URL(server.databaseUrl).pathname.slice(1);
    auth = await signInDemo(server.url);
  });
  after(async () => {
    if (server && !server.alive()) process.stdout.write(`# the server exited; its stderr:\n${server.stderr()}\n`);
    await server?.stop();
  });

  /** Kills every backend of the test database (the server's pool connections). */
  const terminate = async () =>
    (await adminQuery(ADMIN!, 'select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [dbName])).rows[0].n as number;

  async function get(path: string): Promise<{ status: number; retryAfter: string | null; error?: string }> {
    const r = await fetch(`${server.url}${path}`, { headers: { cookie: auth.cookie } });
    const body = (await r.json().catch(() => ({}))) as { error?: string };
    return { status: r.status, retryAfter: r.headers.get('retry-after'), error: body.error };
  }

  async function write(): Promise<{ status: number; retryAfter: string | null; error?: string }> {
    const r = await fetch(`${server.url}/api/tokens`, {
      method: 'POST',
      headers: { cookie: auth.cookie, 'x-csrf-token': auth.csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'outage' }),
    });
    const body = (await r.json().catch(() => ({}))) as { error?: string };
    return { status: r.status, retryAfter: r.headers.get('retry-after'), error: body.error };
  }

  function checkWindow(answers: { status: number; retryAfter: string | null; error?: string }[]) {
    for (const a of answers) {
      assert.ok(a.status === 200 || a.status === 201 || a.status === 503, `answer in the window: ${JSON.stringify(a)}`);
      if (a.status === 503) {
        assert.equal(a.error, 'store_unavailable');
        assert.ok(Number(a.retryAfter) > 0, 'a 503 carries Retry-After');
      }
    }
  }

  async function recovered() {
    // pg opens new connections on demand: within a few tries every request succeeds again.
    for (let i = 0; i < 50; i++) {
      const all = await Promise.all(URLS.map(get));
      if (all.every((a) => a.status === 200)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.fail('the server did not recover after the outage');
  }

  test('with the pool idle: the process stays up and the next requests succeed', async () => {
    // Fill the pool, then let it go idle.
    await Promise.all(URLS.map(get));
    assert.ok((await terminate()) > 0, 'the server had connections to terminate');
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(server.alive(), `the process is up: ${server.stderr()}`);
    checkWindow(await Promise.all([...URLS.map(get), write()]));
    await recovered();
    assert.ok(server.alive());
    assert.match(server.stderr(), /PostgreSQL connection lost/, 'the lost connections are logged');
  });

  test('under load: answers in the window are 200 or 503 with Retry-After, never 500, and the server recovers', async () => {
    const answers: { status: number; retryAfter: string | null; error?: string }[] = [];
    let running = true;
    const worker = async (i: number) => {
      for (let n = 0; running; n++) {
        try {
          answers.push(i === 0 && n % 4 === 0 ? await write() : await get(URLS[(i + n) % URLS.length]));
        } catch (e) {
          answers.push({ status: -1, retryAfter: null, error: String(e) });
        }
      }
    };
    const workers = Array.from({ length: 8 }, (_, i) => worker(i));
    let killed = 0;
    for (let round = 0; round < 5; round++) {
      await new Promise((r) => setTimeout(r, 400));
      killed += await terminate();
    }
    await new Promise((r) => setTimeout(r, 400));
    running = false;
    await Promise.all(workers);
    assert.ok(killed > 0, 'backends were terminated while requests ran');
    assert.ok(server.alive(), `the process is up: ${server.stderr()}`);
    const counts: Record<number, number> = {};
    for (const a of answers) counts[a.status] = (counts[a.status] ?? 0) + 1;
    process.stdout.write(`# ${answers.length} answers under load while ${killed} backends were terminated: ${JSON.stringify(counts)}\n`);
    checkWindow(answers);
    await recovered();
    assert.ok(server.alive());
  });
});
