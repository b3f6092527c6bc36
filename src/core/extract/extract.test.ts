import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { extractStatements } from './extract.ts';
import type { Candidate } from './types.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const seed = (name: string) => readFileSync(resolve(root, '../shared/reference/seeds', name), 'utf8');
const fixture = (name: string) => readFileSync(resolve(root, 'test/fixtures/extract', name), 'utf8');
const find = (cands: Candidate[], words: string) => cands.find((c) => c.quote.includes(words));

test('seed 000: Kang Yu-jung, spokesperson for the presidential office, partial quotes in indirect speech', () => {
  const text = seed('000_84a47929f38cc454.txt');
  const cands = extractStatements(text, { publishedOn: '2025-12-15' });
  const c = find(cands, 'slightly different opinions');
  assert.ok(c, 'Kang statement found');
  assert.equal(c.kind, 'partial');
  assert.equal(c.speaker.name, 'Kang Yu-jung');
  assert.equal(c.speaker.role, 'spokesperson');
  assert.equal(c.speaker.organisation, 'presidential office');
  assert.equal(c.speaker.anonymous, false);
  assert.equal(c.cue, 'acknowledged');
  assert.match(c.quote, /difficult to describe the situation as conflict at this point/);
  assert.equal(text.slice(c.span.start, c.span.end), c.quote);
  // "Kang emphasized …": the bare surname resolves to the full name and keeps the role.
  const k2 = find(cands, 'various methods');
  assert.ok(k2);
  assert.equal(k2.speaker.text, 'Kang');
  assert.equal(k2.speaker.name, 'Kang Yu-jung');
});

test("seed 000: the Unification Ministry's position is an organisation's statement", () => {
  const cands = extractStatements(seed('000_84a47929f38cc454.txt'));
  const willing = find(cands, 'separate consultations');
  assert.ok(willing);
  assert.equal(willing.speaker.isOrganisation, true);
  assert.equal(willing.speaker.text, 'The ministry');
  assert.equal(willing.speaker.name, 'Unification Ministry');
  const notParticipate = find(cands, 'will not participate');
  assert.ok(notParticipate);
  assert.equal(notParticipate.speaker.name, 'Unification Ministry');
  assert.equal(notParticipate.speaker.isOrganisation, true);
  const coordination = find(cands, 'close coordination');
  assert.equal(coordination?.cue, 'reiterating');
  // The presidential office's denial, as an organisation.
  const denial = find(cands, 'claims of discord');
  assert.equal(denial?.speaker.name, 'presidential office');
  assert.equal(denial?.speaker.isOrganisation, true);
});

test("seed 004: Pompeo's remarks, with title and organisation", () => {
  const cands = extractStatements(seed('004_ba8545c4c8a2fca9.txt'));
  const pompeo = cands.filter((c) => c.speaker.name === 'Mike Pompeo');
  assert.equal(pompeo.length, 2);
  assert.match(pompeo[0].quote, /should not get ahead of denuclearization/);
  assert.match(pompeo[1].quote, /would not be telling conflicting stories/);
  assert.equal(pompeo[0].speaker.role, 'US Secretary of State');
  assert.equal(pompeo[0].speaker.organisation, 'State Department');
  assert.equal(pompeo[0].kind, 'indirect');
  // The editorial's own interpretation ("His remarks could be seen as implying …") is not a statement.
  assert.ok(!cands.some((c) => /use the working group as a check/.test(c.quote)));
  assert.ok(!cands.some((c) => /reportedly suggested/.test(c.sentence) && c.speaker.name === 'Seoul'));
});

test('ANON: "he said on condition of anonymity" stays anonymous (S02)', () => {
  const [c] = extractStatements(fixture('s02-anon-official.txt'));
  assert.equal(c.quote, '(We) plan to launch it next month');
  assert.equal(c.speaker.text, 'he');
  assert.equal(c.speaker.anonymous, true);
  assert.equal(c.speaker.name, undefined);
  assert.match(c.speaker.description ?? '', /foreign ministry official/);
  assert.equal(c.speaker.organisation, 'foreign ministry');
});

test('ANON: indefinite officials and sources (S07, S13, S37)', () => {
  const s07 = extractStatements(fixture('s07-anon-senior.txt'))[0];
  assert.equal(s07.speaker.anonymous, true);
  assert.equal(s07.speaker.description, 'a senior ROK government official');
  const s13 = extractStatements(fixture('s13-anon-mou.txt'))[0];
  assert.equal(s13.speaker.anonymous, true);
  assert.equal(s13.speaker.organisation, 'unification ministry');
  const s37 = extractStatements(fixture('s37-anon-source.txt'));
  assert.equal(s37[0].speaker.anonymous, true);
  assert.equal(s37[0].speaker.description, 'a source familiar with the situation');
  // The quote's own "told" is not a cue; Wi's partial quote is separate.
  assert.equal(s37.length, 2);
  assert.equal(s37[1].speaker.name, 'Wi Sung-lac');
  assert.equal(s37[1].kind, 'partial');
});

