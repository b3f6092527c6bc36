/** Test fixtures shared by the articles and message-discipline tests. */
import type { Store } from '../../db/database.ts';
import type { World } from '../../../../test/helpers.ts';

const ts = '2026-01-01T00:00:00.000Z';
const stamp = { version: 1, created_at: ts, updated_at: ts };

/**
 * The people and organisations the seed articles speak of, on top of the factory world (ROK:
 * MOFA, MOU; US: State, DoD): the presidential office, its spokesperson, the Secretary of State,
 * and the issues of the test group the extractor suggests from.
 */
export async function seedDirectory(store: Store, w: World) {
  const db = store.db;
  await db.insertInto('organisations').values({
    id: 'o-pres', party_id: w.parties.kr, parent_id: null, acronym: 'PO', name: 'Presidential Office (Cheong Wa Dae 2018–21; Yongsan 2025)', name_ko: '대통령실', kind: 'office', ...stamp,
  }).execute();
  await db.insertInto('people').values([
    { id: 'pe-kang-yj', name: 'Kang Yu-jung', name_ko: '강유정', party_id: w.parties.kr, ...stamp },
    { id: 'pe-pompeo', name: 'Mike Pompeo', name_ko: '마이크 폼페이오', party_id: w.parties.us, ...stamp },
    { id: 'pe-chung', name: 'Chung Dong-young', name_ko: '정동영', party_id: w.parties.kr, ...stamp },
  ]).execute();
  await db.insertInto('person_aliases').values({ id: 'al-chung', person_id: 'pe-chung', alias: 'Jeong Dong-young', kind: 'romanization' }).execute();
  await db.insertInto('person_roles').values([
    { id: 'pr-kang-yj', person_id: 'pe-kang-yj', organisation_id: 'o-pres', title: 'Spokesperson', title_ko: '대변인', valid_from: '2025-06-01', valid_to: null },
    { id: 'pr-pompeo', person_id: 'pe-pompeo', organisation_id: w.orgs.state, title: 'Secretary of State', title_ko: '국무장관', valid_from: '2018-04-26', valid_to: '2021-01-20' },
    { id: 'pr-chung-1', person_id: 'pe-chung', organisation_id: w.orgs.mou, title: 'Minister of Unification', title_ko: '통일부 장관', valid_from: '2004-07-01', valid_to: '2005-12-31' },
    { id: 'pr-chung-2', person_id: 'pe-chung', organisation_id: w.orgs.mou, title: 'Minister of Unification', title_ko: '통일부 장관', valid_from: '2025-07-25', valid_to: null },
  ]).execute();
  const guard = { owner_org_id: w.orgs.mofa, owner_party_id: w.parties.kr, classification: 0 };
  const issue = (id: string, title: string, keywords: string[], scope = 'group', wgId = w.wgId) =>
    ({ id, wg_id: wgId, track_id: null, code: id, title, title_ko: null, description: null, keywords: JSON.stringify(keywords), scope, ...guard, ...stamp });
  await db.insertInto('issues').values([
    issue('is-seq', 'Pace of inter-Korean cooperation relative to denuclearization', ['inter-Korean', 'denuclearization', 'lagging behind', 'outpace', 'get ahead']),
    issue('is-format', 'Format of the ROK–US North Korea policy consultation', ['consultation', 'consultations', 'working group', 'participate', 'joint fact sheet']),
    issue('is-kr-line', 'ROK internal line on the consultation', ['consultations', 'participate'], 'party'),
    issue('is-other', 'Other group issue', ['consultations'], 'group', w.otherWgId),
  ]).execute();
}

