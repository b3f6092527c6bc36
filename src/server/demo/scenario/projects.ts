/**
 * Demo scenario, part 13: cooperation projects reviewed by the 2018 Working Group, with their
 * stage events (world-facts §A3, §E). UN 1718 Committee decisions are dated in New York; the
 * project's current stage is always the stage of its last event.
 */
import type { DemoScenario } from '../types.ts';
import { guard } from './reference.ts';
import type { ProjectStage } from '../../../core/vocabulary.ts';

const SEOUL = 'Asia/Seoul';
const NY = 'America/New_York';

type Event = DemoScenario['project_stage_events'][number];
interface E {
  on: string;
  stage: ProjectStage;
  reason: string;
  tz?: string;
  un?: boolean;
  meeting?: string;
}
interface Spec {
  id: string;
  track: string;
  name: string;
  name_ko: string;
  description: string;
  proponent: string | null;
  status_note: string | null;
  events: E[];
}

// Every sequence below follows the transition table in policies/project.ts. Where the sources
// give no date for a step the table requires (a proposal, the filing of an exemption request),
// the step is recorded on the first date the sources do give, and its reason says so.
const specs: Spec[] = [
  {
    id: 'p-rail',
    track: 'tr-2018-inter',
    name: 'Inter-Korean rail and road reconnection: joint survey',
    name_ko: '남북 철도·도로 연결 공동조사',
    proponent: 'rok-mou',
    description: 'Joint survey of the Gyeongui (Kaesong–Sinuiju, ~400 km) and Donghae (Mt Kumgang–Tumen, ~800 km) lines with 28 South Koreans.',
    status_note: 'survey completed; construction not begun (sanctions)',
    events: [
      { on: '2018-04-27', stage: 'proposed', reason: 'Panmunjom Declaration commits to linking the roads and railways.' },
      { on: '2018-11-20', stage: 'group_review', reason: 'First working-group meeting discusses the joint survey and whether it needs a sanctions exception.', tz: NY, meeting: 'm-2018-11-20' },
      { on: '2018-11-20', stage: 'supported', reason: 'Working group: US "strong support" for the joint survey.', tz: NY, meeting: 'm-2018-11-20' },
      {
        on: '2018-11-20',
        stage: 'exemption_requested',
        reason: 'Exemption for the survey sought from the 1718 Committee after the review (filing date not in the sources; recorded on the review date).',
        tz: NY,
      },
      {
        on: '2018-11-23',
        stage: 'exemption_granted',
        reason: '1718 Committee exemption by consensus for the survey mission only (fuel and other goods); announced in Seoul Nov 24.',
        tz: NY,
        un: true,
      },
      { on: '2018-11-30', stage: 'implementation', reason: 'Gyeongui line survey Nov 30 – Dec 5; Donghae line survey Dec 8 – 17.' },
      { on: '2018-12-17', stage: 'done', reason: 'The 18-day survey ends. Construction has not begun (sanctions).' },
    ],
  },
  {
    id: 'p-ceremony',
    track: 'tr-2018-inter',
    name: 'Rail and road groundbreaking ceremony, Panmun Station, Kaesong',
    name_ko: '철도·도로 연결 착공식 (개성 판문역)',
    proponent: 'rok-mou',
    description: 'Groundbreaking ceremony for the reconnection, about 100 participants per side; budget ~700 million won.',
    status_note: 'ceremony held on 2018-12-26',
    events: [
      { on: '2018-12-13', stage: 'proposed', reason: 'Date agreed in working-level talks in Kaesong.' },
      { on: '2018-12-14', stage: 'group_review', reason: 'MOU consulting the US and the UN on exemptions for the ceremony.' },
      { on: '2018-12-21', stage: 'supported', reason: 'Working group agrees the exemption for the ceremony.', meeting: 'm-2018-12-21' },
      {
        on: '2018-12-21',
        stage: 'exemption_requested',
        reason: "Consultations with the 1718 Committee on the ceremony materials (filing date not in the sources; recorded on the group's agreement).",
      },
      { on: '2018-12-24', stage: 'exemption_granted', reason: '1718 Committee consultations on the ceremony materials "wrapped up".', tz: NY, un: true },
      { on: '2018-12-26', stage: 'implementation', reason: 'Ceremony at Panmun Station, ~10:00 (S12).' },
      { on: '2018-12-26', stage: 'done', reason: 'Ceremony held.' },
    ],
  },
  {
    id: 'p-tamiflu',
    track: 'tr-2018-humanitarian',
    name: 'Tamiflu and flu test kits for North Korea',
    name_ko: '대북 타미플루·진단키트 지원',
    proponent: 'rok-mou',
    description: '200,000 doses of Tamiflu and 50,000 rapid test kits, to be delivered via Kaesong by land.',
    status_note: 'not delivered; KBS (2021) calls it a failed project',
    events: [
      { on: '2018-12-21', stage: 'proposed', reason: "On the working group's agenda (proposal date not in the sources).", meeting: 'm-2018-12-21' },
      { on: '2018-12-21', stage: 'group_review', reason: 'Reviewed at the second formal meeting in Seoul.', meeting: 'm-2018-12-21' },
      { on: '2018-12-21', stage: 'supported', reason: 'Working group: the issue "was resolved" (S11).', meeting: 'm-2018-12-21' },
      { on: '2018-12-24', stage: 'implementation', reason: 'MOU announces Tamiflu plus early-detection kits; delivery planned for Jan 11 via Kaesong.' },
      { on: '2019-01-10', stage: 'stalled', reason: 'The Jan 11 delivery is postponed: "it will be delayed a little" (S13).' },
      { on: '2019-01-17', stage: 'supported', reason: 'Working-group videoconference agrees to send 200,000 doses and 50,000 kits.', meeting: 'm-2019-01-17' },
      { on: '2019-01-17', stage: 'implementation', reason: 'Delivery prepared again after the videoconference.' },
      { on: '2019-02-07', stage: 'stalled', reason: 'Still pending: MOU in talks with the UN Command; the North is not responding.' },
    ],
  },
  {
    id: 'p-video',
    track: 'tr-2018-humanitarian',
    name: 'Video reunions of separated families',
    name_ko: '이산가족 화상상봉',
    proponent: 'rok-mou',
    description: 'Pyongyang summit commitment (Sep 2018); fiber-optic cables, screens and cameras need a sanctions exemption; Seoul renovated 13 centres.',
    status_note: 'never held',
    events: [
      { on: '2018-12-12', stage: 'proposed', reason: 'Red Cross chief: cables and screens need an exemption (S08).' },
      { on: '2019-01-17', stage: 'group_review', reason: 'The US needs "more time" to review the equipment.', meeting: 'm-2019-01-17' },
      { on: '2019-03-08', stage: 'exemption_requested', reason: 'Exemption sought from the 1718 Committee (filing date not in the sources; recorded on the decision date).', tz: NY },
      { on: '2019-03-08', stage: 'exemption_granted', reason: '1718 Committee exemption by consensus (cameras and equipment).', tz: NY, un: true },
      { on: '2019-03-14', stage: 'supported', reason: 'Working group in Washington: US green light.', tz: NY, meeting: 'm-2019-03-14' },
      { on: '2019-04-15', stage: 'implementation', reason: 'Seoul completes the equipment purchase and renovates 13 centres.' },
      { on: '2020-10-01', stage: 'stalled', reason: 'Never held: "the plan has not come through" (Yonhap).' },
    ],
  },
  {
    id: 'p-manwoldae',
    track: 'tr-2018-inter',
    name: 'Manwoldae (Goryeo palace) joint excavation, Kaesong',
    name_ko: '개성 만월대 남북 공동발굴',
    proponent: 'rok-mou',
    description: 'Trucks and excavators for the joint excavation need a sanctions waiver.',
    status_note: 'waiver granted; MOU hopes the project "will promptly resume" (S18)',
    events: [
      { on: '2019-03-14', stage: 'proposed', reason: "On the working group's agenda in Washington (proposal date not in the sources).", tz: NY, meeting: 'm-2019-03-14' },
      { on: '2019-03-14', stage: 'group_review', reason: 'Advance discussion of the waiver at the working group in Washington.', tz: NY, meeting: 'm-2019-03-14' },
      { on: '2019-04-16', stage: 'exemption_requested', reason: 'Waiver sought from the 1718 Committee (filing date not in the sources; recorded on the decision date).', tz: NY },
      { on: '2019-04-16', stage: 'exemption_granted', reason: '1718 Committee waiver (trucks, excavators).', tz: NY, un: true },
    ],
  },
  {
    id: 'p-remains',
    track: 'tr-2018-inter',
    name: 'DMZ war-remains excavation equipment',
    name_ko: '비무장지대 유해발굴 장비',
    proponent: null,
    description: 'Mine-clearance equipment for the joint excavation of Korean War remains in the DMZ.',
    status_note: 'exemption decided (reported 2019-01-28)',
    events: [
      { on: '2018-12-21', stage: 'proposed', reason: "On the working group's agenda (proposal date not in the sources).", meeting: 'm-2018-12-21' },
      { on: '2018-12-21', stage: 'group_review', reason: 'Reviewed at the second formal meeting in Seoul.', meeting: 'm-2018-12-21' },
      { on: '2018-12-21', stage: 'supported', reason: 'Working group agrees on the joint excavation.', meeting: 'm-2018-12-21' },
      { on: '2019-01-17', stage: 'exemption_requested', reason: 'Working group agrees to request the exemption.', meeting: 'm-2019-01-17' },
      { on: '2019-01-25', stage: 'exemption_granted', reason: 'Exemption decided "last week" per a report of Jan 28, 2019 (some day Jan 21–25; secondary source).', tz: NY, un: true },
    ],
  },
  {
    id: 'p-aid',
    track: 'tr-2018-humanitarian',
    name: '$8M humanitarian aid through WFP and UNICEF',
    name_ko: '세계식량계획·유니세프 통한 800만 달러 지원',
    proponent: 'rok-mou',
    description: '$4.5M through WFP and the rest through UNICEF.',
    status_note: "approved by MOU's inter-Korean exchange promotion panel on 2019-06-05",
    events: [
      { on: '2018-12-21', stage: 'proposed', reason: "On the working group's agenda (proposal date not in the sources).", meeting: 'm-2018-12-21' },
      { on: '2018-12-21', stage: 'group_review', reason: 'Discussed at the second formal meeting in Seoul.', meeting: 'm-2018-12-21' },
      { on: '2018-12-21', stage: 'supported', reason: 'The US views the aid as not violating sanctions.', meeting: 'm-2018-12-21' },
      { on: '2019-06-05', stage: 'implementation', reason: "Approved by MOU's inter-Korean exchange promotion panel ($4.5M WFP, the rest UNICEF)." },
    ],
  },
  {
    id: 'p-laptops',
    track: 'tr-2018-sanctions',
    name: "Reporters' laptops at the Mt Kumgang event",
    name_ko: '금강산 행사 취재진 노트북 반입',
    proponent: 'rok-mou',
    description: 'Equipment for reporters at the private event of Feb 12–13, 2019; the UN Command raised concerns.',
    status_note: 'laptops not taken',
    events: [
      { on: '2019-02-08', stage: 'proposed', reason: 'Equipment for reporters raised with the US (proposal date not in the sources).' },
      { on: '2019-02-08', stage: 'group_review', reason: 'ROK–US deliberations begin.' },
      { on: '2019-02-12', stage: 'cancelled', reason: 'Deliberations did not wrap up before the event, so the laptops were not taken (S15).' },
    ],
  },
];

