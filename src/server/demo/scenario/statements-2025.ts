/**
 * Demo scenario, part 9: statements S28–S40 of world-facts §C (the Nov 2025 Joint Fact Sheet and
 * the December 2025 dispute over the ROK–US consultation).
 */
import { build, type StatementSpec } from './statement-helpers.ts';

const TR = 'English translation of Korean remarks.';
const CG = 'cg-2025';
const IC = 'ic-2026';

const specs: StatementSpec[] = [
  { n: 28, on: '2025-11-14', person: 'lee-jm', org: 'rok-pres', party: 'KR', medium: 'press_briefing', wg: CG,
    quote: 'We\'ve finished preparing the joint fact sheet detailing the agreements reached between our two countries in our two summits',
    url: 'https://www.hani.co.kr/arti/english_edition/e_international/1229321.html', title: 'The Hankyoreh',
    context: `Announcing the Joint Fact Sheet at the Yongsan presidential office (Nov 14, 2025 KST). ${TR}`, issues: [['i-investment', null], ['i-complete-denuc', null]] },
  { n: 29, on: '2025-11-14', person: 'kim-jk', org: 'rok-motie', party: 'KR', medium: 'remarks', wg: CG,
    quote: 'Although the two sides had reached a stalemate at one point as their positions failed to converge, we ultimately arrived at a mutually beneficial agreement …',
    url: 'https://koreajoongangdaily.joins.com/news/2025-11-14/business/industry/Korea-US-ink-350B-investment-MOU-under-trade-deal/2454614', title: 'Korea JoongAng Daily',
    context: `After signing the MOU on Strategic Investment with Commerce Secretary Lutnick. ${TR}`, issues: [['i-investment', 'support'], ['i-tariffs', 'support']] },
  { n: 30, on: '2025-11-13', org: 'us-wh', party: 'US', medium: 'press_release', wg: CG,
    quote: 'The United States has given approval for the ROK to build nuclear-powered attack submarines.',
    url: 'https://www.world-nuclear-news.org/articles/us-affirms-support-for-korean-uranium-enrichment', title: 'World Nuclear News',
    context: 'The White House Joint Fact Sheet (posted Nov 13, 2025, US time); an organisation as the speaker.', issues: [['i-submarines', 'strongly_support']] },
  { n: 31, on: '2025-11-28', person: 'kevin-kim', org: 'us-emb-seoul', party: 'US', medium: 'remarks', wg: null,
    quote: 'America\'s future depends on Korea, and Korea\'s future depends on America',
    url: 'https://allthe.news/sw/articles/acting-us-envoy-keeps-all-options-open-on-north-korea-peace-plan', title: 'allthe.news',
    context: 'Acting US ambassador (chargé d\'affaires a.i.) on the alliance.' },
  { n: 32, on: '2025-12-08', person: 'kevin-kim', org: 'us-emb-seoul', party: 'US', medium: 'remarks', wg: CG,
    quote: 'President Trump and President Lee (Jae Myung) reiterated their commitment to the complete denuclearization of North Korea in the joint fact sheet … That is our Korea policy right now',
    passage: '"President Trump and President Lee (Jae Myung) reiterated their commitment to the complete denuclearization of North Korea in the joint fact sheet," … "That is our Korea policy right now,"',
    url: 'https://www.europesays.com/2620237', title: 'Europe Says',
    context: 'After meeting First Vice FM Park Yoon-joo; the new US National Security Strategy had omitted North Korea. Quote split around the attribution.',
    issues: [['i-complete-denuc', 'strongly_support']] },
  { n: 33, on: '2025-12-15', org: 'rok-mou', party: 'KR', medium: 'press_release', wg: CG,
    quote: 'As it concerns diplomatic issues between South Korea and the United States, the Ministry of Unification has decided not to participate.',
    url: 'https://cm.asiae.co.kr/en/article/2025121516303164596', title: 'Asia Economy',
    context: `MOU press release (Monday afternoon) declining the Dec 16 consultation; it will consult the US separately "if necessary". ${TR}`, issues: [['i-consult-format', 'oppose']] },
  { n: 34, on: '2025-12-15', person: 'chung-dy', org: 'rok-mou', party: 'KR', medium: 'remarks', wg: CG,
    quote: 'reviewing it … after seeing the content',
    passage: 'the ministry was "reviewing it" and would decide "after seeing the content"',
    url: 'https://www.koreaherald.com/article/10636756', title: 'The Korea Herald',
    context: 'Earlier on Dec 15, before the ministry\'s press release; partial quotes inside indirect speech.', issues: [['i-consult-format', 'neutral']] },
  { n: 35, on: '2025-12-15', desc: 'six former unification ministers (joint statement): Lim Dong-won, Jeong Se-hyun, Lee Jae-jung, Cho Myoung-gyon, Kim Yeon-chul, Lee In-young',
    party: 'KR', medium: 'other', wg: CG, owner: 'rok-mou',
    quote: 'While South Korea and the United States must closely consult on North Korea policy, it is not desirable to do so through the same working group approach as in the past.',
    url: 'https://cm.asiae.co.kr/en/article/2025121510425299840', title: 'Asia Economy',
    context: `Joint statement "We Oppose a Second U.S.-South Korea Working Group" (Monday, Dec 15, 2025). ${TR}`, issues: [['i-consult-format', 'strongly_oppose']] },
  { n: 36, on: '2025-12-15', person: 'kang-yj', org: 'rok-pres', party: 'KR', medium: 'press_briefing', wg: null,
    quote: 'slightly different opinions … difficult to describe the situation as conflict at this point',
    passage: 'even if there are "slightly different opinions," it is "difficult to describe the situation as conflict at this point."',
    url: 'https://post-huff.com/south-korea-denies-rift-over-unification-ministrys-u-s-talks.html', title: 'UPI translation of Asia Today (via post-huff.com)',
    context: `Presidential spokesperson denying a conflict between MOU and MOFA; partial quotes. ${TR}`, issues: [['i-one-voice', 'support'], ['i-consult-format', null]] },
  { n: 37, on: '2025-12-16', desc: 'unnamed source familiar with the situation', party: null, medium: 'other', wg: null, owner: 'rok-nso',
    quote: 'The NSC told the Foreign Ministry and Unification Ministry to be careful that no divisions appear in public',
    url: 'https://koreajoongangdaily.joins.com/news/2025-12-16/national/northKorea/Unification-Ministrys-absence-at-South-KoreaUS-talks-raises-questions-on-government-coordination-efforts/2479269', title: 'Korea JoongAng Daily',
    context: 'The NSC summoned senior officials of both ministries on Dec 16, 2025.', issues: [['i-one-voice', 'support']] },
  { n: 38, on: '2025-12-19', person: 'cho-hyun', org: 'rok-mofa', party: 'KR', medium: 'remarks', wg: IC,
    quote: 'It is not that there are no differences of opinion, but our goal is the same. Only our methodologies differ.',
    url: 'https://cm.asiae.co.kr/en/article/2025121916090349706', title: 'Asia Economy',
    context: `At the ministries' policy briefings to President Lee, who ordered a security ministerial meeting of MOFA, MOU and MND. ${TR}`, issues: [['i-one-voice', 'support']] },
  { n: 39, on: '2025-12-19', person: 'chung-dy', org: 'rok-mou', party: 'KR', medium: 'remarks', wg: IC,
    quote: 'There are some arguments calling for the strengthening of sanctions on North Korea, but, realistically, sanctions against Pyongyang have lost their effectiveness',
    url: 'https://allthe.news/fil/articles/unification-minister-vows-to-lead-policy-on-north-korea', title: 'Yonhap (via allthe.news)',
    context: `Unification Minister at the policy briefing to President Lee. ${TR}`, issues: [['i-sanctions-effect', 'strongly_oppose']] },
  { n: 40, on: '2025-12-24', person: 'wi-sl', org: 'rok-nso', party: 'KR', medium: 'remarks', wg: IC,
    quote: 'I think it is better not to show a confusing image externally.',
    url: 'https://biz.chosun.com/en/en-policy/2025/12/24/ARSJGKEXPRGFVOT74HRNNCR2TQ/?outputType=amp', title: 'Chosun Biz',
    context: `Back from the US, Canada and Japan: partners ask which position is official; the NSC will coordinate so the government speaks with "one voice". ${TR}`,
    issues: [['i-one-voice', 'strongly_support']] },
];

export const { statements: statements2025, links: statementIssues2025 } = build(specs);
