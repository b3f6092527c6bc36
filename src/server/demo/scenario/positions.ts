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
  'i-denuc-dialogue': 'cg-2025',
  'i-us-coordination': 'cg-2025',
  'i-sanctions-effect': 'ic-2026',
  'i-one-voice': 'ic-2026',
  'i-ic-us-channel': 'ic-2026',
  'i-ic-dialogue': 'ic-2026',
  'i-ic-us-coordination': 'ic-2026',
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
/** A source outside the scenario's records: the address of the report (world-facts). */
const web = (url: string): [SourceKind, string] => ['other', url];
const CHUNG_NOV25 = 'https://koreajoongangdaily.joins.com/news/2025-11-25/national/diplomacy/Unification-minister-meets-US-envoy-stresses-cooperation-in-resuming-WashingtonPyongyang-dialogue/2463085';
const MOU_DEC15 = 'https://cm.asiae.co.kr/en/article/2025121516303164596';
const MOU_DEC16 = 'https://world.kbs.co.kr/service/news_view.htm?lang=e&Seq_Code=198161';
const IC_LAUNCH = 'https://world.kbs.co.kr/service/news_view.htm?lang=e&Seq_Code=198881';

/**
 * The two ministries beside the December 2025 consultation (issue 15, item 5): where the Foreign
 * and Unification ministries stood, each from a reported act or statement (world-facts §B3, §C),
 * recorded as ROK-internal (`party` scope: every ROK ministry sees them, the US does not). MOU is no
 * member of cg-2025, so the Foreign Ministry's line on the consultation is recorded here too, for
 * the ministries, beside its group-scope record. Where a stance is modelled, the rationale says
 * what it rests on.
 */
const besideConsultation: P[] = [
  {
    id: 'pos-kr-mou-consult-format-shared',
    issue: 'i-consult-format',
    party: 'KR',
    org: 'rok-mou',
    owner: 'rok-mou',
    scope: 'party',
    stance: 'oppose',
    on: '2025-12-15',
    src: st(33),
    rationale:
      'Declined to attend: "As it concerns diplomatic issues between South Korea and the United States, the Ministry of Unification has decided not to participate" (MOU press release, S33); concern over a "second working group".',
  },
  {
    id: 'pos-kr-mofa-consult-format-shared',
    issue: 'i-consult-format',
    party: 'KR',
    org: 'rok-mofa',
    scope: 'party',
    stance: 'support',
    on: '2025-12-16',
    src: mtg('m-2025-12-16'),
    rationale:
      'Held the first session on Dec 16, 2025 (chief: Jeong Yeon-doo), intended to run regularly, under the name "ROK–U.S. Consultation on Joint Fact Sheet Implementation". Shared with the ROK ministries.',
  },
  {
    issue: 'i-us-coordination',
    party: 'KR',
    org: 'rok-mou',
    owner: 'rok-mou',
    scope: 'party',
    stance: 'support',
    on: '2025-12-15',
    src: web(MOU_DEC15),
    rationale:
      'MOU, declining the consultation: it remains in close coordination with the relevant ministries and the US on North Korea policy and will consult the US separately "if necessary"; ' +
      'on Dec 16 an MOU official said it is "in frequent communication with the U.S. Embassy" (KBS).',
  },
  {
    issue: 'i-us-coordination',
    party: 'KR',
    org: 'rok-mofa',
    scope: 'party',
    stance: 'support',
    on: '2025-12-16',
    src: mtg('m-2025-12-16'),
    rationale: 'Joint Fact Sheet: close coordination on DPRK policy; at the Dec 16 consultation both sides agreed to strengthen communication "at all levels".',
  },
  {
    issue: 'i-denuc-dialogue',
    party: 'KR',
    org: 'rok-mou',
    owner: 'rok-mou',
    scope: 'party',
    stance: 'strongly_support',
    on: '2025-11-25',
    src: web(CHUNG_NOV25),
    rationale: 'Chung Dong-young to Kevin Kim (Nov 25, 2025): a "window of opportunity" before the US President\'s April visit to China; the ROK as a "pacemaker" of US–DPRK dialogue.',
  },
  {
    issue: 'i-denuc-dialogue',
    party: 'KR',
    org: 'rok-mofa',
    scope: 'party',
    stance: 'support',
    on: '2025-12-16',
    src: mtg('m-2025-12-16'),
    rationale: "On the agenda of the Dec 16 consultation: the DPRK's return to dialogue, as the Joint Fact Sheet calls for.",
  },
];