export const projects: DemoScenario['projects'] = specs.map((s) => ({
  id: s.id,
  wg_id: 'wg-2018',
  track_id: s.track,
  name: s.name,
  name_ko: s.name_ko,
  description: s.description,
  proponent_org_id: s.proponent,
  stage: s.events[s.events.length - 1].stage,
  planned_on: null,
  status_note: s.status_note,
  ...guard(s.proponent ?? 'rok-mofa', 'group'),
}));

export const project_stage_events: DemoScenario['project_stage_events'] = specs.flatMap((s) =>
  s.events.map(
    (e, i): Event => ({
      id: `pe-${s.id.slice(2)}-${i + 1}`,
      project_id: s.id,
      stage: e.stage,
      occurred_on: e.on,
      timezone: e.tz ?? SEOUL,
      reason: e.reason,
      authority_org_id: e.un ? 'un-1718' : null,
      meeting_id: e.meeting ?? null,
    }),
  ),
);

export const project_date_changes: DemoScenario['project_date_changes'] = [
  {
    id: 'pdc-tamiflu-1',
    project_id: 'p-tamiflu',
    old_date: '2019-01-11',
    new_date: null,
    changed_on: '2019-01-10',
    reason: 'Delivery of 200,000 doses and 50,000 kits via Kaesong postponed: "it will be delayed a little" (unification ministry official).',
  },
];
