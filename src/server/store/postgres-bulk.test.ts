import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { sql } from 'kysely';
import { freshStore, storeKinds } from '../../../test/helpers.ts';
import { copyValue, CopyLoader } from './postgres-bulk.ts';
import { exportBundleText, importBundle } from './bundle.ts';

/** Text that COPY's text format must carry unchanged: its own separators and escapes, and Unicode. */
const AWKWARD = [
  '',
  ' ',
  '\t',
  '\n',
  '\r',
  '\r\n',
  '\\',
  '\\\\',
  '\\N',
  'N',
  'NULL',
  'null',
  '\\.',
  '.',
  'a\tb\nc\rd\\e',
  '\\t\\n\\r',
  '"quoted" \'single\'',
  '{"json":["text",1,null,true],"nested":{"k":"v\\n"}}',
  '[1,2,3]',
  '0',
  '-1',
  '1e3',
  't',
  'f',
  'true',
  '회의 / Meeting',
  'emoji 🗳️ and 𝔘𝔑 (outside the BMP)',
  '\u00a0non-breaking\u2028line separator\u2029',
  'x'.repeat(70_000),
];

const noNul = (s: string) => !s.includes('\u0000');
/** Any text (any code point), with COPY's special characters far more often than chance would give them. */
const anyText = fc
  .string({
    unit: fc.oneof(fc.constantFrom('\\', '\t', '\n', '\r', 'N', '.', 'x', '"', ' '), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })),
    maxLength: 60,
  })
  .filter(noNul);

describe('COPY text format', () => {
  test('values are written as PostgreSQL reads them', () => {
    assert.equal(copyValue(null), '\\N');
    assert.equal(copyValue(undefined), '\\N');
    assert.equal(copyValue(''), '');
    assert.equal(copyValue('\\N'), '\\\\N');
    assert.equal(copyValue('a\tb\nc\rd\\e'), 'a\\tb\\nc\\rd\\\\e');
    assert.equal(copyValue(42), '42');
    assert.equal(copyValue(-7), '-7');
    assert.equal(copyValue(true), 't');
    assert.equal(copyValue(false), 'f');
    assert.equal(copyValue({ a: 'x\ty' }), '{"a":"x\\\\ty"}'); // JSON's backslash escaped again
    assert.throws(() => copyValue('a\u0000b'), /NUL/);
  });

  test('no value holds an unescaped separator, and escaping is undone by reading it back', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const v = copyValue(s);
        assert.ok(!/[\t\n\r]/.test(v));
        // COPY reads a backslash before anything else as an escape of its own (\b, \N, octal, \x…).
        const back = v.replace(/\\([\s\S])/g, (_m, c: string) => ({ t: '\t', n: '\n', r: '\r', '\\': '\\' })[c] ?? assert.fail(`${JSON.stringify(v)}: \\${c} is not what was meant`));
        assert.ok(!/\\$/.test(v.replace(/\\\\/g, '')), `${JSON.stringify(v)} ends in a lone backslash`);
        assert.equal(back, s);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('COPY into PostgreSQL', { skip: !storeKinds().includes('postgres') && 'CONCORD_TEST_PG is not set' }, () => {
  test('any text, null, empty text, integers and JSON text come back as they were sent', async () => {
    const store = await freshStore('postgres');
    try {
      await store.transaction(async (tx) => {
        await sql`create temporary table copied (i int4 primary key, s text, n int4, j jsonb) on commit drop`.execute(tx);
        const copy = new CopyLoader(await store.postgres!.clientOf(tx));
        let next = 0;
        const check = async (values: (string | null)[], numbers: (number | null)[]) => {
          const first = next;
          const rows = values.map((s, k) => ({ i: first + k, s, n: numbers[k % numbers.length] ?? null, j: s === null ? null : JSON.stringify({ s }) }));
          next += rows.length;
          await copy.write('copied', first, rows);
          await copy.end();
          const back = await sql<{ i: number; s: string | null; n: number | null; j: { s: string } | null }>`select i, s, n, j from copied where i >= ${first} order by i`.execute(tx);
          assert.equal(back.rows.length, rows.length);
          for (const [k, r] of back.rows.entries()) {
            assert.equal(r.s, rows[k].s, `row ${k}: ${JSON.stringify(rows[k].s)}`);
            assert.equal(r.n, rows[k].n);
            assert.deepEqual(r.j, rows[k].s === null ? null : { s: rows[k].s });
          }
        };
        // NULL and empty text stay apart; so do the text "\N" and NULL.
        await check([...AWKWARD, null, '', null, '\\N'], [0, -1, 2147483647, -2147483648, null]);
        await fc.assert(
          fc.asyncProperty(fc.array(fc.option(anyText, { nil: null }), { minLength: 1, maxLength: 40 }), fc.array(fc.option(fc.integer(), { nil: null }), { minLength: 1, maxLength: 5 }), check),
          { numRuns: 100 },
        );
      });
    } finally {
      await store.close();
    }
  });

  test('any text round-trips through export and import on PostgreSQL', async () => {
    const texts = [...AWKWARD, ...fc.sample(anyText, { numRuns: 300, seed: 20261204 })];
    const source = await freshStore('sqlite');
    const target = await freshStore('postgres');
    try {
      const stamp = { version: 1, created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z' };
      await source.db
        .insertInto('parties')
        .values(texts.map((t, i) => ({ id: `p-${String(i).padStart(4, '0')}`, code: `C${i}`, name: t, name_ko: i % 3 ? null : t, kind: 'government', ...stamp })))
        .execute();
      const bundle = await exportBundleText(source);
      await importBundle(target, Readable.from([Buffer.from(bundle, 'utf8')]));
      const back = await target.db.selectFrom('parties').select(['id', 'name', 'name_ko']).orderBy('id').execute();
      assert.equal(back.length, texts.length);
      for (const [i, r] of back.entries()) {
        assert.equal(r.name, texts[i], `party ${i}: ${JSON.stringify(texts[i])}`);
        assert.equal(r.name_ko, i % 3 ? null : texts[i]);
      }
      assert.equal(await exportBundleText(target), bundle);
    } finally {
      await source.close();
      await target.close();
    }
  });

  test('a row the store refuses is named by its table, its rows and its key, and nothing is written', async () => {
    const store = await freshStore('postgres');
    try {
      await assert.rejects(
        store.transaction(async (tx) => {
          const copy = new CopyLoader(await store.postgres!.clientOf(tx));
          const stamp = { version: 1, created_at: 'x', updated_at: 'x' };
          await copy.write('parties', 0, [
            { id: 'p-1', code: 'A', name: 'a', kind: 'government', ...stamp },
            { id: 'p-1', code: 'B', name: 'b', kind: 'government', ...stamp },
          ]);
          await copy.end();
        }),
        (e: Error & { table?: string; row?: number | null; detail?: string }) => {
          assert.equal(e.table, 'parties');
          assert.equal(e.row, 1);
          assert.match(e.detail ?? '', /Key \(id\)=\(p-1\) already exists/);
          return true;
        },
      );
      assert.equal((await store.db.selectFrom('parties').select('id').execute()).length, 0);
    } finally {
      await store.close();
    }
  });
});
