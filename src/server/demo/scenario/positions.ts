/**
 * Demo scenario, part 10: positions (append-only; "as of" a date is the latest valid_from per
 * issue, party and organisation). Party-level positions have no organisation; ministry positions
 * name theirs. Sources point at statement, meeting or document ids of the scenario.
 */
import type { DemoScenario } from '../types.ts';
import { guard } from './reference.ts';
import type { SourceKind } from '../../../core/vocabulary.ts';

type Position = DemoScenario['positions'][number];
type Stance = 'strongly_oppose' | 'oppose' | 'neutral' | 'support' | 'strongly_support' | null;
type Scope = 'organisation' | 'party' | 'group' | 'public';

const WG: Record<string, string> = {
  'i-sequencing': 'wg-2018',
  'i-rail-exemption': 'wg-2018',
  'i-tamiflu': 'wg-2018',
  'i-video-reunions': 'wg-2018',
  'i-wg-operation': 'wg-2018',
  'i-tourism': 'wg-2018',
  'i-us-dprk-talks': 'wg-2018',
  'i-exemption-process': 'wg-2018',
  'i-complete-denuc': 'cg-2025',
  'i-submarines': 'cg-2025',
  'i-enrichment': 'cg-2025',
  'i-consult-format': 'cg-2025',
  'i-sanctions-effect': 'ic-2026',
  'i-one-voice': 'ic-2026',
};

interface P {
  id?: string;
  issue: string;
  party: 'KR' | 'US';
  org?: string;
  stance: Stance;
  on: string;
  src: [SourceKind, string];
  rationale: string;
  conditions?: string;
  owner?: string;
  scope?: Scope;
  cls?: number;
}
function pos(x: P): Position {
  const owner = x.owner ?? x.org ?? (x.party === 'KR' ? 'rok-mofa' : 'us-state');
  return {
    id: x.id ?? `pos-${x.issue.slice(2)}-${x.party.toLowerCase()}${x.org ? `-${x.org.split('-')[1]}` : ''}-${x.on}`,
    wg_id: WG[x.issue],
    issue_id: x.issue,
    party_id: x.party,
    organisation_id: x.org ?? null,
    stance: x.stance,
    conditions: x.conditions ?? null,
    rationale: x.rationale,
    source_kind: x.src[0],
    source_ref: x.src[1],
    valid_from: x.on,
    ...guard(owner, x.scope ?? 'group', x.cls ?? 0),
  };
}
const st = (n: number): [SourceKind, string] => ['statement', `st-S${String(n).padStart(2, '0')}`];
const mtg = (id: string): [SourceKind, string] => ['meeting', id];
const JFS: [SourceKind, string] = ['document', 'doc-jfs-2025'];

