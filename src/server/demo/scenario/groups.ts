/**
 * Demo scenario, part 3: the three working groups, their parties, member organisations, leads
 * and tracks (world-facts §A1, §B3, §E).
 */
import type { DemoScenario } from '../types.ts';
import type { WgMemberRow } from '../../db/tables.ts';
import { guard } from './reference.ts';

const NON_PARTICIPATION_REASON =
  'Declined to take part (MOU press release, Dec 15, 2025): the consultation follows up the Joint Fact Sheet and concerns ROK–US diplomatic issues; ' +
  'MOU will consult the US separately "if necessary". The dispute reflected concern that the channel would become a "second working group".';

export const working_groups: DemoScenario['working_groups'] = [
  {
    id: 'wg-2018',
    wg_id: 'wg-2018',
    name: 'ROK–US Working Group (on North Korea)',
    name_ko: '한미 워킹그룹',
    short_name: 'Working Group',
    mandate:
      'Agreed during Special Representative Biegun\'s Seoul trip (Oct 29–30, 2018) for "regular, systemic and formal" communication on ' +
      'denuclearization, sanctions implementation and inter-Korean cooperation "that comply with United Nations sanctions". ' +
      'Termination agreed at the Jun 21, 2021 meeting and announced Jun 22–23, 2021; succeeded by director-general-level ROK–US consultations.',
    mandate_ko:
      '2018년 10월 29~30일 비건 특별대표 방한 때 합의. 비핵화, 제재 이행, 그리고 "유엔 제재에 부합하는" 남북협력에 관해 "정례적이고 체계적이며 공식적인" 소통을 위한 협의체. ' +
      '2021년 6월 21일 회의에서 종료에 합의했고 6월 22~23일 발표됨. 이후 국장급 한미 협의로 대체.',
    kind: 'bilateral',
    status: 'ended',
    established_on: '2018-11-20',
    termination_agreed_on: '2021-06-21',
    ended_on: '2021-06-23',
    cadence_rrule: 'FREQ=MONTHLY',
    cadence_note: 'Co-chairs ~monthly in person; working-level videoconferences (reported 2x/month, Jan 2019); ad hoc ("convened only when there was an issue to discuss", KBS 2021).',
    timezone: 'Asia/Seoul',
    predecessor_id: null,
    ...guard('rok-mofa', 'public'),
  },
  {
    id: 'cg-2025',
    wg_id: 'cg-2025',
    name: 'ROK–U.S. Consultation on Joint Fact Sheet Implementation',
    name_ko: '한미 조인트 팩트시트 후속 협의',
    short_name: 'JFS consultation',
    mandate:
      'Follow-up of the Nov 2025 Joint Fact Sheet, first held Dec 16, 2025 and intended to run regularly. Its name was changed to a fact-sheet follow-up ' +
      'from the "regular North Korea policy consultation" label. It is not a successor of the 2018 Working Group: critics (six former unification ministers) ' +
      'only feared it would become a "second working group", and the Ministry of Unification declined to take part.',
    mandate_ko:
      '2025년 11월 한미 공동 설명자료(팩트시트)의 후속 협의로 2025년 12월 16일 첫 회의를 열었고 정례적으로 운영할 예정. 명칭은 "대북정책 정례 협의"에서 팩트시트 후속 협의로 변경됨. ' +
      '2018년 워킹그룹의 후신이 아님: 전직 통일부 장관 6명 등은 "제2의 워킹그룹"이 될 것을 우려했을 뿐이며, 통일부는 불참함.',
    kind: 'bilateral',
    status: 'established',
    established_on: '2025-12-16',
    termination_agreed_on: null,
    ended_on: null,
    cadence_rrule: null,
    cadence_note: 'Intended to be regular; no cadence announced.',
    timezone: 'Asia/Seoul',
    predecessor_id: null,
    ...guard('rok-mofa', 'public'),
  },
  {
    id: 'ic-2026',
    wg_id: 'ic-2026',
    name: 'MOU–MOFA vice-minister-level consultation',
    name_ko: '통일부·외교부 차관급 정례 협의',
    short_name: 'MOU–MOFA consultation',
    mandate:
      'Regular vice-minister-level consultation between the Ministry of Unification and the Ministry of Foreign Affairs on North Korea policy, launched Jan 16, 2026 ' +
      'after the December 2025 dispute over the ROK–US consultation; the two vice ministers "will meet frequently".',
    mandate_ko: '2025년 12월 한미 협의를 둘러싼 이견 이후 2026년 1월 16일 출범한 통일부·외교부 차관급 대북정책 정례 협의. 양 차관은 "자주 만나기로" 함.',
    kind: 'interagency',
    status: 'established',
    established_on: '2026-01-16',
    termination_agreed_on: null,
    ended_on: null,
    cadence_rrule: null,
    cadence_note: 'Frequent ("will meet frequently"); no fixed cadence announced.',
    timezone: 'Asia/Seoul',
    predecessor_id: null,
    ...guard('rok-mou', 'public'),
  },
];

