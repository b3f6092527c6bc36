/**
 * Demo scenario, part 12: commitments drawn from the Joint Fact Sheet clauses, and progress
 * reports by each party. The commitments are facts (world-facts §B2); the progress reports are
 * demo entries that show open, done and disputed commitments.
 */
import type { DemoScenario } from '../types.ts';
import { guard } from './reference.ts';
import type { ProgressStatus } from '../../../core/vocabulary.ts';

type Commitment = DemoScenario['commitments'][number];
interface C {
  id: string;
  key: string;
  track: string;
  title: string;
  title_ko: string;
  party: 'KR' | 'US' | null;
  org?: string;
  due?: string;
}
const cm = (x: C): Commitment => ({
  id: x.id,
  wg_id: 'cg-2025',
  document_id: 'doc-jfs-2025',
  clause_key: x.key,
  meeting_id: null,
  track: x.track,
  title: x.title,
  title_ko: x.title_ko,
  responsible_party_id: x.party,
  responsible_org_id: x.org ?? null,
  due_on: x.due ?? null,
  ...guard(x.party === 'US' ? 'us-state' : 'rok-mofa', 'group'),
});

export const commitments: DemoScenario['commitments'] = [
  cm({
    id: 'c-shipbuilding',
    key: 'investment-total',
    track: 'investment_trade',
    party: 'KR',
    org: 'rok-motie',
    title: '$150 billion shipbuilding cooperation ("Approved Investments", MASGA)',
    title_ko: '조선 협력(MASGA) 1,500억 달러',
  }),
  cm({
    id: 'c-strategic-investment',
    key: 'investment-total',
    track: 'investment_trade',
    party: 'KR',
    org: 'rok-motie',
    title: '$200 billion under the MOU on Strategic Investments',
    title_ko: '전략적 투자 양해각서에 따른 2,000억 달러',
  }),
  cm({
    id: 'c-annual-cap',
    key: 'investment-annual-cap',
    track: 'investment_trade',
    party: null,
    title: 'Annual funding of no more than $20 billion; adjustment on FX instability, with due consideration by the US',
    title_ko: '연간 200억 달러 상한 및 외환 불안 시 조정',
  }),
  cm({
    id: 'c-project-selection',
    key: 'investment-selection',
    track: 'investment_trade',
    party: null,
    due: '2029-01-31',
    title: 'Select the projects for the $200 billion by January 2029',
    title_ko: '2029년 1월까지 2,000억 달러 투자 사업 선정',
  }),
  cm({
    id: 'c-tariffs',
    key: 'tariffs',
    track: 'investment_trade',
    party: 'US',
    title: '15% tariff on ROK goods incl. autos and parts; pharmaceuticals capped at 15%; chips no less favorable',
    title_ko: '자동차·부품 포함 한국산 제품 15% 관세, 의약품 15% 상한, 반도체 최혜 대우',
  }),
  cm({
    id: 'c-enrichment',
    key: 'enrichment',
    track: 'nuclear_energy',
    party: 'US',
    org: 'us-state',
    title: 'Support the process leading to ROK civil enrichment and reprocessing (123 Agreement)',
    title_ko: '한국의 민간 농축·재처리로 이어질 절차 지지(123 협정)',
  }),
  cm({
    id: 'c-submarines',
    key: 'submarines',
    track: 'alliance',
    party: 'US',
    title: 'Approval for ROK nuclear-powered attack submarines; work on fuel sourcing',
    title_ko: '한국 핵추진 공격잠수함 건조 승인 및 연료 조달 협력',
  }),
  cm({
    id: 'c-defense-spending',
    key: 'alliance-rok',
    track: 'alliance',
    party: 'KR',
    org: 'rok-mnd',
    title: 'Raise defense spending to 3.5% of GDP as soon as possible',
    title_ko: '국방비를 조속히 GDP 대비 3.5%로 증액',
  }),
  cm({
    id: 'c-us-equipment',
    key: 'alliance-rok',
    track: 'alliance',
    party: 'KR',
    org: 'rok-mnd',
    due: '2030-12-31',
    title: 'Purchase $25 billion of US military equipment by 2030',
    title_ko: '2030년까지 미국산 군사 장비 250억 달러 구매',
  }),
  cm({
    id: 'c-usfk-support',
    key: 'alliance-rok',
    track: 'alliance',
    party: 'KR',
    org: 'rok-mnd',
    title: '$33 billion comprehensive support for US Forces Korea',
    title_ko: '주한미군에 330억 달러 포괄적 지원',
  }),
  cm({ id: 'c-opcon', key: 'alliance-rok', track: 'alliance', party: null, title: 'Continued cooperation on wartime OPCON transition', title_ko: '전시작전통제권 전환 협력 지속' }),
  cm({
    id: 'c-usfk-deterrence',
    key: 'alliance-us',
    track: 'alliance',
    party: 'US',
    org: 'us-dod',
    title: 'Continued USFK stationing; extended deterrence incl. nuclear; cooperation through the NCG',
    title_ko: '주한미군 지속 주둔, 핵 포함 확장억제, 핵협의그룹 협력',
  }),
  cm({
    id: 'c-denuclearization',
    key: 'north-korea',
    track: 'north_korea',
    party: null,
    title: 'Complete denuclearization of the DPRK; implement the 2018 Singapore Joint Statement; close coordination on DPRK policy',
    title_ko: '북한의 완전한 비핵화, 싱가포르 공동성명 이행, 대북정책 긴밀 조율',
  }),
];

type Report = DemoScenario['progress_reports'][number];
function pr(commitment_id: string, party: 'KR' | 'US', status: ProgressStatus, reported_on: string, note: string): Report {
  return {
    id: `pr-${commitment_id.slice(2)}-${party.toLowerCase()}-${reported_on}`,
    commitment_id,
    party_id: party,
    organisation_id: party === 'KR' ? 'rok-mofa' : 'us-state',
    status,
    percent: null,
    note: `Demo entry. ${note}`,
    evidence_url: null,
    reported_on,
  };
}

export const progress_reports: DemoScenario['progress_reports'] = [
  pr('c-submarines', 'US', 'done', '2025-12-16', 'Approval given in the fact sheet.'),
  pr('c-submarines', 'KR', 'in_progress', '2025-12-16', 'Build location and fuel sourcing still open; Seoul assumed construction in Korea.'),
  pr('c-denuclearization', 'KR', 'in_progress', '2025-12-16', 'First consultation held; communication to be strengthened at all levels.'),
  pr('c-denuclearization', 'US', 'in_progress', '2025-12-16', 'First consultation held.'),
  pr('c-project-selection', 'KR', 'not_started', '2025-12-16', 'Selection deadline January 2029.'),
  pr('c-project-selection', 'US', 'not_started', '2025-12-16', 'Selection deadline January 2029.'),
  pr('c-enrichment', 'US', 'in_progress', '2025-12-16', 'Process subject to the 123 Agreement and US legal requirements.'),
  pr('c-enrichment', 'KR', 'in_progress', '2025-12-16', 'Follow-up on the process.'),
  pr('c-us-equipment', 'KR', 'not_started', '2025-12-16', 'Due by 2030.'),
  pr('c-strategic-investment', 'KR', 'in_progress', '2025-12-16', 'MOU on Strategic Investment signed Nov 14, 2025.'),
];
