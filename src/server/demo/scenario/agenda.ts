/**
 * Demo scenario, part 7: agenda items (by track, linked to issues) and attendance of the meetings
 * in meetings.ts, as world-facts §A2, §B3 and §E report them.
 */
import type { DemoScenario } from '../types.ts';
import type { AttendanceStatus } from '../../../core/vocabulary.ts';

type Item = DemoScenario['agenda_items'][number];
const pos = new Map<string, number>();
function a(
  meeting_id: string,
  track_id: string | null,
  issue_id: string | null,
  title: string,
  title_ko: string | null,
  outcome: string | null = null,
  lead_org_id: string | null = null,
  notes: string | null = null,
): Item {
  const position = (pos.get(meeting_id) ?? 0) + 1;
  pos.set(meeting_id, position);
  return { id: `ai-${meeting_id.slice(2)}-${position}`, meeting_id, track_id, issue_id, title, title_ko, lead_org_id, position, notes, outcome };
}

export const agenda_items: DemoScenario['agenda_items'] = [
  a('m-2018-11-20', 'tr-2018-denuc', 'i-us-dprk-talks', 'Preparation for the US–DPRK high-level talks', '북미 고위급회담 준비'),
  a('m-2018-11-20', 'tr-2018-sanctions', 'i-rail-exemption', 'Whether the rail project should get a sanctions exception', '철도 사업의 제재 예외 여부', 'Discussed'),
  a('m-2018-11-20', 'tr-2018-inter', 'i-rail-exemption', 'Joint inter-Korean rail survey', '남북 철도 공동조사', 'US "strong support"', 'rok-mofa'),
  a('m-2018-12-07', 'tr-2018-inter', 'i-inter-korean-projects', 'Inter-Korean relations', '남북관계', '"Comprehensive discussions"'),
  a('m-2018-12-07', 'tr-2018-denuc', 'i-us-dprk-talks', 'US–DPRK dialogue', '북미대화', '"Comprehensive discussions"'),
  a('m-2018-12-21', 'tr-2018-sanctions', 'i-rail-exemption', 'Sanctions exemption for the Dec 26 groundbreaking ceremony', '12월 26일 착공식 제재 면제', 'Agreed', 'rok-mou'),
  a('m-2018-12-21', 'tr-2018-inter', 'i-inter-korean-projects', 'Joint excavation of war remains in the DMZ', '비무장지대 공동 유해발굴', 'Agreed'),
  a('m-2018-12-21', 'tr-2018-humanitarian', 'i-tamiflu', 'Supply of Tamiflu to North Korea', '대북 타미플루 지원', 'Agreed ("resolved")'),
  a('m-2018-12-21', 'tr-2018-humanitarian', null, '$8M humanitarian aid through WFP and UNICEF', '세계식량계획·유니세프를 통한 800만 달러 인도적 지원', 'US: not a sanctions violation'),
  a('m-2018-12-21', 'tr-2018-denuc', null, 'US travel ban and aid policy', '미국인 방북 금지 및 지원 정책', 'Biegun announced a review', 'us-state'),
  a(
    'm-2019-01-17',
    'tr-2018-sanctions',
    'i-exemption-process',
    'Equipment for the East-coast road survey and mine clearance for remains excavation',
    '동해선 도로 조사 및 유해발굴 지뢰제거 장비',
    '"Substantial agreement"; UNSC exemption request to follow',
  ),
  a('m-2019-01-17', 'tr-2018-humanitarian', 'i-tamiflu', 'Tamiflu: 200,000 doses and 50,000 test kits', '타미플루 20만 명분·진단키트 5만 개', 'Agreed'),
  a('m-2019-01-17', 'tr-2018-humanitarian', 'i-video-reunions', 'Equipment for video reunions', '화상상봉 장비', 'US needs "more time" for review'),
  a('m-2019-03-14', 'tr-2018-humanitarian', 'i-video-reunions', 'Sanctions waiver for video reunions', '화상상봉 제재 면제', 'Decided (US green light)'),
  a('m-2019-03-14', 'tr-2018-inter', 'i-inter-korean-projects', 'Manwoldae joint excavation waiver', '만월대 공동발굴 제재 면제', 'Discussed in advance'),
  a('m-2019-03-14', 'tr-2018-denuc', 'i-us-dprk-talks', 'Strategy after the Hanoi summit', '하노이 정상회담 이후 전략'),
  a('m-2019-12-16', 'tr-2018-denuc', 'i-us-dprk-talks', 'Resuming talks with North Korea', '북한과의 대화 재개', 'Public invitation to talks'),
  a('m-2020-01-16', 'tr-2018-inter', 'i-tourism', 'Possible inter-Korean projects (individual tourism)', '남북 협력사업(개별관광)', 'Agreed to "coordinate closely"'),
  a('m-2021-06-21', 'tr-2018-inter', 'i-wg-operation', 'Operation of the working group', '워킹그룹 운영', 'Agreed to consider terminating it; strengthen DG-level consultations'),
  a('m-2021-06-22', 'tr-2018-inter', 'i-wg-operation', 'Way forward after the working group', '워킹그룹 이후 향후 방향'),
  a('m-2025-12-16', 'tr-2025-nk', 'i-complete-denuc', 'Complete denuclearization of the DPRK', '북한의 완전한 비핵화'),
  a('m-2025-12-16', 'tr-2025-nk', 'i-complete-denuc', 'Implementation of the 2018 Singapore Joint Statement', '2018년 싱가포르 공동성명 이행'),
  a('m-2025-12-16', 'tr-2025-nk', 'i-consult-format', 'Close coordination on DPRK policy', '대북정책 긴밀 조율', 'Agreed to strengthen communication "at all levels"'),
  a('m-2025-12-16', 'tr-2025-nk', 'i-denuc-dialogue', 'DPRK return to dialogue', '북한의 대화 복귀'),
  a('m-2025-12-16-mou', 'tr-2025-nk', null, 'North Korea policy briefing by Vice Minister Kim Nam-jung', '김남중 차관 대북정책 설명', null, 'rok-mou'),
  a('m-2026-01-16', 'tr-2026-nkpolicy', 'i-one-voice', 'Coordination between the two ministries on North Korea policy', '대북정책 부처 간 조율', 'Agreed to meet frequently'),
];

