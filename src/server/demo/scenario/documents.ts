/**
 * Demo scenario, part 11: documents. The Joint Fact Sheet (version 1 adopted, signed by both
 * parties), a draft press guidance with one bracketed clause, and the 2018 State media note.
 * Clause texts summarise the commitments as reported (world-facts §B2); only the enrichment
 * sentence and the opening of the submarine sentence are quoted from the fact sheet.
 */
import type { DemoScenario } from '../types.ts';
import { guard } from './reference.ts';
import type { ClauseStatus } from '../../../core/vocabulary.ts';

export const documents: DemoScenario['documents'] = [
  {
    id: 'doc-jfs-2025',
    wg_id: 'cg-2025',
    kind: 'joint_fact_sheet',
    title: "Joint Fact Sheet on President Donald J. Trump's Meeting with President Lee Jae Myung",
    title_ko: '이재명 대통령과 도널드 트럼프 대통령 회담에 관한 한미 공동 설명자료(조인트 팩트시트)',
    released_on: '2025-11-14',
    adopted_version_id: 'dv-jfs-2025-1',
    ...guard('rok-mofa', 'public'),
  },
  {
    id: 'doc-press-2025',
    wg_id: 'cg-2025',
    kind: 'press_guidance',
    title: 'Press guidance on the first consultation (draft)',
    title_ko: '제1차 협의 언론 대응 지침(초안)',
    released_on: null,
    adopted_version_id: null,
    ...guard('rok-mofa', 'group'),
  },
  {
    id: 'doc-wg-2018-note',
    wg_id: 'wg-2018',
    kind: 'other',
    title: 'U.S.-ROK Working Group (State Department media note)',
    title_ko: '한미 워킹그룹(미 국무부 미디어 노트)',
    released_on: '2018-11-20',
    adopted_version_id: null,
    ...guard('us-state', 'public'),
  },
];

export const document_versions: DemoScenario['document_versions'] = [
  {
    id: 'dv-jfs-2025-1',
    document_id: 'doc-jfs-2025',
    number: 1,
    created_at: '2025-11-13T17:00:00.000Z',
    note: 'As released (White House Nov 13, 2025 US time; Seoul Nov 14 KST). Clause texts summarise the reported commitments; check the official text before quoting.',
  },
  {
    id: 'dv-press-2025-1',
    document_id: 'doc-press-2025',
    number: 1,
    created_at: '2025-12-15T09:00:00.000Z',
    note: "Demo entry: illustrates a bracketed clause. The consultation's name was disputed; which side proposed which wording is not in the sources.",
  },
  {
    id: 'dv-wg-2018-note-1',
    document_id: 'doc-wg-2018-note',
    number: 1,
    created_at: '2018-11-20T19:00:00.000Z',
    note: 'Paraphrase of the State Department media note of Nov 20, 2018 (world-facts §A1–A2), not its text.',
  },
];

type Clause = DemoScenario['clauses'][number];
const positions = new Map<string, number>();
function c(version_id: string, clause_key: string, track_id: string | null, text_en: string, text_ko: string, status: ClauseStatus = 'agreed'): Clause {
  const position = (positions.get(version_id) ?? 0) + 1;
  positions.set(version_id, position);
  return { id: `cl-${version_id.slice(3)}-${clause_key}`, version_id, position, clause_key, track_id, status, text_en, text_ko };
}
const JFS = 'dv-jfs-2025-1';
const PRESS = 'dv-press-2025-1';
const NOTE = 'dv-wg-2018-note-1';

