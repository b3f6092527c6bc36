/**
 * Demo scenario, part 6: the dated meetings of world-facts §A2 and §B3, their leads, agenda items
 * by track and attendance. Times are local times converted to UTC in the meeting's IANA zone:
 * 10:00 where no hour is known, 14:00 for "afternoon", 12:00 for "over lunch".
 */
import type { DemoScenario } from '../types.ts';
import { guard } from './reference.ts';
import type { MeetingFormat, MeetingLevel, MeetingStatus } from '../../../core/vocabulary.ts';

type Meeting = DemoScenario['meetings'][number];
const SEOUL = 'Asia/Seoul';
const NY = 'America/New_York';

/** Minutes the zone is ahead of UTC at instant `ms`. */
function offsetMinutes(ms: number, timeZone: string): number {
  const f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return (Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second) - ms) / 60000;
}

/** Local wall-clock time in `timeZone` to a UTC ISO timestamp. */
export function zonedToUtc(date: string, time: string, timeZone: string): string {
  const wall = Date.parse(`${date}T${time}:00.000Z`);
  let ms = wall - offsetMinutes(wall, timeZone) * 60000;
  ms = wall - offsetMinutes(ms, timeZone) * 60000;
  return new Date(ms).toISOString();
}

const addMinutes = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60000).toISOString();

interface M {
  id: string;
  wg: string;
  owner: string;
  title: string;
  title_ko?: string;
  level: MeetingLevel;
  format: MeetingFormat;
  place: string | null;
  date: string;
  time: string;
  tz: string;
  minutes?: number;
  status?: MeetingStatus;
  status_reason?: string;
  beside?: string;
  outcome?: string;
  outcome_ko?: string;
  scope?: 'public' | 'group';
}
const mt = (x: M): Meeting => {
  const starts_at = zonedToUtc(x.date, x.time, x.tz);
  return {
    id: x.id,
    wg_id: x.wg,
    title: x.title,
    title_ko: x.title_ko ?? null,
    level: x.level,
    format: x.format,
    place: x.place,
    starts_at,
    ends_at: addMinutes(starts_at, x.minutes ?? 120),
    timezone: x.tz,
    status: x.status ?? 'held',
    status_reason: x.status_reason ?? null,
    postponed_to: null,
    beside_meeting_id: x.beside ?? null,
    outcome: x.outcome ?? null,
    outcome_ko: x.outcome_ko ?? null,
    minutes: null,
    ...guard(x.owner, x.scope ?? 'public'),
  };
};

