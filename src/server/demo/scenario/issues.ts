/**
 * Demo scenario, part 4: the issues each group works on, by track, with Korean titles and the
 * keywords the statement extractor uses to suggest issues.
 */
import type { DemoScenario } from '../types.ts';
import { guard } from './reference.ts';

type Issue = DemoScenario['issues'][number];
const owner: Record<string, string> = { 'wg-2018': 'rok-mofa', 'cg-2025': 'rok-mofa', 'ic-2026': 'rok-mou' };

function i(id: string, wg_id: string, track_id: string, title: string, title_ko: string, description: string, keywords: string[], scope: 'group' | 'public' = 'group'): Issue {
  return { id, wg_id, track_id, code: id.slice(2), title, title_ko, description, keywords: JSON.stringify(keywords), ...guard(owner[wg_id], scope) };
}

export const issues: DemoScenario['issues'] = [
  // wg-2018: the historical record is public.
  i(
    'i-sequencing',
    'wg-2018',
    'tr-2018-denuc',
    'Pace of inter-Korean cooperation relative to denuclearization',
    '비핵화 대비 남북협력의 속도',
    'Whether inter-Korean ties may move ahead of progress on denuclearization (Pompeo, Nov 20, 2018: they must not "lag behind"). ' +
      'Stance: support = inter-Korean cooperation may advance in parallel; oppose = it must not outpace denuclearization.',
    ['inter-Korean', 'denuclearization', 'lagging behind', 'parallel', 'tandem', 'outpace'],
    'public',
  ),
  i(
    'i-us-dprk-talks',
    'wg-2018',
    'tr-2018-denuc',
    'Preparation of US–DPRK high-level talks',
    '북미 고위급회담 준비',
    'Coordination before US–DPRK talks, and strategy after the Hanoi summit collapse (Feb 2019).',
    ['high-level talks', 'Hanoi', 'summit', 'dialogue', 'Pyongyang'],
    'public',
  ),
  i(
    'i-rail-exemption',
    'wg-2018',
    'tr-2018-sanctions',
    'Sanctions exemption for the inter-Korean rail and road reconnection',
    '남북 철도·도로 연결 사업의 제재 면제',
    'Whether the joint rail survey and the groundbreaking ceremony need, and get, a 1718 Committee exemption.',
    ['rail', 'railway', 'road', 'survey', 'groundbreaking', 'exemption', 'Gyeongui', 'Donghae'],
    'public',
  ),
  i(
    'i-exemption-process',
    'wg-2018',
    'tr-2018-sanctions',
    'Sanctions review of equipment taken into the North',
    '대북 반출 장비의 제재 검토',
    "Case-by-case review of goods and equipment (survey and mine-clearance equipment, cameras, reporters' laptops).",
    ['equipment', 'laptops', 'sanctions', 'review', 'exemption', 'UN Command'],
    'public',
  ),
  i(
    'i-inter-korean-projects',
    'wg-2018',
    'tr-2018-inter',
    'Inter-Korean cooperation projects',
    '남북 협력사업',
    'Joint excavations, Kaesong complex visits, individual tourism and other projects reviewed through the group.',
    ['Kaesong', 'Manwoldae', 'excavation', 'tourism', 'Mt Kumgang', 'cooperation'],
    'public',
  ),
  i(
    'i-tourism',
    'wg-2018',
    'tr-2018-inter',
    'Individual tourism to North Korea',
    '북한 개별관광',
    "President Moon's proposal of Jan 14, 2020 and whether it should be consulted with the US via the group.",
    ['tourism', 'individual tourism', 'sovereignty'],
    'public',
  ),
  i(
    'i-wg-operation',
    'wg-2018',
    'tr-2018-inter',
    'Operation of the working group',
    '워킹그룹 운영',
    'Whether the group helped or held back inter-Korean relations; calls to reorganise ("working group 2.0") or disband it; termination in June 2021. ' +
      'Stance: support = keep the group operating as it is; oppose = reorganise, disband or terminate it.',
    ['working group', 'terminate', 'disband', 'reorganize', 'operation', 'flunkeyism'],
    'public',
  ),
  i(
    'i-tamiflu',
    'wg-2018',
    'tr-2018-humanitarian',
    'Supply of Tamiflu and flu test kits to North Korea',
    '대북 타미플루·진단키트 지원',
    '200,000 doses and 50,000 test kits; agreed in the group but never delivered.',
    ['Tamiflu', 'influenza', 'flu', 'test kits', 'humanitarian'],
    'public',
  ),
  i(
    'i-video-reunions',
    'wg-2018',
    'tr-2018-humanitarian',
    'Video reunions of separated families',
    '이산가족 화상상봉',
    'Exemption for fiber-optic cables, screens and cameras; exemption granted Mar 2019 but the reunions were never held.',
    ['video reunions', 'separated families', 'Red Cross', 'fiber-optic', 'screens'],
    'public',
  ),
  // cg-2025
  i(
    'i-consult-format',
    'cg-2025',
    'tr-2025-nk',
    'Format and name of the ROK–US North Korea policy consultation',
    '한미 대북정책 협의의 형식과 명칭',
    'Whether the follow-up channel is a "regular North Korea policy consultation" (feared as a "second working group") or a fact-sheet follow-up; MOU declined to take part. ' +
      'Stance: support = a regular ROK–US consultation on North Korea policy; oppose = no working-group-style channel.',
    ['second working group', 'working group', 'consultation', 'name', 'not to participate', 'fact sheet'],
    'public',
  ),
  i(
    'i-complete-denuc',
    'cg-2025',
    'tr-2025-nk',
    'Complete denuclearization of the DPRK',
    '북한의 완전한 비핵화',
    'Joint Fact Sheet: complete denuclearization; implement the 2018 Singapore Joint Statement; close coordination on DPRK policy.',
    ['complete denuclearization', 'Singapore', 'joint fact sheet', 'Korea policy'],
  ),
  i(
    'i-denuc-dialogue',
    'cg-2025',
    'tr-2025-nk',
    'DPRK return to dialogue',
    '북한의 대화 복귀',
    'Calling on the DPRK to return to dialogue; the ROK as "pacemaker" before a US–China summit.',
    ['dialogue', 'return to dialogue', 'pacemaker', 'window of opportunity'],
    'public',
  ),
  i(
    'i-us-coordination',
    'cg-2025',
    'tr-2025-nk',
    'Close coordination with the US on North Korea policy',
    '대북정책에 관한 한미 간 긴밀한 조율',
    'Joint Fact Sheet: close coordination on DPRK policy. The Unification Ministry, declining the Dec 16 consultation, said it remains in close coordination with ' +
      'the relevant ministries and the US and will consult the US separately "if necessary".',
    ['close coordination', 'coordination', 'relevant ministries', 'consult separately'],
    'public',
  ),
  i(
    'i-submarines',
    'cg-2025',
    'tr-2025-alliance',
    'ROK nuclear-powered attack submarines',
    '한국의 핵추진 공격잠수함',
    'US approval for the ROK to build nuclear-powered attack submarines; fuel sourcing; build location unspecified.',
    ['submarines', 'nuclear-powered', 'fuel', 'Philadelphia'],
  ),
  i(
    'i-alliance-burden',
    'cg-2025',
    'tr-2025-alliance',
    'ROK defence spending and support for USFK',
    '한국 국방비와 주한미군 지원',
    '3.5% of GDP; $25B of US military equipment by 2030; $33B comprehensive support for USFK; OPCON transition.',
    ['defense spending', '3.5%', 'USFK', 'OPCON', 'extended deterrence'],
  ),
  i(
    'i-enrichment',
    'cg-2025',
    'tr-2025-nuclear',
    'ROK civil uranium enrichment and spent fuel reprocessing',
    '한국의 민간 우라늄 농축 및 사용후핵연료 재처리',
    'US support for the process leading to ROK enrichment and reprocessing, consistent with the 123 Agreement.',
    ['enrichment', 'reprocessing', '123 Agreement', 'spent fuel'],
  ),
  i(
    'i-investment',
    'cg-2025',
    'tr-2025-invest',
    'ROK strategic investment in the US ($350B)',
    '대미 전략적 투자(3,500억 달러)',
    '$150B shipbuilding plus $200B under the MOU on Strategic Investment; $20B annual cap; project selection by Jan 2029.',
    ['investment', 'shipbuilding', 'MASGA', '$350 billion', 'MOU'],
  ),
  i(
    'i-tariffs',
    'cg-2025',
    'tr-2025-invest',
    'US tariffs on ROK goods',
    '한국산 제품에 대한 미국 관세',
    '15% reciprocal tariff; autos and parts 15%; pharmaceuticals capped at 15%; chips no less favorable.',
    ['tariff', 'autos', 'semiconductors', 'pharmaceuticals'],
  ),
  // ic-2026: an ROK-internal group
  i(
    'i-sanctions-effect',
    'ic-2026',
    'tr-2026-nkpolicy',
    'Effectiveness of sanctions on North Korea',
    '대북제재의 실효성',
    'Whether sanctions still work (Chung Dong-young, Dec 19, 2025: they "have lost their effectiveness"). ' +
      'Stance: support = sanctions remain effective and should be kept; oppose = they have lost their effect.',
    ['sanctions', 'effectiveness', 'lost their bite', 'strengthening of sanctions'],
  ),
  i(
    'i-ic-us-channel',
    'ic-2026',
    'tr-2026-nkpolicy',
    'Taking part in the ROK–US consultation on the Joint Fact Sheet',
    '한미 조인트 팩트시트 후속 협의 참여',
    'Whether the ministry takes part in the ROK–US consultation first held on Dec 16, 2025 (MOFA led it; MOU declined, Dec 15). ' +
      'Stance: support = take part; oppose = stay out and consult the US separately.',
    ['participate', 'not to participate', 'consultation', 'fact sheet', 'second working group'],
  ),
  i(
    'i-ic-dialogue',
    'ic-2026',
    'tr-2026-nkpolicy',
    'Bringing North Korea back to dialogue',
    '북한의 대화 복귀 유도',
    'Chung Dong-young, Nov 25, 2025: a "window of opportunity" before the US President\'s April visit to China, the ROK as "pacemaker"; ' +
      'the Joint Fact Sheet calls on the DPRK to return to dialogue.',
    ['dialogue', 'pacemaker', 'window of opportunity', 'return to dialogue'],
  ),
  i(
    'i-ic-us-coordination',
    'ic-2026',
    'tr-2026-nkpolicy',
    'Close coordination with the US on North Korea policy',
    '대북정책에 관한 한미 간 긴밀한 조율',
    'Joint Fact Sheet: close coordination on DPRK policy; MOU (Dec 15, 2025): in close coordination with the relevant ministries and the US.',
    ['close coordination', 'coordination', 'relevant ministries'],
  ),
  i(
    'i-one-voice',
    'ic-2026',
    'tr-2026-nkpolicy',
    'Speaking with one voice on North Korea policy',
    '대북정책의 정부 단일 메시지',
    "Keeping ministries' differences out of public view (NSC instruction, Dec 16, 2025; Wi Sung-lac, Dec 24, 2025).",
    ['one voice', 'divisions', 'confusing image', 'methodologies'],
  ),
];