test('ORG: organisations as speakers (S26 press release, S30, S33, S35 collective)', () => {
  const s26 = extractStatements(fixture('s14b-noh-2021.txt'));
  assert.equal(s26.length, 1);
  assert.equal(s26[0].speaker.name, 'Ministry of Foreign Affairs');
  assert.equal(s26[0].speaker.isOrganisation, true);
  const digest = extractStatements(fixture('s26-mofa-digest.txt'));
  assert.deepEqual(
    digest.map((c) => c.speaker.name),
    ['MOFA', 'Ministry of Unification'],
  );
  assert.equal(digest[0].cue, ':');
  assert.equal(digest[0].speaker.description, 'press release');
  const s30 = extractStatements(fixture('s30-white-house.txt'));
  assert.equal(s30[0].speaker.name, 'White House');
  const s33 = extractStatements(fixture('s33-mou.txt'));
  assert.equal(s33.length, 3);
  assert.ok(s33.every((c) => c.speaker.name === 'Ministry of Unification' && c.speaker.isOrganisation));
  assert.equal(s33[2].kind, 'partial');
  assert.equal(s33[2].cue, 'added');
  const s35 = extractStatements(fixture('s35-former-ministers.txt'));
  assert.equal(s35.length, 1, 'the statement title is not a statement');
  assert.equal(s35[0].speaker.name, 'Six former unification ministers');
  assert.equal(s35[0].speaker.isOrganisation, true);
});

test('PARTIAL: fragments inside indirect speech (S34, S36)', () => {
  const [s34] = extractStatements(fixture('s34-chung-partial.txt'));
  assert.equal(s34.kind, 'partial');
  assert.equal(s34.speaker.name, 'Chung Dong-young');
  assert.equal(s34.speaker.role, 'Unification Minister');
  assert.equal(s34.speaker.organisation, 'Ministry of Unification');
  assert.equal(s34.quote, 'the ministry was "reviewing it" and would decide "after seeing the content."');
  const [s36] = extractStatements(fixture('s36-kang-partial.txt'));
  assert.equal(s36.kind, 'partial');
  assert.equal(s36.speaker.name, 'Kang Yu-jung');
  assert.equal(s36.speaker.organisation, 'presidential office');
  assert.match(s36.quote, /^even if there are "slightly different opinions,"/);
});

test('split quotes around the attribution become one statement (S16, S32)', () => {
  const text16 = fixture('s16-baik-split.txt');
  const s16 = extractStatements(text16);
  assert.equal(s16.length, 1);
  assert.equal(s16[0].quote, 'That is not true … (Sending) the influenza treatment drugs is a humanitarian issue and the U.S. has voiced its positive stance on that.');
  assert.equal(s16[0].speaker.name, 'Baik Tae-hyun');
  assert.equal(s16[0].speaker.role, 'spokesperson');
  assert.equal(s16[0].speaker.organisation, 'Ministry of Unification', '"the ministry" resolves to the ministry mentioned before');
  assert.ok(text16.slice(s16[0].span.start, s16[0].span.end).startsWith('That is not true'));
  const s32 = extractStatements(fixture('s32-kevin-kim-split.txt'));
  assert.equal(s32.length, 2);
  assert.equal(s32[1].speaker.name, 'Kevin Kim');
  assert.match(s32[1].quote, /joint fact sheet … That is our Korea policy right now\.?$/);
});

test('nested attribution: "he was quoted as saying in the CNN report" (S10); "…, the AP reported"', () => {
  const s10 = extractStatements(fixture('s10-biegun-cnn.txt'));
  assert.equal(s10[1].cue, 'was quoted as saying');
  assert.equal(s10[1].via, 'the CNN report');
  assert.equal(s10[1].speaker.name, 'Biegun');
  const s06 = extractStatements(fixture('s06-pompeo-ap.txt'));
  assert.equal(s06.length, 2);
  assert.equal(s06[0].speaker.name, 'Mike Pompeo', 'he → the subject of the previous paragraph');
  assert.equal(s06[1].via, 'AP');
  assert.equal(s06[1].speaker.name, 'Mike Pompeo');
});

test('appositives and inverted attributions', () => {
  const [s09] = extractStatements(fixture('s09-biegun.txt'));
  assert.equal(s09.speaker.name, 'Stephen Biegun');
  assert.equal(s09.speaker.role, 'US Special Representative for North Korea');
  const text = '"We will keep talking," said Kang Yu-jung, spokesperson for the presidential office, on Monday.';
  const [c] = extractStatements(text);
  assert.equal(c.speaker.name, 'Kang Yu-jung');
  assert.equal(c.speaker.organisation, 'presidential office');
  assert.equal(c.quote, 'We will keep talking');
});

test('no statements from unattributed quotations, titles and passives', () => {
  assert.deepEqual(extractStatements(fixture('x02-no-statements.txt')), []);
  assert.deepEqual(extractStatements(fixture('x03-rhee-variant.txt')), []);
  assert.deepEqual(extractStatements('It was said that the talks would resume. The plan was reportedly suggested by Seoul.'), []);
});

test('straight and curly quotes behave alike', () => {
  const curly = extractStatements('“Only our methodologies differ,” Cho Hyun said.');
  const straight = extractStatements('"Only our methodologies differ," Cho Hyun said.');
  assert.equal(curly[0].quote, straight[0].quote);
  assert.equal(curly[0].speaker.name, 'Cho Hyun');
});

test('ROLECHANGE: the same person under two titles keeps the written title (S14)', () => {
  const [s14] = extractStatements(fixture('s14-noh-2019.txt'));
  assert.equal(s14.speaker.name, 'Noh Kyu-duk');
  assert.equal(s14.speaker.role, 'spokesman');
  assert.equal(s14.speaker.organisation, 'foreign ministry');
});

test('"the spokesperson" resolves to the most recent speaker with that title', () => {
  const text =
    'Baik Tae-hyun, spokesperson for the Ministry of Unification, briefed reporters on Feb. 13. "The government was working to enable reporters to bring their equipment," the spokesperson said.';
  const [c] = extractStatements(text);
  assert.equal(c.speaker.text, 'the spokesperson');
  assert.equal(c.speaker.name, 'Baik Tae-hyun');
  assert.equal(c.speaker.organisation, 'Ministry of Unification');
});