/**
 * The same two ministries in their own vice-minister consultation (ic-2026): its issues are the
 * group's (seen by MOU and MOFA, its members).
 */
const viceMinisterChannel: P[] = [
  {
    issue: 'i-ic-us-channel',
    party: 'KR',
    org: 'rok-mou',
    owner: 'rok-mou',
    stance: 'oppose',
    on: '2025-12-15',
    src: st(33),
    rationale: 'Did not take part: the consultation "concerns diplomatic issues between South Korea and the United States" (S33); it will consult the US separately "if necessary".',
  },
  {
    issue: 'i-ic-us-channel',
    party: 'KR',
    org: 'rok-mofa',
    stance: 'support',
    on: '2025-12-16',
    src: mtg('m-2025-12-16'),
    rationale: 'Led the first session (Jeong Yeon-doo with Kevin Kim), with the Ministry of National Defense.',
  },
  {
    issue: 'i-ic-dialogue',
    party: 'KR',
    org: 'rok-mou',
    owner: 'rok-mou',
    stance: 'strongly_support',
    on: '2025-11-25',
    src: web(CHUNG_NOV25),
    rationale: 'A "window of opportunity" before the US President\'s April visit to China; the ROK as "pacemaker" (Chung Dong-young, Nov 25, 2025).',
  },
  {
    issue: 'i-ic-dialogue',
    party: 'KR',
    org: 'rok-mofa',
    stance: 'support',
    on: '2025-12-16',
    src: mtg('m-2025-12-16'),
    rationale: "The DPRK's return to dialogue was on the agenda of the consultation MOFA led on Dec 16, as the Joint Fact Sheet calls for.",
  },
  {
    issue: 'i-ic-us-coordination',
    party: 'KR',
    org: 'rok-mou',
    owner: 'rok-mou',
    stance: 'support',
    on: '2025-12-16',
    src: web(MOU_DEC16),
    rationale:
      'In close coordination with the relevant ministries and the US (MOU, Dec 15); "in frequent communication with the U.S. Embassy", to discuss issues with the State Department "when conditions allow", issue by issue (MOU official, Dec 16).',
  },
  {
    issue: 'i-ic-us-coordination',
    party: 'KR',
    org: 'rok-mofa',
    stance: 'support',
    on: '2025-11-14',
    src: JFS,
    rationale: 'Joint Fact Sheet: close coordination on DPRK policy.',
  },
  {
    issue: 'i-one-voice',
    party: 'KR',
    org: 'rok-mofa',
    stance: 'support',
    on: '2025-12-19',
    src: st(38),
    rationale: '"It is not that there are no differences of opinion, but our goal is the same. Only our methodologies differ." (FM Cho Hyun, S38).',
  },
  {
    issue: 'i-one-voice',
    party: 'KR',
    org: 'rok-mou',
    owner: 'rok-mou',
    stance: 'support',
    on: '2026-01-16',
    src: web(IC_LAUNCH),
    rationale:
      'Modelled on the launch of the MOU–MOFA vice-minister consultation (Jan 16, 2026: the two "will meet frequently"), after the NSC asked both ministries to keep divisions out of public view. ' +
      'The sources carry no MOU statement on speaking with one voice.',
  },
];

export const positions: DemoScenario['positions'] = [
  ...besideConsultation.map(pos),
  ...viceMinisterChannel.map(pos),
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