export const wg_parties: DemoScenario['wg_parties'] = [
  { wg_id: 'wg-2018', party_id: 'KR' },
  { wg_id: 'wg-2018', party_id: 'US' },
  { wg_id: 'cg-2025', party_id: 'KR' },
  { wg_id: 'cg-2025', party_id: 'US' },
  { wg_id: 'ic-2026', party_id: 'KR' },
];

const m = (wg_id: string, organisation_id: string, note: string | null = null, participation: WgMemberRow['participation'] = 'member') => ({ wg_id, organisation_id, participation, note });

export const wg_members: DemoScenario['wg_members'] = [
  m('wg-2018', 'rok-mofa', 'Lead ministry (co-chair and working level)'),
  m('wg-2018', 'rok-mou', 'Division-director level, inter-Korean exchange and cooperation'),
  m('wg-2018', 'rok-pres', 'Presidential office (Cheong Wa Dae)'),
  m('wg-2018', 'us-state', 'Lead department (co-chair and working level)'),
  m('wg-2018', 'us-nsc', 'White House NSC'),
  m('cg-2025', 'rok-mofa', 'Chief: Jeong Yeon-doo'),
  m('cg-2025', 'rok-mnd'),
  m('cg-2025', 'us-state', 'Chief: Kevin Kim (U.S. Embassy Seoul)'),
  m('cg-2025', 'us-dod'),
  m('cg-2025', 'rok-mou', NON_PARTICIPATION_REASON, 'non_participant'),
  m('ic-2026', 'rok-mou', 'Vice Minister Kim Nam-jung'),
  m('ic-2026', 'rok-mofa', 'Jeong Yeon-doo'),
];

export const wg_leads: DemoScenario['wg_leads'] = [
  { id: 'wl-2018-lee', wg_id: 'wg-2018', person_id: 'lee-dohoon', role: 'co_chair', party_id: 'KR' },
  { id: 'wl-2018-biegun', wg_id: 'wg-2018', person_id: 'biegun', role: 'co_chair', party_id: 'US' },
  { id: 'wl-2018-rhee', wg_id: 'wg-2018', person_id: 'rhee-dongyeol', role: 'working_level_lead', party_id: 'KR' },
  { id: 'wl-2018-wong', wg_id: 'wg-2018', person_id: 'wong', role: 'working_level_lead', party_id: 'US' },
  { id: 'wl-2018-noh', wg_id: 'wg-2018', person_id: 'noh-kd', role: 'head_of_delegation', party_id: 'KR' },
  { id: 'wl-2018-sungkim', wg_id: 'wg-2018', person_id: 'sung-kim', role: 'head_of_delegation', party_id: 'US' },
  { id: 'wl-2025-jeong', wg_id: 'cg-2025', person_id: 'jeong-yd', role: 'head_of_delegation', party_id: 'KR' },
  { id: 'wl-2025-kevinkim', wg_id: 'cg-2025', person_id: 'kevin-kim', role: 'head_of_delegation', party_id: 'US' },
  { id: 'wl-2026-kim', wg_id: 'ic-2026', person_id: 'kim-nj', role: 'co_chair', party_id: 'KR' },
  { id: 'wl-2026-jeong', wg_id: 'ic-2026', person_id: 'jeong-yd', role: 'co_chair', party_id: 'KR' },
];

const t = (id: string, wg_id: string, code: string, name: string, name_ko: string, position: number) => ({ id, wg_id, code, name, name_ko, position });

export const tracks: DemoScenario['tracks'] = [
  t('tr-2018-denuc', 'wg-2018', 'denuclearization', 'Denuclearization and diplomacy', '비핵화', 1),
  t('tr-2018-sanctions', 'wg-2018', 'sanctions', 'Sanctions implementation', '제재 이행', 2),
  t('tr-2018-inter', 'wg-2018', 'inter_korean', 'Inter-Korean cooperation', '남북협력', 3),
  t('tr-2018-humanitarian', 'wg-2018', 'humanitarian', 'Humanitarian aid', '인도적 지원', 4),
  t('tr-2025-nk', 'cg-2025', 'north_korea', 'North Korea', '북한', 1),
  t('tr-2025-alliance', 'cg-2025', 'alliance', 'Alliance modernisation', '동맹 현대화', 2),
  t('tr-2025-nuclear', 'cg-2025', 'nuclear_energy', 'Nuclear energy', '원자력', 3),
  t('tr-2025-invest', 'cg-2025', 'investment_trade', 'Investment and trade', '투자·통상', 4),
  t('tr-2026-nkpolicy', 'ic-2026', 'north_korea_policy', 'North Korea policy', '대북정책', 1),
];
