/**
 * Demo scenario, part 1: the parties and organisations of the founding case (world-facts §E),
 * plus the guard helper every other part uses so that owner_party_id always follows owner_org_id.
 */
import type { DemoScenario } from '../types.ts';
import type { Scope } from '../../../core/vocabulary.ts';

export const parties: DemoScenario['parties'] = [
  { id: 'KR', code: 'KR', name: 'Republic of Korea', name_ko: '대한민국', kind: 'government' },
  { id: 'US', code: 'US', name: 'United States', name_ko: '미국', kind: 'government' },
  { id: 'UN', code: 'UN', name: 'United Nations', name_ko: '국제연합(유엔)', kind: 'international_organisation' },
  { id: 'KP', code: 'KP', name: "Democratic People's Republic of Korea", name_ko: '조선민주주의인민공화국(북한)', kind: 'government' },
];

type Org = DemoScenario['organisations'][number];
const org = (id: string, party_id: string, acronym: string | null, name: string, name_ko: string, kind: string, parent_id: string | null = null): Org => ({
  id,
  party_id,
  parent_id,
  acronym,
  name,
  name_ko,
  kind,
});

export const organisations: DemoScenario['organisations'] = [
  org('rok-mofa', 'KR', 'MOFA', 'Ministry of Foreign Affairs', '외교부', 'ministry'),
  org('rok-mou', 'KR', 'MOU', 'Ministry of Unification', '통일부', 'ministry'),
  org('rok-pres', 'KR', 'PO', 'Presidential Office (Cheong Wa Dae 2018–21; Yongsan 2025)', '대통령실', 'office'),
  org('rok-nso', 'KR', 'NSO', 'National Security Office / NSC', '국가안보실', 'office', 'rok-pres'),
  org('rok-mnd', 'KR', 'MND', 'Ministry of National Defense', '국방부', 'ministry'),
  org('rok-motie', 'KR', 'MOTIE', 'Ministry of Trade, Industry and Energy', '산업통상자원부', 'ministry'),
  org('rok-molit', 'KR', 'MOLIT', 'Ministry of Land, Infrastructure and Transport', '국토교통부', 'ministry'),
  org('us-state', 'US', 'DOS', 'Department of State', '미 국무부', 'ministry'),
  org('us-nsc', 'US', 'NSC', 'National Security Council', '미 국가안보회의', 'office'),
  org('us-dod', 'US', 'DOD', 'Department of Defense', '미 국방부', 'ministry'),
  org('us-emb-seoul', 'US', null, 'U.S. Embassy Seoul', '주한미국대사관', 'embassy', 'us-state'),
  org('us-wh', 'US', 'WH', 'The White House', '백악관', 'office'),
  org('us-doc', 'US', 'DOC', 'Department of Commerce', '미 상무부', 'ministry'),
  org('un-1718', 'UN', '1718 Committee', 'UNSC Committee established pursuant to resolution 1718 (2006)', '안보리 1718 위원회', 'committee'),
  org('unc', 'UN', 'UNC', 'United Nations Command', '유엔군사령부', 'command'),
  org('krc', 'KR', 'KRC', 'Korean Red Cross', '대한적십자사', 'ngo'),
  org('dprk', 'KP', 'DPRK', 'DPRK (counterparty)', '북한', 'government'),
];

/** The party of every organisation, for the guard columns. */
export const ORG_PARTY: Readonly<Record<string, string>> = Object.fromEntries(organisations.map((o) => [o.id, o.party_id]));

export type GuardCols = { owner_org_id: string; owner_party_id: string; scope: Scope; classification: number };

/** Guard columns for a record owned by `orgId`: the owner party always follows the organisation. */
export function guard(orgId: string, scope: 'organisation' | 'party' | 'group' | 'public', classification = 0): GuardCols {
  const party = ORG_PARTY[orgId];
  if (!party) throw new Error(`demo scenario: unknown owner organisation ${orgId}`);
  return { owner_org_id: orgId, owner_party_id: party, scope, classification };
}