export const meetings: DemoScenario['meetings'] = [
  mt({
    id: 'm-2018-11-20',
    wg: 'wg-2018',
    owner: 'us-state',
    title: 'First meeting of the ROK–US Working Group',
    title_ko: '한미 워킹그룹 첫 회의',
    level: 'principal',
    format: 'in_person',
    place: 'Washington',
    date: '2018-11-20',
    time: '14:00',
    tz: NY,
    outcome:
      'Discussed denuclearization and peace, UNSC resolution implementation, inter-Korean cooperation and preparation for the US–DPRK high-level talks. ' +
      'The US voiced "strong support" for the joint rail survey; whether the rail project should get a sanctions exception was discussed.',
    outcome_ko: '비핵화와 평화, 안보리 결의 이행, 남북협력, 북미 고위급회담 준비를 논의. 미국은 남북 철도 공동조사에 "강력한 지지"를 표명했고, 철도 사업의 제재 예외 여부도 논의됨.',
  }),
  mt({
    id: 'm-2018-12-07',
    wg: 'wg-2018',
    owner: 'rok-mofa',
    title: 'Working-level videoconference',
    title_ko: '국장급 화상회의',
    level: 'working',
    format: 'video',
    place: null,
    date: '2018-12-07',
    time: '10:00',
    tz: SEOUL,
    minutes: 75,
    outcome: '"Comprehensive discussions" on inter-Korean relations and US–DPRK dialogue, for more than an hour; co-chairs absent.',
    outcome_ko: '남북관계와 북미대화에 관해 1시간 넘게 "포괄적으로 논의". 수석대표는 불참.',
  }),
  mt({
    id: 'm-2018-12-21',
    wg: 'wg-2018',
    owner: 'rok-mofa',
    title: 'Second meeting of the ROK–US Working Group',
    title_ko: '한미 워킹그룹 2차 회의',
    level: 'principal',
    format: 'in_person',
    place: 'Seoul (Ministry of Foreign Affairs)',
    date: '2018-12-21',
    time: '10:00',
    tz: SEOUL,
    outcome:
      'Agreed to support a sanctions exemption for the Dec 26 groundbreaking ceremony, the joint remains excavation and the Tamiflu supply. ' +
      "The US viewed the ROK's $8M humanitarian aid as not violating sanctions; Biegun announced a review of the US travel ban and aid policy.",
    outcome_ko:
      '12월 26일 착공식의 제재 면제 지원, 남북 공동 유해발굴, 타미플루 지원에 합의. 미국은 한국의 800만 달러 인도적 지원이 제재 위반이 아니라고 봄. 비건 대표는 미국인 방북 금지 및 지원 정책 재검토를 발표.',
  }),
  mt({
    id: 'm-2019-01-17',
    wg: 'wg-2018',
    owner: 'rok-mofa',
    title: 'Working-level videoconference',
    title_ko: '국장급 화상회의',
    level: 'working',
    format: 'video',
    place: null,
    date: '2019-01-17',
    time: '10:00',
    tz: SEOUL,
    outcome:
      '"Substantial agreement" on taking equipment into the North for the East-coast road survey and for mine clearance to excavate war remains, ' +
      'with a UNSC exemption request to follow. Tamiflu: 200,000 doses plus 50,000 test kits agreed. Video-reunion equipment needs "more time". ' +
      'Kaesong complex and Mt Kumgang tours were not on the agenda.',
    outcome_ko:
      '동해선 도로 조사 장비와 유해발굴용 지뢰제거 장비 반출에 "상당한 합의", 안보리 면제 신청 예정. 타미플루 20만 명분과 진단키트 5만 개 합의. 화상상봉 장비는 검토에 "시간이 더" 필요. 개성공단·금강산 관광은 의제가 아니었음.',
  }),
  mt({
    id: 'm-2019-03-14',
    wg: 'wg-2018',
    owner: 'us-state',
    title: 'Working Group meeting after the Hanoi summit',
    title_ko: '하노이 정상회담 이후 워킹그룹 회의',
    level: 'working',
    format: 'in_person',
    place: 'Washington',
    date: '2019-03-14',
    time: '10:00',
    tz: NY,
    outcome: 'Decided the sanctions waiver for video reunions of separated families (UNSC approval of Mar 8). Advance discussion of the Manwoldae excavation waiver; post-Hanoi strategy discussed.',
    outcome_ko: '이산가족 화상상봉 제재 면제 결정(안보리 3월 8일 승인). 만월대 발굴 면제 사전 논의, 하노이 이후 전략 논의.',
  }),
  mt({
    id: 'm-2019-12-16',
    wg: 'wg-2018',
    owner: 'rok-mofa',
    title: 'Lee–Biegun talks and Biegun press conference',
    title_ko: '이도훈–비건 협의 및 비건 대표 기자회견',
    level: 'principal',
    format: 'in_person',
    place: 'Seoul',
    date: '2019-12-16',
    time: '10:00',
    tz: SEOUL,
    outcome: 'Biegun publicly invited North Korean counterparts to talks ("Let\'s get this done"). Not labelled a Working Group plenary in the sources.',
    outcome_ko: '비건 대표가 북한 측에 공개적으로 대화를 제안("Let\'s get this done"). 출처에서 워킹그룹 전체회의로 표기되지는 않음.',
  }),
  mt({
    id: 'm-2020-01-16',
    wg: 'wg-2018',
    owner: 'us-state',
    title: 'Lee–Biegun talks',
    title_ko: '이도훈–비건 협의',
    level: 'principal',
    format: 'in_person',
    place: 'Washington',
    date: '2020-01-16',
    time: '10:00',
    tz: NY,
    outcome: 'Agreed to "coordinate closely" on possible inter-Korean projects amid the individual-tourism debate (source: headline and lede only).',
    outcome_ko: '개별관광 논란 속에 남북 협력사업에 관해 "긴밀히 조율"하기로 합의(출처: 제목과 첫 문단만 확인).',
  }),
  mt({
    id: 'm-2021-06-21',
    wg: 'wg-2018',
    owner: 'rok-mofa',
    title: 'Talks between the chief nuclear envoys',
    title_ko: '한미 북핵수석대표 협의',
    level: 'principal',
    format: 'in_person',
    place: 'Seoul (hotel)',
    date: '2021-06-21',
    time: '10:00',
    tz: SEOUL,
    outcome:
      'Checked the operation of the working group and agreed to "consider terminating" it and to strengthen director-general-level consultations. ' +
      'MOFA announced this on Jun 22; on Jun 23 its spokesman said they agreed to terminate it.',
    outcome_ko: '워킹그룹 운영 현황을 점검하고 종료를 "검토"하기로 하며 국장급 협의를 강화하기로 합의. 외교부가 6월 22일 발표했고 6월 23일 대변인은 종료에 합의했다고 밝힘.',
  }),
  mt({
    id: 'm-2021-06-22',
    wg: 'wg-2018',
    owner: 'rok-mofa',
    title: 'First director-general-level follow-up consultation',
    title_ko: '첫 국장급 후속 협의',
    level: 'working',
    format: 'in_person',
    place: 'Seoul',
    date: '2021-06-22',
    time: '10:00',
    tz: SEOUL,
    outcome: 'First DG-level follow-up on the way forward (source: a copy of a Yonhap report).',
    outcome_ko: '향후 방향에 관한 첫 국장급 후속 협의.',
  }),
  mt({
    id: 'm-2025-12-16',
    wg: 'cg-2025',
    owner: 'rok-mofa',
    title: 'First ROK–U.S. Consultation on Joint Fact Sheet Implementation',
    title_ko: '제1차 한미 조인트 팩트시트 후속 협의',
    level: 'principal',
    format: 'in_person',
    place: 'Seoul, MOFA building (Government Complex Seoul)',
    date: '2025-12-16',
    time: '10:00',
    tz: SEOUL,
    outcome:
      '"Comprehensive discussions" on Korean Peninsula issues based on the Joint Fact Sheet; agreed to strengthen communication "at all levels". Intended to run regularly. The Ministry of Unification did not attend.',
    outcome_ko: '조인트 팩트시트를 바탕으로 한반도 문제를 "포괄적으로 논의"하고 "모든 급에서" 소통을 강화하기로 함. 정례적으로 운영할 예정. 통일부는 불참.',
  }),
  mt({
    id: 'm-2025-12-16-mou',
    wg: 'cg-2025',
    owner: 'rok-mou',
    title: 'MOU policy briefing for diplomats and international organisations',
    title_ko: '통일부 주한 외교단·국제기구 대상 정책 설명회',
    level: 'principal',
    format: 'in_person',
    place: 'Seoul',
    date: '2025-12-16',
    time: '14:00',
    tz: SEOUL,
    beside: 'm-2025-12-16',
    outcome:
      'Vice Minister Kim Nam-jung briefed 41 institutions, including the EU, Japan, the ICRC, UNICEF and a US embassy working-level official. ' +
      'MOU said it is "in frequent communication with the U.S. Embassy" and will discuss issues with the State Department "when conditions allow", issue by issue.',
    outcome_ko:
      '김남중 차관이 EU, 일본, ICRC, UNICEF, 주한미국대사관 실무자 등 41개 기관에 정책을 설명. 통일부는 주한미국대사관과 "수시로 소통"하고 있으며 "여건이 되면" 사안별로 국무부와 협의하겠다고 밝힘.',
  }),
  mt({
    id: 'm-2027-cg-planned',
    wg: 'cg-2025',
    owner: 'rok-mofa',
    title: 'Second session (planned)',
    title_ko: '제2차 협의(예정)',
    level: 'principal',
    format: 'in_person',
    place: null,
    date: '2027-01-19',
    time: '10:00',
    tz: SEOUL,
    status: 'planned',
    scope: 'group',
    status_reason: 'Demo entry: the date is a placeholder; no date for a second session has been announced.',
  }),
  mt({
    id: 'm-2026-01-16',
    wg: 'ic-2026',
    owner: 'rok-mou',
    title: 'Launch of the MOU–MOFA vice-minister-level consultation',
    title_ko: '통일부·외교부 차관급 정례 협의 출범',
    level: 'principal',
    format: 'in_person',
    place: 'Seoul (over lunch)',
    date: '2026-01-16',
    time: '12:00',
    tz: SEOUL,
    minutes: 90,
    outcome: 'Kim Nam-jung and Jeong Yeon-doo launched a regular vice-minister-level consultation and "will meet frequently".',
    outcome_ko: '김남중 차관과 정연두 본부장이 차관급 정례 협의를 시작했으며 "자주 만나기로" 함.',
  }),
  mt({
    id: 'm-2027-ic-planned',
    wg: 'ic-2026',
    owner: 'rok-mou',
    title: 'Regular consultation (planned)',
    title_ko: '정례 협의(예정)',
    level: 'principal',
    format: 'in_person',
    place: null,
    date: '2027-01-15',
    time: '12:00',
    tz: SEOUL,
    minutes: 90,
    status: 'planned',
    scope: 'group',
    status_reason: 'Demo entry: the date is a placeholder.',
  }),
];

