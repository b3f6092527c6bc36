import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractStatements } from './extract.ts';
import type { Candidate } from './types.ts';

const ex = (text: string): Candidate[] => extractStatements(text, { language: 'en' });
const who = (c: Candidate) => c.speaker.name ?? c.speaker.description;

test('clause-aware subjects: a relative clause between the subject and the cue is skipped', () => {
  let cs = ex('The Defense Ministry, which oversees the joint drills, announced that the exercise would be scaled down.');
  assert.equal(cs.length, 1);
  assert.equal(cs[0].quote, 'the exercise would be scaled down');
  assert.match(who(cs[0]) ?? '', /Defense Ministry/);
  assert.ok(cs[0].speaker.isOrganisation);

  cs = ex('Kim Nam-jung, who briefed 41 diplomatic missions on Tuesday, said that the ministry would keep its channels open.');
  assert.equal(cs.length, 1);
  assert.equal(who(cs[0]), 'Kim Nam-jung');
  assert.equal(cs[0].quote, 'the ministry would keep its channels open');

  cs = ex('Alex Wong, whose office handles the North Korea file, has insisted that sanctions remain in force.');
  assert.equal(who(cs[0]), 'Alex Wong');
  assert.equal(cs[0].quote, 'sanctions remain in force');
});

test('asides between the speaker and the verb ("X, meanwhile, has contended")', () => {
  const cs = ex('Park Yoon-joo, for her part, has argued that the channel is working.');
  assert.equal(cs.length, 1);
  assert.equal(who(cs[0]), 'Park Yoon-joo');
});

test('wider reporting verbs count before a clause, not before a plain object', () => {
  const cases: Array<[string, string]> = [
    ['The embassy clarified that no decision had been made.', 'no decision had been made'],
    ['Kevin Kim reaffirmed that denuclearization remains the goal.', 'denuclearization remains the goal'],
    ['A ministry spokesperson underscored that talks would continue.', 'talks would continue'],
    ['Lee Do-hoon countered that the survey did not violate sanctions.', 'the survey did not violate sanctions'],
    ['Kang Kyung-wha assured lawmakers that the group would be reviewed.', 'the group would be reviewed'],
    ['The foreign ministry disclosed that a second round was planned.', 'a second round was planned'],
  ];
  for (const [text, quote] of cases) {
    const cs = ex(text);
    assert.equal(cs.length, 1, text);
    assert.equal(cs[0].quote, quote, text);
  }
  // The same verbs with an object report nothing.
  for (const text of [
    'Seoul reaffirmed its commitment to the alliance.',
    'Moon Jae-in had proposed it two days earlier.',
    'The ministry highlighted the railway project.',
    'Washington signaled flexibility on sanctions.',
  ]) {
    assert.deepEqual(ex(text), [], text);
  }
});

test('pronouns go to the previous sentence’s subject or speaker, not its object', () => {
  let cs = ex('Foreign Minister Kang Kyung-wha met U.S. envoy Stephen Biegun on Tuesday. She stressed that the working group must support inter-Korean projects.');
  assert.equal(cs.length, 1);
  assert.equal(who(cs[0]), 'Kang Kyung-wha');

  cs = ex('Vice Minister Kim Nam-jung received Ambassador Harry Harris at the ministry. He noted that the two sides shared the goal of denuclearization.');
  assert.equal(who(cs[0]), 'Kim Nam-jung');

  cs = ex('Four former ambassadors, who met the minister on Friday, sent a letter to the presidential office. They warned that the channel could slow exchanges. They added that Seoul should lead.');
  assert.equal(cs.length, 2);
  for (const c of cs) assert.match(who(c) ?? '', /former ambassadors/i);
});
