/**
 * Every refusal a command can raise names a stable reason, and every reason has its text in both
 * languages of the web app: the commands' sources are read for each AppError they build (through
 * badRequest, forbidden, conflict or new AppError), and each must name a reason of the closed list
 * (core/api/refusals.ts), which en.json and ko.json must both word under `refusal.<reason>`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REFUSAL_REASON_LIST, REFUSAL_REASONS } from './refusals.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const COMMANDS = join(ROOT, 'src/server/commands');
const i18n = (lang: string) => JSON.parse(readFileSync(join(ROOT, `src/web/i18n/${lang}.json`), 'utf8')) as { refusal?: Record<string, string> };

/** Each refusal the commands build: file, line, and the reason it names (undefined when none). */
function refusals(): { at: string; call: string; reason: string | undefined }[] {
  const out: { at: string; call: string; reason: string | undefined }[] = [];
  for (const name of readdirSync(COMMANDS)) {
    if (!name.endsWith('.ts') || name.endsWith('.test.ts')) continue;
    const src = readFileSync(join(COMMANDS, name), 'utf8');
    for (const m of src.matchAll(/\b(badRequest|forbidden|conflict|new AppError)\(/g)) {
      const start = m.index ?? 0;
      // The call's text up to its closing parenthesis.
      let depth = 0;
      let i = start + m[0].length - 1;
      let quote: string | null = null;
      for (; i < src.length; i++) {
        const c = src[i];
        if (quote) {
          if (c === '\\') i++;
          else if (c === quote) quote = null;
          continue;
        }
        if (c === "'" || c === '"' || c === '`') quote = c;
        else if (c === '(') depth++;
        else if (c === ')' && --depth === 0) break;
      }
      const call = src.slice(start, i + 1);
      // A re-thrown error as it came back from the write thread carries the reason it was sent with;
      // a helper passes on the reason its own (typed) parameter names.
      if (/new AppError\(s\.code|\{ details, reason \}/.test(call)) continue;
      const reason = /['"]([a-z_]+)['"]\s*(?:,?\s*\}?\s*)\)$|reason:\s*['"]([a-z_]+)['"]/.exec(call);
      out.push({ at: `${name}:${src.slice(0, start).split('\n').length}`, call: call.slice(0, 80), reason: reason?.[1] ?? reason?.[2] });
    }
  }
  return out;
}

test('every refusal a command raises names a reason from the closed list', () => {
  const found = refusals();
  assert.ok(found.length > 150, `found only ${found.length} refusals: is the scan still reading the commands?`);
  const missing = found.filter((r) => !r.reason || !(REFUSAL_REASON_LIST as string[]).includes(r.reason));
  assert.deepEqual(
    missing.map((r) => `${r.at} ${r.call}`),
    [],
    'refusals without a reason of core/api/refusals.ts',
  );
});

test('every reason has its text in English and in Korean', () => {
  const en = i18n('en').refusal ?? {};
  const ko = i18n('ko').refusal ?? {};
  for (const reason of REFUSAL_REASON_LIST) {
    assert.ok(en[reason]?.trim(), `refusal.${reason} has no English text`);
    assert.ok(ko[reason]?.trim(), `refusal.${reason} has no Korean text`);
    assert.ok(REFUSAL_REASONS[reason], reason);
  }
  // And no text words a reason the list does not have.
  assert.deepEqual(
    Object.keys(en).filter((k) => !(REFUSAL_REASON_LIST as string[]).includes(k)),
    [],
  );
});
