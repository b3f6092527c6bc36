/**
 * The OpenAPI document as an integrator uses it: a typed client generated from the served
 * /api/openapi.json (openapi-typescript) and a script written against it with openapi-fetch — sign
 * in, read a list, update a record with If-Match and X-CSRF-Token — must compile with no casts;
 * Redocly's recommended ruleset must find nothing (0 errors, 0 warnings).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { freshStore, testApp } from './helpers.ts';

const ROOT = resolve(import.meta.dirname, '..');

async function servedDocument(): Promise<string> {
  const store = await freshStore('sqlite');
  const app = await testApp(store);
  try {
    const r = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    assert.equal(r.statusCode, 200);
    return r.body;
  } finally {
    await app.close();
    await store.close();
  }
}

/** What an integrator writes: every call typed by the generated `paths`, no casts. */
const SCRIPT = `import createClient from 'openapi-fetch';
import type { components, paths } from './api.ts';

type ErrorCode = components['schemas']['Error']['error'];

export async function renameFirstIssue(baseUrl: string, email: string, password: string): Promise<ErrorCode | 'renamed' | 'empty'> {
  const api = createClient<paths>({ baseUrl, credentials: 'include' });
  const session = await api.POST('/api/session', { body: { email, password } });
  if (session.error) return session.error.error;
  // An account with a passkey answers the password with a passkey step (202), which a script cannot take.
  if (!('csrfToken' in session.data)) return 'forbidden';
  const csrf: string | undefined = session.data.csrfToken;
  const list = await api.GET('/api/issues', { params: { query: { limit: 10 } } });
  if (list.error) return list.error.error;
  const issue: components['schemas']['Issue'] | undefined = list.data.items[0];
  if (!issue) return 'empty';
  if (!issue.abilities.update) return 'forbidden';
  const updated = await api.PATCH('/api/issues/{id}', {
    params: { path: { id: issue.id }, header: { 'If-Match': String(issue.version), 'X-CSRF-Token': csrf } },
    body: { title: issue.title + ' (renamed)', keywords: [...issue.keywords, 'renamed'] },
  });
  if (updated.error) return updated.error.error;
  return 'renamed';
}
`;

test('a client generated from /api/openapi.json compiles a script that signs in, reads and updates with If-Match and X-CSRF-Token; Redocly finds nothing', { timeout: 120_000 }, async () => {
  const doc = await servedDocument();
  // Inside node_modules so that the script resolves openapi-fetch as an integrator's project would.
  const base = join(ROOT, 'node_modules', '.cache');
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(join(base, 'concord-openapi-client-'));
  try {
    writeFileSync(join(dir, 'openapi.json'), doc);
    writeFileSync(join(dir, 'api.ts'), astToString(await openapiTS(JSON.parse(doc))));
    writeFileSync(join(dir, 'script.ts'), SCRIPT);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'es2022',
          module: 'nodenext',
          moduleResolution: 'nodenext',
          lib: ['es2023', 'dom'],
          types: [],
          strict: true,
          noEmit: true,
          allowImportingTsExtensions: true,
          skipLibCheck: true,
        },
        files: ['script.ts'],
      }),
    );
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
    assert.equal(tsc.status, 0, `the script does not compile against the generated client:\n${tsc.stdout}${tsc.stderr}`);
    assert.doesNotMatch(SCRIPT, /\bas (?!const)|\w!\.|\w!\)/, 'the script has no casts or non-null assertions');

    // Known exceptions, kept in Redocly's own ignore file: the health probes (/healthz, /readyz)
    // take no caller and no input, so they have no 4xx answer to declare; the two legs of a
    // sign-in through an identity provider are browser redirects, so they answer 302, never 2xx.
    writeFileSync(
      join(dir, '.redocly.lint-ignore.yaml'),
      [
        'openapi.json:',
        '  operation-4xx-response:',
        "    - '#/paths/~1healthz/get/responses'",
        "    - '#/paths/~1readyz/get/responses'",
        '  operation-2xx-response:',
        "    - '#/paths/~1api~1auth~1oidc~1{provider}~1start/get/responses'",
        "    - '#/paths/~1api~1auth~1oidc~1{provider}~1callback/get/responses'",
        '',
      ].join('\n'),
    );
    const lint = spawnSync(process.execPath, [join(ROOT, 'node_modules/@redocly/cli/bin/cli.js'), 'lint', '--extends=recommended', '--format=json', 'openapi.json'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    });
    const out = lint.stdout;
    const report = JSON.parse(out.slice(out.indexOf('{'))) as { totals: { errors: number; warnings: number }; problems: { ruleId: string; message: string; location?: { pointer?: string }[] }[] };
    const problems = report.problems.map((p) => `${p.ruleId}: ${p.message} (${p.location?.[0]?.pointer ?? ''})`).join('\n');
    assert.deepEqual({ errors: report.totals.errors, warnings: report.totals.warnings }, { errors: 0, warnings: 0 }, problems);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
