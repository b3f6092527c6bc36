import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { evaluateDirectory, loadEvalDirectory } from './eval-files.ts';
import { evaluate, quoteMatch } from './evaluate.ts';
import { suggestIssues } from './issues.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const dir = resolve(root, 'test/fixtures/extract');

test('labelled set covers both seeds and every tagged hard case', () => {
  const { cases, directory } = loadEvalDirectory(dir);
  assert.ok(directory && directory.people.length > 20);
  const ids = cases.map((c) => c.id);
  assert.ok(ids.includes('seed-000') && ids.includes('seed-004'));
  const tags = new Set(cases.flatMap((c) => c.statements.flatMap((s) => s.tags ?? [])));
  for (const t of ['S02', 'S07', 'S13', 'S37', 'S26', 'S30', 'S33', 'S35', 'S34', 'S36', 'S16', 'S32', 'S10', 'S14', 'ANON', 'ORG', 'PARTIAL', 'split', 'nested', 'ROLECHANGE'])
    assert.ok(tags.has(t), t);
});

test('precision ≥ 0.9 and recall ≥ 0.85 on speaker+quote (labelled set)', () => {
  const { report, table } = evaluateDirectory(dir);
  const f = report.fields.speakerQuote;
  assert.ok(f.precision >= 0.9, table);
  assert.ok(f.recall >= 0.85, table);
  assert.ok(report.fields.quote.precision >= 0.9 && report.fields.quote.recall >= 0.85, table);
  assert.ok(report.fields.speaker.precision >= 0.9 && report.fields.speaker.recall >= 0.85, table);
  assert.ok(report.fields.organisation.precision >= 0.85 && report.fields.organisation.recall >= 0.85, table);
});

test('held-out passages (written after the engine, not tuned on) stay above the target', () => {
  const { report, table } = evaluateDirectory(resolve(dir, 'heldout'));
  assert.ok(report.fields.speakerQuote.precision >= 0.9, table);
  assert.ok(report.fields.speakerQuote.recall >= 0.85, table);
});

test('Korean labelled set and its held-out quarter: at least 40 statements, targets met, scored per language', () => {
  const ko = evaluateDirectory(resolve(dir, 'ko'));
  const held = ko.report.groups?.find((g) => g.name === 'heldout')?.report;
  assert.ok(held, ko.table);
  assert.deepEqual(Object.keys(ko.report.byLanguage), ['ko']);
  assert.ok(ko.report.statements + held.statements >= 40 && held.statements >= 10, ko.table);
  assert.ok(ko.report.fields.speakerQuote.precision >= 0.9 && ko.report.fields.speakerQuote.recall >= 0.85, ko.table);
  assert.ok(held.fields.speakerQuote.precision >= 0.9 && held.fields.speakerQuote.recall >= 0.8, ko.table);
  // One run over the whole fixture tree reports English, Korean and both held-out parts apart.
  const all = evaluateDirectory(dir);
  assert.deepEqual(
    all.report.groups?.map((g) => g.name),
    ['heldout', 'ko', 'ko/heldout'],
  );
  assert.match(all.table, /^ko\/heldout\s+ko\s+\d+\s+\d+\s+\d\.\d{3}\s+\d\.\d{3}$/m);
  assert.match(all.table, /^heldout\s+en\s/m);
});

test('quote matching: overlap ≥ 0.8 or containment of ≥ 4 tokens', () => {
  assert.ok(quoteMatch('That is not true, … (Sending) the drugs', '“That is not true … (Sending) the drugs”') > 0);
  assert.ok(quoteMatch('the working group to be disbanded', 'the working group to be disbanded on July 16') > 0);
  assert.equal(quoteMatch('reviewing it', 'the ministry was reviewing it and will decide later'), 0);
  assert.equal(quoteMatch('sanctions have lost their bite', 'the talks were held in Seoul'), 0);
});

test('evaluate counts spurious and missed statements', () => {
  const r = evaluate([
    {
      id: 'x',
      text: '"We are here," Biegun said. The talks ended.',
      statements: [
        { quote: 'We are here', speaker: { name: 'Biegun' } },
        { quote: 'The talks ended', speaker: { name: 'Lee' } },
      ],
    },
  ]);
  assert.equal(r.fields.speakerQuote.tp, 1);
  assert.equal(r.fields.speakerQuote.fn, 1);
  assert.equal(r.fields.speakerQuote.precision, 1);
  assert.equal(r.fields.speakerQuote.recall, 0.5);
});

test('suggestIssues ranks by keyword and title overlap', () => {
  const issues = [
    { id: 'tamiflu', title: 'Tamiflu to North Korea', keywords: ['Tamiflu', 'influenza', 'test kits'] },
    { id: 'rail', title: 'Inter-Korean rail and road reconnection', keywords: ['railway', 'groundbreaking', 'rail survey'] },
    { id: 'video', title: 'Video reunions', keywords: ['video reunions', 'fiber-optic'] },
  ];
  const s = suggestIssues({ quote: '(Sending) the influenza treatment drugs is a humanitarian issue', sentence: 'The Tamiflu shipment remains stuck.' }, issues);
  assert.equal(s[0].issueId, 'tamiflu');
  assert.deepEqual(s[0].matched.sort(), ['Tamiflu', 'influenza']);
  assert.equal(s.length, 1);
  const r = suggestIssues({ quote: 'Our aim is to hold a groundbreaking ceremony within this year', sentence: 'a joint survey related to a South-North rail connection project' }, issues);
  assert.equal(r[0].issueId, 'rail');
  assert.ok(r[0].score > 0 && r[0].score < 1);
});
