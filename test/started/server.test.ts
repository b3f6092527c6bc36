/**
 * The started-process harness itself: `concord serve --demo-if-empty` starts as a child over a
 * fresh store, answers with the demo loaded, honours CONCORD_SIGNIN_PER_MINUTE (failed sign-ins before the backoff), stops on SIGTERM
 * with exit code 0, and leaves no store behind; a bad setting stops the start with its message.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import pg from 'pg';
import { concordFor, startConcord, startedStores } from './server.ts';

const signIn = (url: string, password: string) =>
  fetch(`${url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'mofa.desk@concord.demo', password }) });

for (const store of startedStores()) {
  test(`concord serve as a child process (${store}): demo loaded, sign-in limit from the environment, clean stop`, { timeout: 300_000 }, async (t) => {
    const server = await concordFor(t, { store, signInPerMinute: 3 });
    assert.match(server.log(), /Loaded the demo scenario/);
    assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
    // A limit of three failed sign-ins: the third starts a wait, in which even the right password
    // is refused (429, without being checked).
    const statuses = [];
    for (const pw of ['wrong', 'wrong', 'wrong', 'concord-demo']) statuses.push((await signIn(server.url, pw)).status);
    assert.deepEqual(statuses, [401, 401, 401, 429]);

    await server.stop();
    assert.deepEqual(server.exit(), { code: 0, signal: null }, 'SIGTERM stops it cleanly');
    assert.match(server.log(), /Concord is serving/);
    assert.doesNotMatch(server.log(), /SIGKILL/, 'SIGTERM alone stops the server');
    assert.equal(
      await fetch(`${server.url}/healthz`).then(
        () => 'answered',
        () => 'refused',
      ),
      'refused',
    );
    if (store === 'sqlite') {
      assert.equal(existsSync(dirname(server.databaseUrl.slice('sqlite:'.length))), false, 'the store folder is removed');
    } else {
      const name = new URL(server.databaseUrl).pathname.slice(1);
      const c = new pg.Client({ connectionString: process.env.CONCORD_TEST_PG });
      await c.connect();
      const r = await c.query('select 1 from pg_database where datname = $1', [name]);
      await c.end();
      assert.equal(r.rowCount, 0, 'the database is dropped');
    }
  });
}

test('a bad CONCORD_SIGNIN_PER_MINUTE stops concord serve with its message', { timeout: 120_000 }, async () => {
  await assert.rejects(startConcord({ env: { CONCORD_SIGNIN_PER_MINUTE: 'lots' } }), /exited \(code 1.*CONCORD_SIGNIN_PER_MINUTE must be a whole number above 0 \(got "lots"\)/s);
});
