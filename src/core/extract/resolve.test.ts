import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { resolveSpeaker, romanisationKey, organisationKeys, dateWithin } from './resolve.ts';
import type { SpeakerDirectory, SpeakerMention } from './types.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const directory = JSON.parse(readFileSync(resolve(root, 'test/fixtures/extract/_directory.json'), 'utf8')) as SpeakerDirectory;
const person = (name: string, extra: Partial<SpeakerMention> = {}): SpeakerMention => ({ text: name, name, anonymous: false, isOrganisation: false, ...extra });
const org = (name: string): SpeakerMention => ({ text: name, name, organisation: name, anonymous: false, isOrganisation: true });

test('romanisation variants share a key', () => {
  const same = [
    ['Rhee Dong-yeol', 'Lee Dong-yeol', 'Rhee Dong-reol', 'Lee Dong-ryeol', 'rhee dongyeol'],
    ['Jeong Yeon-doo', 'Jung Yeon-doo', 'Jeong Yeon-du', 'Jung Yeondu', 'JUNG YEON DOO'],
    ['Cho Myoung-gyon', 'Cho Myung-gyon', 'Cho Myung-kyun'],
    ['Chung Dong-young', 'Jeong Dong-young'],
    ['Wi Sung-lac', 'Wi Sunglak'],
    ['Lim Dong-won', 'Im Dong-won'],
  ];
  for (const group of same) for (const n of group) assert.equal(romanisationKey(n), romanisationKey(group[0]), `${n} ~ ${group[0]}`);
  assert.notEqual(romanisationKey('Lee Do-hoon'), romanisationKey('Lee Dong-yeol'));
  assert.notEqual(romanisationKey('Kim Nam-jung'), romanisationKey('Kim Jung-kwan'));
});

test('people: exact, alias and romanisation matches', () => {
  assert.deepEqual(
    [resolveSpeaker(person('Kang Yu-jung'), directory, '2025-12-15').match, resolveSpeaker(person('Rhee Dong-reol'), directory).match, resolveSpeaker(person('Lee Dong-yeol'), directory).match],
    ['exact', 'alias', 'alias'],
  );
  const rom = resolveSpeaker(person('Chung Yeon-du'), directory, '2025-12-16');
  assert.equal(rom.personId, 'jeong-yd');
  assert.equal(rom.match, 'romanisation');
  assert.equal(rom.organisationId, 'rok-mofa');
  assert.equal(rom.partyId, 'ROK');
  const spacing = resolveSpeaker(person('Lee Jae Myung'), directory, '2025-11-14');
  assert.equal(spacing.personId, 'lee-jm');
  assert.equal(resolveSpeaker(person('Lee Dong-ryeol'), directory).personId, 'rhee-dongyeol');
  assert.equal(resolveSpeaker(person('Rhee Dongyeol'), directory).personId, 'rhee-dongyeol');
});

test('roles valid on the article date (Noh Kyu-duk: spokesman 2019, special representative 2021)', () => {
  const r2019 = resolveSpeaker(person('Noh Kyu-duk'), directory, '2019-01-17');
  assert.equal(r2019.personId, 'noh-kd');
  assert.equal(r2019.role, 'Spokesman');
  const r2021 = resolveSpeaker(person('Noh Kyu-duk'), directory, '2021-06-21');
  assert.equal(r2021.role, 'Special Representative for Korean Peninsula Peace and Security Affairs');
  // A title written in the text wins over the date.
  const written = resolveSpeaker(person('Noh Kyu-duk', { role: 'spokesman' }), directory, '2021-06-21');
  assert.equal(written.role, 'Spokesman');
  // Biegun: special representative in 2018, deputy secretary from Dec 2019.
  assert.equal(resolveSpeaker(person('Stephen Biegun'), directory, '2018-12-19').role, 'Special Representative for North Korea');
  assert.equal(resolveSpeaker(person('Stephen Biegun'), directory, '2020-01-16').role, 'Deputy Secretary of State');
  assert.ok(dateWithin('2019-01-17', '2019-01', '2019-01'));
  assert.ok(!dateWithin('2019-02-01', '2019-01', '2019-01'));
});

