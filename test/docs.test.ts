import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';

const ROOT = resolve(import.meta.dirname, '..');

/** The code the product runs: src/ and bin/, without tests. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|js|mjs)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path] : [];
  });
}

/**
 * Every environment variable the code reads, with the files reading it: `process.env.NAME`,
 * `process.env['NAME']`, commander's `.env('NAME')`, and any `'CONCORD_…'` string literal (a
 * variable read through a helper, `positiveInteger('CONCORD_X')`).
 */
function variablesRead(): Map<string, string[]> {
  const patterns = [/process\.env\.([A-Z][A-Z0-9_]*)/g, /process\.env\[\s*['"`]([A-Z][A-Z0-9_]*)['"`]\s*\]/g, /\.env\(\s*['"`]([A-Z][A-Z0-9_]*)['"`]\s*\)/g, /['"`](CONCORD_[A-Z0-9_]+)['"`]/g];
  const found = new Map<string, string[]>();
  for (const file of [...sourceFiles(join(ROOT, 'src')), ...sourceFiles(join(ROOT, 'bin'))]) {
    const text = readFileSync(file, 'utf8');
    for (const re of patterns) {
      for (const m of text.matchAll(re)) {
        const files = found.get(m[1]) ?? [];
        const rel = relative(ROOT, file);
        if (!files.includes(rel)) files.push(rel);
        found.set(m[1], files);
      }
    }
  }
  return found;
}

/** The variables in README's Configuration table (first column, in backticks). */
function variablesDocumented(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((s) => s.startsWith('Configuration\n'));
  assert.ok(section, 'README.md has a "Configuration" section');
  return [...section.matchAll(/^\|\s*`([A-Z][A-Z0-9_]*)`\s*\|/gm)].map((m) => m[1]);
}

test('README lists every environment variable the code reads, and only those', () => {
  const read = variablesRead();
  const documented = variablesDocumented();
  // The reader itself must find the variables we know of.
  for (const known of ['DATABASE_URL', 'PORT', 'HOST', 'LOG_LEVEL', 'CONCORD_WRITE_THREAD']) assert.ok(read.has(known), `found ${known}`);
  const missing = [...read].filter(([name]) => !documented.includes(name)).map(([name, files]) => `${name} (read in ${files.join(', ')})`);
  assert.deepEqual(missing, [], 'add these to the Configuration table in README.md');
  const stale = documented.filter((name) => !read.has(name));
  assert.deepEqual(stale, [], 'README.md documents variables no code reads');
  assert.equal(new Set(documented).size, documented.length, 'each variable is listed once');
});

test('no file in the repository holds a merge-conflict marker', () => {
  const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' })
    .split('\0')
    .filter((f) => f && !/\.(png|jpg|ico|woff2?|pdf)$/.test(f));
  const marked: string[] = [];
  for (const f of tracked) {
    let text: string;
    try {
      text = readFileSync(join(ROOT, f), 'utf8');
    } catch {
      continue; // listed but not in this checkout
    }
    if (/^(<{7}|>{7}) /m.test(text) || /^<{7}$/m.test(text)) marked.push(f);
  }
  assert.deepEqual(marked, []);
});
