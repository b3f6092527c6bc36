import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_RULES, addDays, daysBetween, gradeStances, mergeRules, parseStoredRules, voiceOf } from './discipline-rules.ts';

test('grading with the default rules: same stance consistent, one step a nuance, two or more (or opposite sides) a contradiction', () => {
  assert.deepEqual(gradeStances('support', 'support'), { grade: 'consistent', distance: 0 });
  assert.deepEqual(gradeStances('support', 'strongly_support'), { grade: 'nuance', distance: 1 });
  assert.deepEqual(gradeStances('neutral', 'oppose'), { grade: 'nuance', distance: 1 });
  assert.deepEqual(gradeStances('support', 'oppose'), { grade: 'contradiction', distance: 2 });
  assert.deepEqual(gradeStances('neutral', 'strongly_support'), { grade: 'contradiction', distance: 2 });
  assert.deepEqual(gradeStances('strongly_oppose', 'strongly_support'), { grade: 'contradiction', distance: 4 });
});

test("grading follows a group's thresholds; opposite sides contradict unless switched off", () => {
  const lax = mergeRules({ nuanceAt: 2, contradictionAt: 3 }).rules;
  assert.equal(gradeStances('support', 'strongly_support', lax).grade, 'consistent');
  assert.equal(gradeStances('neutral', 'strongly_support', lax).grade, 'nuance');
  assert.equal(gradeStances('support', 'oppose', lax).grade, 'contradiction', 'opposite sides');
  const off = mergeRules({ nuanceAt: 2, contradictionAt: 3, oppositeSidesContradict: false }).rules;
  assert.equal(gradeStances('support', 'oppose', off).grade, 'nuance');
  assert.equal(gradeStances('strongly_oppose', 'support', off).grade, 'contradiction');
});

test('overrides: each entry checked on its own; bad ones ignored with a warning; defaults untouched', () => {
  const { rules, warnings } = mergeRules({ counterpartWindowDays: 7, checks: { agreed_line: false, nonsense: true }, nuanceAt: 0, agreedLineStance: 'keen', extra: 1 });
  assert.equal(rules.counterpartWindowDays, 7);
  assert.equal(rules.checks.agreed_line, false);
  assert.equal(rules.checks.own_position, true);
  assert.equal(rules.nuanceAt, 1);
  assert.equal(rules.agreedLineStance, 'support');
  assert.deepEqual(
    warnings.map((w) => w.split(':')[0]),
    ['checks.nonsense', 'nuanceAt', 'agreedLineStance', 'extra'],
  );
  assert.equal(DEFAULT_RULES.counterpartWindowDays, 14);
  assert.equal(DEFAULT_RULES.checks.agreed_line, true);
  const inverted = mergeRules({ nuanceAt: 3, contradictionAt: 2 });
  assert.equal(inverted.rules.nuanceAt, 2);
  assert.match(inverted.warnings[0], /contradictionAt/);
  assert.deepEqual(mergeRules([1]).warnings, ['the rules must be a JSON object']);
});

test('stored rules: null is the defaults; broken JSON falls back to the defaults with a warning', () => {
  assert.deepEqual(parseStoredRules(null), { rules: DEFAULT_RULES, warnings: [] });
  const broken = parseStoredRules('{oops');
  assert.deepEqual(broken.rules, DEFAULT_RULES);
  assert.match(broken.warnings[0], /not valid JSON/);
  assert.equal(parseStoredRules('{"samePartyWindowDays":30}').rules.samePartyWindowDays, 30);
});

test('day arithmetic across months and years', () => {
  assert.equal(daysBetween('2025-12-15', '2025-12-16'), 1);
  assert.equal(daysBetween('2025-12-19', '2026-01-02'), 14);
  assert.equal(daysBetween('2018-11-20', '2018-11-20'), 0);
  assert.equal(addDays('2025-12-19', 14), '2026-01-02');
  assert.equal(addDays('2024-03-01', -1), '2024-02-29');
});

test('voiceOf: the office held on the day decides whose voice a statement is', () => {
  const orgs: Record<string, { partyId: string; kind: string }> = {
    mou: { partyId: 'KR', kind: 'ministry' },
    mofa: { partyId: 'KR', kind: 'ministry' },
    krc: { partyId: 'KR', kind: 'ngo' },
    state: { partyId: 'US', kind: 'ministry' },
  };
  const org = (id: string) => orgs[id];
  const minister = [{ organisationId: 'mou', title: 'Minister of Unification', from: '2017-07', to: '2019' }];
  const s = (saidOn: string, extra: Partial<{ personId: string | null; orgId: string | null; partyId: string | null }> = {}) => ({
    partyId: 'KR',
    personId: 'p',
    orgId: null,
    saidOn,
    ...extra,
  });
  assert.deepEqual(voiceOf(s('2018-12-26'), minister, org), { kind: 'party', partyId: 'KR', orgId: 'mou', title: 'Minister of Unification' });
  assert.deepEqual(voiceOf(s('2025-12-15', { orgId: 'mou' }), minister, org), {
    kind: 'other',
    reason: 'former_official',
    office: { orgId: 'mou', title: 'Minister of Unification', titleKo: null, until: '2019' },
  });
  assert.equal(voiceOf(s('2019-12-31'), minister, org).kind, 'party', 'the last year of the office, at the granularity it is written in');
  assert.deepEqual(voiceOf(s('2025-12-15'), [], org), { kind: 'other', reason: 'no_office', office: null });
  assert.equal((voiceOf(s('2016-01-01'), minister, org) as { reason: string }).reason, 'no_office', 'an office begun later');
  assert.equal((voiceOf(s('2018-12-12'), [{ organisationId: 'krc', title: 'President', from: null, to: null }], org) as { reason: string }).reason, 'not_government');
  assert.equal(voiceOf(s('2025-12-15', { personId: null, orgId: 'mou' }), [], org).kind, 'party', 'a ministry speaking');
  assert.deepEqual(voiceOf(s('2025-12-15', { personId: null }), [], org), { kind: 'other', reason: 'unattributed', office: null });
  assert.equal((voiceOf(s('2025-12-15', { personId: null, orgId: 'state' }), [], org) as { reason: string }).reason, 'unattributed', "another party's body is no office of this one");
  // Two offices on the day: the one the statement names wins.
  const two = [
    { organisationId: 'mofa', title: 'Vice Minister', from: '2025-06', to: null },
    { organisationId: 'mou', title: 'Adviser', from: '2025-01', to: null },
  ];
  assert.equal((voiceOf(s('2025-12-16', { orgId: 'mou' }), two, org) as { orgId: string }).orgId, 'mou');
  assert.equal((voiceOf(s('2025-12-16'), two, org) as { orgId: string }).orgId, 'mofa', 'else the latest begun');
});
