/**
 * Every interface string exists in English and Korean: the two catalogues have the same keys,
 * no Korean value is left empty or in English by mistake, and every literal key the web app
 * passes to t() is in the catalogue. (No browser needed.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

type Tree = { [k: string]: string | Tree };
const load = (lang: string) => JSON.parse(readFileSync(join(ROOT, `src/web/i18n/${lang}.json`), 'utf8')) as Tree;
const flatten = (t: Tree, prefix = ''): Map<string, string> => {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(t)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
};
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.(tsx?|ts)$/.test(f) ? [p] : [];
  });

const en = flatten(load('en'));
const ko = flatten(load('ko'));
/** Keys used with i18next plural suffixes resolve to key_one / key_other. */
const has = (m: Map<string, string>, k: string) => m.has(k) || m.has(`${k}_one`) || m.has(`${k}_other`);

test('English and Korean catalogues have the same keys', () => {
  const onlyEn = [...en.keys()].filter((k) => !ko.has(k));
  const onlyKo = [...ko.keys()].filter((k) => !en.has(k));
  assert.deepEqual(onlyEn, [], `missing in ko.json: ${onlyEn.join(', ')}`);
  assert.deepEqual(onlyKo, [], `missing in en.json: ${onlyKo.join(', ')}`);
});

test('Korean strings are written in Korean', () => {
  // Brand names, codes and pure placeholders may stay as they are.
  const exempt = (v: string) => /^[\s{}\w.:·/–—()+\-−…"“”]*$/.test(v) && (/^\{\{\w+\}\}/.test(v) || /^[A-Z0-9 .:]+$/.test(v) || v.length < 3);
  const english = [...ko].filter(([, v]) => !/[\uac00-\ud7a3]/.test(v) && !exempt(v));
  assert.deepEqual(
    english.map(([k, v]) => `${k}=${v}`),
    [],
  );
});

test('every literal key passed to t() exists', () => {
  const missing: string[] = [];
  for (const f of files(join(ROOT, 'src/web'))) {
    const src = readFileSync(f, 'utf8');
    for (const m of src.matchAll(/\bt\(\s*'([a-zA-Z][\w.]*)'/g)) if (!has(en, m[1])) missing.push(`${m[1]} (${f.slice(ROOT.length + 1)})`);
    // Template keys such as t(`stage.${s}`): their prefix must exist as a group.
    for (const m of src.matchAll(/\bt\(\s*`([a-zA-Z][\w.]*)\.\$\{/g)) if (![...en.keys()].some((k) => k.startsWith(`${m[1]}.`))) missing.push(`${m[1]}.* (${f.slice(ROOT.length + 1)})`);
  }
  assert.deepEqual([...new Set(missing)], []);
});