type Att = DemoScenario['attendance'][number];
const at = (meeting_id: string, organisation_id: string, status: AttendanceStatus = 'attending', reason: string | null = null, responded_at: string | null = null): Att => ({
  id: `at-${meeting_id.slice(2)}-${organisation_id}`,
  meeting_id,
  organisation_id,
  status,
  reason,
  responded_at,
});
const attending = (meeting_id: string, ...orgs: string[]) => orgs.map((o) => at(meeting_id, o));

export const MOU_DECLINE_REASON =
  '"As it concerns diplomatic issues between South Korea and the United States, the Ministry of Unification has decided not to participate." ' +
  '(MOU press release, Dec 15, 2025.) The meeting follows up the Joint Fact Sheet; MOU will consult the US separately "if necessary". ' +
  'Six former unification ministers had warned the same day against a "second working group".';

export const attendance: DemoScenario['attendance'] = [
  ...attending('m-2018-11-20', 'rok-mofa', 'us-state', 'us-nsc'),
  ...attending('m-2018-12-07', 'rok-mofa', 'us-state'),
  ...attending('m-2018-12-21', 'rok-mofa', 'rok-mou', 'rok-pres', 'us-state', 'us-nsc'),
  ...attending('m-2019-01-17', 'rok-mofa', 'us-state'),
  ...attending('m-2019-03-14', 'rok-mofa', 'us-state'),
  ...attending('m-2019-12-16', 'rok-mofa', 'us-state'),
  ...attending('m-2020-01-16', 'rok-mofa', 'us-state'),
  ...attending('m-2021-06-21', 'rok-mofa', 'us-state'),
  ...attending('m-2021-06-22', 'rok-mofa', 'us-state'),
  ...attending('m-2025-12-16', 'rok-mofa', 'rok-mnd', 'us-state', 'us-dod'),
  at('m-2025-12-16', 'rok-mou', 'declined', MOU_DECLINE_REASON, '2025-12-15T05:00:00.000Z'),
  ...attending('m-2025-12-16-mou', 'rok-mou', 'us-emb-seoul'),
  ...attending('m-2026-01-16', 'rok-mou', 'rok-mofa'),
  at('m-2027-cg-planned', 'rok-mofa', 'invited'),
  at('m-2027-cg-planned', 'us-state', 'invited'),
  at('m-2027-ic-planned', 'rok-mou', 'invited'),
  at('m-2027-ic-planned', 'rok-mofa', 'invited'),
];
