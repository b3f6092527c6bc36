import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/server/app.ts';
import { freshStore } from './helpers.ts';

test('the web app: hashed assets are cached for good, the page itself is always revalidated', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'concord-web-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Concord</title>');
  writeFileSync(join(root, 'assets', 'main-abc123.js'), 'console.log(1)');
  const store = await freshStore('sqlite');
  const app = await buildApp({ store, webRoot: root });
  t.after(async () => {
    await app.close();
    await store.close();
    rmSync(root, { recursive: true, force: true });
  });
  const asset = await app.inject({ method: 'GET', url: '/assets/main-abc123.js' });
  assert.equal(asset.statusCode, 200);
  assert.equal(asset.headers['cache-control'], 'public, max-age=31536000, immutable');
  for (const url of ['/', '/groups/wg-2018']) {
    const page = await app.inject({ method: 'GET', url });
    assert.equal(page.statusCode, 200, url);
    assert.match(String(page.headers['content-type']), /text\/html/);
    assert.equal(page.headers['cache-control'], 'no-cache', url);
  }
});