export const clauses: DemoScenario['clauses'] = [
  c(
    JFS,
    'investment-total',
    'tr-2025-invest',
    'The ROK will invest $350 billion in total: $150 billion in shipbuilding cooperation ("Approved Investments", MASGA) and $200 billion under the MOU on Strategic Investments, in sectors including shipbuilding, energy, semiconductors, pharmaceuticals, critical minerals, and AI and quantum.',
    '한국은 총 3,500억 달러를 투자한다. 조선 협력(MASGA, "승인된 투자")에 1,500억 달러, 전략적 투자에 관한 양해각서에 따라 2,000억 달러이며, 조선, 에너지, 반도체, 의약품, 핵심광물, 인공지능·양자 등의 분야를 포함한다.',
  ),
  c(
    JFS,
    'investment-annual-cap',
    'tr-2025-invest',
    'The ROK will not be required to fund more than $20 billion per calendar year. It may request adjustments if the won is unstable, and the United States will give due consideration in good faith.',
    '한국은 연간 200억 달러를 초과하여 자금을 제공할 의무가 없다. 원화가 불안정할 경우 조정을 요청할 수 있으며, 미국은 이를 선의로 충분히 고려한다.',
  ),
  c(
    JFS,
    'investment-selection',
    'tr-2025-invest',
    'Projects for the $200 billion are to be selected by January 2029 and recommended to the US President by a consultative committee; the ROK transfers funds within 45 days of a decision.',
    '2,000억 달러 투자 사업은 2029년 1월까지 선정되며 협의위원회가 미국 대통령에게 추천한다. 한국은 결정 후 45일 이내에 자금을 송금한다.',
  ),
  c(
    JFS,
    'tariffs',
    'tr-2025-invest',
    'The United States applies a 15% tariff to ROK-originating goods, including autos and auto parts; tariffs on pharmaceuticals are capped at 15%, and semiconductors will be treated no less favorably than under any future deal of similar trade volume.',
    '미국은 자동차 및 부품을 포함한 한국산 제품에 15% 관세를 적용한다. 의약품 관세는 15%를 상한으로 하며, 반도체는 향후 유사한 교역 규모의 어떤 합의보다도 불리하지 않게 대우한다.',
  ),
  c(
    JFS,
    'enrichment',
    'tr-2025-nuclear',
    "Consistent with the bilateral 123 Agreement and subject to US legal requirements, the United States supports the process that will lead to the ROK's civil uranium enrichment and spent fuel reprocessing for peaceful uses.",
    '미국은 한미 원자력협정(123 협정)에 부합하고 미국 법적 요건에 따라, 평화적 이용을 위한 한국의 민간 우라늄 농축 및 사용후핵연료 재처리로 이어질 절차를 지지한다.',
  ),
  c(
    JFS,
    'submarines',
    'tr-2025-alliance',
    'The United States has given approval for the ROK to build nuclear-powered attack submarines, including working on avenues to source fuel.',
    '미국은 한국의 핵추진 공격잠수함 건조를 승인했으며, 연료 조달 방안 마련을 위해 협력한다.',
  ),
  c(
    JFS,
    'alliance-rok',
    'tr-2025-alliance',
    'The ROK will raise its defense spending to 3.5% of GDP as soon as possible, purchase $25 billion of US military equipment by 2030, provide $33 billion in comprehensive support for US Forces Korea, and continue cooperation on the transition of wartime operational control.',
    '한국은 국방비를 가능한 한 조속히 GDP 대비 3.5%로 늘리고, 2030년까지 250억 달러 규모의 미국산 군사 장비를 구매하며, 주한미군에 330억 달러의 포괄적 지원을 제공하고, 전시작전통제권 전환 협력을 지속한다.',
  ),
  c(
    JFS,
    'alliance-us',
    'tr-2025-alliance',
    'The United States reaffirms the continued stationing of US Forces Korea and its extended deterrence commitment, including nuclear capabilities, and cooperation through the Nuclear Consultative Group.',
    '미국은 주한미군의 지속 주둔과 핵 능력을 포함한 확장억제 공약, 그리고 핵협의그룹(NCG)을 통한 협력을 재확인한다.',
  ),
  c(
    JFS,
    'north-korea',
    'tr-2025-nk',
    'The two sides reaffirm their commitment to the complete denuclearization of the DPRK and to peace and stability on the Korean Peninsula, will cooperate to implement the 2018 Singapore Joint Statement, coordinate closely on DPRK policy, and call on the DPRK to return to dialogue and honor its obligations, including abandoning its WMD and ballistic missile programs.',
    '양측은 북한의 완전한 비핵화와 한반도의 평화·안정에 대한 공약을 재확인하고, 2018년 싱가포르 공동성명 이행을 위해 협력하며, 대북정책을 긴밀히 조율하고, 북한이 대화에 복귀하여 대량살상무기 및 탄도미사일 프로그램 포기를 포함한 의무를 이행할 것을 촉구한다.',
  ),
  c(
    PRESS,
    'meeting',
    'tr-2025-nk',
    'Senior officials of the ROK and the United States met in Seoul on December 16, 2025 and held comprehensive discussions on Korean Peninsula issues based on the Joint Fact Sheet.',
    '한미 고위 당국자들은 2025년 12월 16일 서울에서 만나 조인트 팩트시트를 바탕으로 한반도 문제를 포괄적으로 논의했다.',
  ),
  c(PRESS, 'name', 'tr-2025-nk', 'The meeting was the first session of the [NAME OF THE CONSULTATION].', '이번 회의는 [협의 명칭]의 첫 회의였다.', 'bracketed'),
  c(PRESS, 'communication', 'tr-2025-nk', 'The two sides agreed to strengthen communication at all levels.', '양측은 모든 급에서 소통을 강화하기로 했다.'),
  c(
    NOTE,
    'first-meeting',
    'tr-2018-denuc',
    'Special Representative for North Korea Stephen Biegun and ROK Special Representative for Korean Peninsula Peace and Security Affairs Lee Do-hoon co-chaired the first meeting of the U.S.-ROK Working Group in Washington on November 20, 2018.',
    '스티븐 비건 대북특별대표와 이도훈 한반도평화교섭본부장이 2018년 11월 20일 워싱턴에서 한미 워킹그룹 첫 회의를 공동 주재했다.',
  ),
  c(
    NOTE,
    'topics',
    'tr-2018-denuc',
    'The two sides discussed denuclearization and peace, implementation of UN Security Council resolutions, inter-Korean cooperation, and preparation for the US–DPRK high-level talks.',
    '양측은 비핵화와 평화, 유엔 안보리 결의 이행, 남북협력, 북미 고위급회담 준비를 논의했다.',
  ),
];

export const clause_alternatives: DemoScenario['clause_alternatives'] = [
  { id: 'ca-press-2025-name-kr', clause_id: 'cl-press-2025-1-name', party_id: 'KR', text_en: 'ROK–U.S. Consultation on Joint Fact Sheet Implementation', text_ko: '한미 조인트 팩트시트 후속 협의' },
  { id: 'ca-press-2025-name-us', clause_id: 'cl-press-2025-1-name', party_id: 'US', text_en: 'regular ROK–U.S. North Korea policy consultation', text_ko: '한미 대북정책 정례 협의' },
];

export const signoffs: DemoScenario['signoffs'] = [
  { id: 'so-jfs-2025-us', document_id: 'doc-jfs-2025', version_id: JFS, party_id: 'US', signed_at: '2025-11-13T17:00:00.000Z', voided_at: null, voided_reason: null },
  { id: 'so-jfs-2025-kr', document_id: 'doc-jfs-2025', version_id: JFS, party_id: 'KR', signed_at: '2025-11-14T01:00:00.000Z', voided_at: null, voided_reason: null },
];