export const meeting_leads: DemoScenario['meeting_leads'] = [
  ['m-2018-11-20', 'lee-dohoon'],
  ['m-2018-11-20', 'biegun'],
  ['m-2018-12-07', 'rhee-dongyeol'],
  ['m-2018-12-07', 'wong'],
  ['m-2018-12-21', 'lee-dohoon'],
  ['m-2018-12-21', 'biegun'],
  ['m-2019-01-17', 'rhee-dongyeol'],
  ['m-2019-01-17', 'wong'],
  ['m-2019-03-14', 'rhee-dongyeol'],
  ['m-2019-03-14', 'wong'],
  ['m-2019-12-16', 'lee-dohoon'],
  ['m-2019-12-16', 'biegun'],
  ['m-2020-01-16', 'lee-dohoon'],
  ['m-2020-01-16', 'biegun'],
  ['m-2021-06-21', 'noh-kd'],
  ['m-2021-06-21', 'sung-kim'],
  ['m-2021-06-22', 'lim-ks'],
  ['m-2021-06-22', 'jung-pak'],
  ['m-2025-12-16', 'jeong-yd'],
  ['m-2025-12-16', 'kevin-kim'],
  ['m-2025-12-16-mou', 'kim-nj'],
  ['m-2026-01-16', 'kim-nj'],
  ['m-2026-01-16', 'jeong-yd'],
].map(([meeting_id, person_id]) => ({ meeting_id, person_id }));