export const positions: DemoScenario['positions'] = [
  // wg-2018
  pos({
    issue: 'i-sequencing',
    party: 'US',
    stance: 'oppose',
    on: '2018-11-20',
    src: st(5),
    rationale: 'Peace and denuclearization must not lag behind inter-Korean ties; "tandem", "parallel processes" (Pompeo, S05/S06).',
  }),
  pos({
    issue: 'i-sequencing',
    party: 'KR',
    stance: 'support',
    on: '2018-11-20',
    src: st(4),
    rationale: 'Pushes the rail project forward; aims at a groundbreaking ceremony within the year (Lee Do-hoon, S04).',
  }),
  pos({
    issue: 'i-rail-exemption',
    party: 'KR',
    stance: 'strongly_support',
    on: '2018-11-20',
    src: st(4),
    rationale: 'Confirmed US "strong support" for the joint survey; groundbreaking within 2018.',
  }),
  pos({
    issue: 'i-rail-exemption',
    party: 'US',
    stance: 'support',
    on: '2018-11-20',
    src: mtg('m-2018-11-20'),
    rationale: '"Strong support" for the joint rail survey.',
    conditions: 'Cooperation must comply with UN sanctions; the 1718 Committee exemption covers the survey mission only.',
  }),
  pos({
    issue: 'i-rail-exemption',
    party: 'US',
    stance: 'support',
    on: '2018-12-21',
    src: mtg('m-2018-12-21'),
    rationale: 'Agreed to the exemption for the Dec 26 groundbreaking ceremony.',
    conditions: 'Ceremony materials only; construction is not covered.',
  }),
  pos({ issue: 'i-tamiflu', party: 'KR', stance: 'support', on: '2018-12-21', src: st(11), rationale: '"The issue of providing Tamiflu to the North Korean people was resolved."' }),
  pos({ issue: 'i-tamiflu', party: 'US', stance: 'support', on: '2018-12-21', src: mtg('m-2018-12-21'), rationale: 'Agreed to the Tamiflu supply at the second meeting.' }),
  pos({
    issue: 'i-tamiflu',
    party: 'KR',
    org: 'rok-mou',
    stance: 'support',
    on: '2019-02-01',
    src: st(16),
    rationale: 'A humanitarian issue; "the U.S. has voiced its positive stance on that" (Baik Tae-hyun).',
  }),
  pos({ issue: 'i-video-reunions', party: 'KR', stance: 'support', on: '2019-01-17', src: mtg('m-2019-01-17'), rationale: 'Seeks an exemption for the video-reunion equipment.' }),
  pos({ issue: 'i-video-reunions', party: 'US', stance: 'neutral', on: '2019-01-17', src: mtg('m-2019-01-17'), rationale: 'Needs "more time" to review the equipment (S14).' }),
  pos({
    issue: 'i-video-reunions',
    party: 'US',
    stance: 'support',
    on: '2019-03-14',
    src: mtg('m-2019-03-14'),
    rationale: 'Green light for the sanctions waiver after the 1718 Committee exemption of Mar 8, 2019.',
  }),
  pos({ issue: 'i-exemption-process', party: 'US', stance: 'neutral', on: '2018-12-19', src: st(10), rationale: 'Requests "will continue to be closely reviewed" case by case.' }),
  pos({
    issue: 'i-exemption-process',
    party: 'KR',
    org: 'rok-mou',
    owner: 'rok-mou',
    stance: 'support',
    on: '2019-02-13',
    src: st(15),
    rationale: 'Wanted reporters to take their equipment to Mt Kumgang; deliberations with the US did not wrap up in time.',
  }),
  pos({
    issue: 'i-us-dprk-talks',
    party: 'KR',
    stance: 'support',
    on: '2018-11-20',
    src: mtg('m-2018-11-20'),
    rationale: 'Preparation of the US–DPRK high-level talks on the agenda of the first meeting.',
  }),
  pos({ issue: 'i-us-dprk-talks', party: 'US', stance: 'strongly_support', on: '2019-12-16', src: st(19), rationale: '"Let\'s get this done. We are here. And you know how to reach us."' }),
  pos({
    issue: 'i-tourism',
    party: 'US',
    org: 'us-emb-seoul',
    owner: 'us-emb-seoul',
    stance: 'neutral',
    on: '2020-01-16',
    src: st(20),
    rationale: 'Tourism is allowed, but what tourists take may not be; to be consulted with the US via the group.',
  }),
  pos({
    issue: 'i-tourism',
    party: 'KR',
    org: 'rok-mou',
    owner: 'rok-mou',
    stance: 'support',
    on: '2020-01-19',
    src: st(21),
    rationale: '"Our policy with regard to North Korea comes under our sovereignty."',
  }),
  pos({ issue: 'i-wg-operation', party: 'US', stance: 'support', on: '2018-11-20', src: st(6), rationale: 'The group is "designed to make sure" the two processes stay in tandem.' }),
  pos({ issue: 'i-wg-operation', party: 'US', stance: 'support', on: '2019-03-14', src: st(17), rationale: 'Commitment "to continue regularly hosting these consultations".' }),
  pos({ issue: 'i-wg-operation', party: 'KR', stance: 'support', on: '2020-07-02', src: st(23), rationale: 'Operated "fairly effectively", though aware of domestic concerns (FM Kang).' }),
  pos({
    issue: 'i-wg-operation',
    party: 'KR',
    org: 'rok-mou',
    owner: 'rok-mou',
    stance: 'oppose',
    on: '2020-08-18',
    src: st(25),
    rationale: 'Readjust or reorganise the group toward improving inter-Korean ties ("working group 2.0").',
  }),
  pos({
    issue: 'i-wg-operation',
    party: 'US',
    stance: 'oppose',
    on: '2021-06-21',
    src: mtg('m-2021-06-21'),
    rationale: 'Agreed to consider terminating the group; strengthen DG-level consultations.',
  }),
  pos({
    issue: 'i-wg-operation',
    party: 'KR',
    stance: 'oppose',
    on: '2021-06-22',
    src: st(26),
    rationale: 'Agreed to consider terminating the group (MOFA press release); termination confirmed Jun 23.',
  }),
  // cg-2025
  pos({
    issue: 'i-complete-denuc',
    party: 'KR',
    stance: 'support',
    on: '2025-11-14',
    src: JFS,
    rationale: 'Joint Fact Sheet: commitment to the complete denuclearization of the DPRK; implement the 2018 Singapore Joint Statement.',
  }),
  pos({ issue: 'i-complete-denuc', party: 'US', stance: 'support', on: '2025-11-13', src: JFS, rationale: 'Joint Fact Sheet (White House text of Nov 13, 2025).' }),
  pos({
    issue: 'i-complete-denuc',
    party: 'US',
    stance: 'strongly_support',
    on: '2025-12-08',
    src: st(32),
    rationale: '"That is our Korea policy right now" (Kevin Kim), after the new NSS omitted North Korea.',
  }),
  pos({
    issue: 'i-submarines',
    party: 'US',
    stance: 'support',
    on: '2025-11-13',
    src: st(30),
    rationale: 'Approval for the ROK to build nuclear-powered attack submarines; work on avenues to source fuel.',
    conditions: 'Build location unspecified.',
  }),
  pos({ issue: 'i-submarines', party: 'KR', stance: 'strongly_support', on: '2025-11-14', src: JFS, rationale: 'Seoul says the talks assumed construction in Korea.' }),
  pos({
    issue: 'i-enrichment',
    party: 'US',
    stance: 'support',
    on: '2025-11-13',
    src: JFS,
    rationale: 'Supports the process leading to ROK civil enrichment and reprocessing for peaceful uses.',
    conditions: 'Consistent with the 123 Agreement and subject to US legal requirements.',
  }),
  pos({
    issue: 'i-enrichment',
    party: 'KR',
    stance: 'strongly_support',
    on: '2025-11-14',
    src: JFS,
    rationale: 'Sought in the security wording of the fact sheet, which needed coordination inside the US government.',
  }),
  pos({
    issue: 'i-consult-format',
    party: 'KR',
    org: 'rok-mofa',
    stance: 'support',
    on: '2025-12-16',
    src: mtg('m-2025-12-16'),
    rationale: 'Holds the consultation under the name "ROK–U.S. Consultation on Joint Fact Sheet Implementation" with MND.',
  }),
  pos({
    issue: 'i-consult-format',
    party: 'US',
    stance: 'support',
    on: '2025-12-16',
    src: mtg('m-2025-12-16'),
    rationale: 'Agreed to strengthen communication "at all levels"; the consultation is to run regularly.',
  }),
  pos({
    issue: 'i-consult-format',
    party: 'KR',
    org: 'rok-mou',
    owner: 'rok-mou',
    scope: 'organisation',
    cls: 1,
    stance: 'strongly_oppose',
    on: '2025-12-15',
    src: st(33),
    id: 'pos-mou-consult-format',
    rationale: 'MOU internal (demo entry): a ROK–US diplomatic matter, not ours; must not become a "second working group"; consult the US separately if necessary.',
  }),
  pos({
    issue: 'i-consult-format',
    party: 'KR',
    scope: 'party',
    cls: 1,
    stance: 'support',
    on: '2025-12-16',
    src: st(36),
    id: 'pos-rok-internal',
    rationale: 'ROK government line (demo entry): "slightly different opinions", not a conflict; the NSC coordinates so the government speaks with one voice.',
  }),
  pos({
    issue: 'i-consult-format',
    party: 'US',
    org: 'us-state',
    scope: 'party',
    cls: 1,
    stance: 'support',
    on: '2025-12-16',
    src: mtg('m-2025-12-16-mou'),
    id: 'pos-us-internal',
    rationale: 'US internal (demo entry): proceed with MOFA and MND; keep working-level contact with MOU through the Embassy, issue by issue.',
  }),
  // ic-2026
  pos({
    issue: 'i-sanctions-effect',
    party: 'KR',
    org: 'rok-mou',
    owner: 'rok-mou',
    stance: 'strongly_oppose',
    on: '2025-12-19',
    src: st(39),
    rationale: 'Sanctions against Pyongyang "have lost their effectiveness" (Chung Dong-young).',
  }),
  pos({
    issue: 'i-sanctions-effect',
    party: 'KR',
    org: 'rok-mofa',
    stance: 'support',
    on: '2025-11-14',
    src: ['document', 'doc-jfs-2025'],
    rationale:
      "MOFA line (demo entry): sanctions implementation continues under the Joint Fact Sheet's commitment to complete denuclearization, " +
      'coordinated with the US. The sources carry no MOFA statement on sanctions\' effectiveness; FM Cho Hyun, Dec 19: "our goal is the same. Only our methodologies differ." (S38).',
  }),
  pos({
    issue: 'i-one-voice',
    party: 'KR',
    org: 'rok-nso',
    owner: 'rok-nso',
    stance: 'strongly_support',
    on: '2025-12-24',
    src: st(40),
    rationale: 'Better "not to show a confusing image externally"; the NSC will coordinate.',
  }),
];