test('a bare surname plus a title resolves by the role held on the date', () => {
  const president = resolveSpeaker(person('Lee', { role: 'President' }), directory, '2025-12-19');
  assert.equal(president.personId, 'lee-jm');
  assert.equal(president.match, 'role');
  const minister = resolveSpeaker(person('Lee', { role: 'Unification Minister', organisation: 'Ministry of Unification' }), directory, '2020-08-18');
  assert.equal(minister.personId, 'lee-iy');
  assert.equal(resolveSpeaker(person('Biegun'), directory).personId, 'biegun');
  // Ambiguous surname without a title: no guess.
  assert.equal(resolveSpeaker(person('Kim'), directory).personId, undefined);
});

test('organisations: name shapes, acronyms and synonyms', () => {
  const ids = (n: string) => resolveSpeaker(org(n), directory).organisationId;
  for (const n of ['the Unification Ministry', 'Ministry of Unification', 'MOU', 'unification ministry']) assert.equal(ids(n), 'rok-mou', n);
  for (const n of ['the presidential office', 'Cheong Wa Dae', "South Korea's presidential office", 'Presidential Office']) assert.equal(ids(n), 'rok-pres', n);
  for (const n of ['State Department', 'the Department of State', 'the U.S. State Department']) assert.equal(ids(n), 'us-state', n);
  for (const n of ['MOFA', 'the foreign ministry', 'Foreign Ministry', 'Ministry of Foreign Affairs']) assert.equal(ids(n), 'rok-mofa', n);
  assert.equal(ids('the White House'), 'us-wh');
  assert.ok(organisationKeys('Unification Ministry').includes('ministry of unification'));
  const us = resolveSpeaker(org('US'), directory);
  assert.equal(us.partyId, 'US');
  assert.equal(us.organisationId, undefined);
});

test('unknown speakers get a proposal; anonymous speakers stay anonymous', () => {
  const unknown = resolveSpeaker(person('Jeong Se-hyun', { role: 'former unification minister', organisation: 'Ministry of Unification' }), directory, '2020-07-16');
  assert.equal(unknown.match, 'none');
  assert.equal(unknown.personId, undefined);
  assert.deepEqual(unknown.proposal, {
    kind: 'person',
    name: 'Jeong Se-hyun',
    aliases: [],
    roles: [],
  });
  assert.equal(unknown.organisationId, 'rok-mou', 'the ministry the text names is kept for the reviewer');
  const newOrg = resolveSpeaker(org('Korea Institute for National Unification'), directory);
  assert.equal(newOrg.proposal?.kind, 'organisation');
  const anon = resolveSpeaker(
    { text: 'a unification ministry official', anonymous: true, isOrganisation: false, description: 'a unification ministry official', organisation: 'unification ministry' },
    directory,
    '2019-01-10',
  );
  assert.equal(anon.anonymous, true);
  assert.equal(anon.personId, undefined);
  assert.equal(anon.proposal, undefined);
  assert.equal(anon.organisationId, 'rok-mou');
  assert.equal(anon.description, 'a unification ministry official');
});

test('speakers in their time: an office ended, or a title the text calls former, gives no organisation', () => {
  const then = resolveSpeaker(person('Cho Myoung-gyon'), directory, '2018-12-26');
  assert.equal(then.office, 'held');
  assert.equal(then.organisationId, 'rok-mou');
  const later = resolveSpeaker(person('Cho Myoung-gyon'), directory, '2025-12-15');
  assert.equal(later.personId, 'cho-mg', 'still the same person');
  assert.equal(later.office, 'former');
  assert.equal(later.organisationId, undefined, 'no longer speaking for the ministry');
  assert.equal(later.partyId, 'ROK');
  const written = resolveSpeaker(person('Lee In-young', { role: 'former unification minister', organisation: 'Unification Ministry' }), directory, '2025-12-15');
  assert.equal(written.personId, 'lee-iy');
  assert.equal(written.office, 'former', 'the text says former even where the directory has no end date');
  assert.equal(written.organisationId, undefined);
  const ko = resolveSpeaker(person('Lee In-young', { role: '전 통일부 장관' }), directory, '2025-12-15');
  assert.equal(ko.office, 'former');
  assert.equal(ko.organisationId, undefined);
  const kang = resolveSpeaker(person('Kang Yu-jung'), directory, '2025-12-15');
  assert.equal(kang.office, 'held');
});
