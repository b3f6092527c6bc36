/**
 * Korean language pack for the statement extractor: the conventions of Korean news prose and of
 * the ministries' own briefings.
 *
 * - Direct quotes in “ ” / " " (or ‘ ’ / ' ' in headlines) followed by a quotative particle
 *   (라고, 이라고, 고, 라며, 며, 라면서 …) and a reporting verb: "…"고 말했다.
 * - Indirect speech: a clause ending in -다고/-라고/-냐고/-자고 (or -다며 …) and a reporting verb:
 *   …참석하지 않기로 했다고 밝혔다.
 * - Speakers before the statement with a topic/subject particle (정동영 통일부 장관은, 통일부가) or
 *   between the statement and the verb ("…"라고 정 장관은 말했다); titles follow names.
 * - Verbs that report no statement (알려졌다, 전해졌다, 전망이다, 분석이 나온다) are not cues.
 *
 * The Korean engine (../korean.ts) reads the `korean` block; the shared fields (quote marks,
 * countries, organisation synonyms, stop words) serve resolution and evaluation as for English.
 */
import type { KoreanRules, LanguagePack } from '../types.ts';

/**
 * Reporting verbs by stem, as [past stem, adnominal, connective]: 밝혔(다) / 밝힌 / 밝히며.
 * The engine accepts the past stem with any ending (밝혔다, 밝혔습니다, 밝혔으며, 밝혔고), the
 * adnominal before 바/것 (강조한 바 있다, 말한 것으로), and the connective forms (밝히며, 밝히면서).
 */
const hada = (...stems: string[]): Array<[string, string, string]> => stems.map((s) => [`${s}했`, `${s}한`, `${s}하며`]);

const reportingVerbStems: Array<[string, string, string]> = [
  ['밝혔', '밝힌', '밝히며'],
  ['덧붙였', '덧붙인', '덧붙이며'],
  ['물었', '물은', '물으며'],
  ['전했', '전한', '전하며'],
  ['말했', '말한', '말하며'],
  ['답했', '답한', '답하며'],
  ['내비쳤', '내비친', '내비치며'],
  ['털어놨', '털어놓은', '털어놓으며'],
  ['꼬집었', '꼬집은', '꼬집으며'],
  ['못박았', '못박은', '못박으며'],
  ['되물었', '되물은', '되물으며'],
  ['알렸', '알린', '알리며'],
  ...hada(
    '설명', '강조', '언급', '지적', '주장', '해명', '반박', '부인', '촉구', '당부', '요구', '요청', '제안', '발표', '답변', '토로', '피력', '시사', '소개', '보고',
    '확인', '재확인', '경고', '비판', '일축', '전망', '평가', '예상', '우려', '반발', '역설', '거론', '공지', '브리핑', '논평', '표명', '선언', '공언', '약속', '다짐',
    '말씀', '귀띔', '전언', '예고', '호소', '권고', '제기',
  ),
];

/** A few verbs may also stand after a quotative particle alone ("…"라고 했다): 했다 = said. */
const bareSaid = ['했다', '했습니다', '했고', '했으며', '하며', '하면서', '했다며'];

const rules: KoreanRules = {
  reportingVerbStems,
  bareSaid,
  // Quotative particles right after a closing quotation mark, longest first.
  quoteParticles: ['이라고', '라고', '이라며', '라며', '이라면서', '라면서', '이라는', '라는', '고', '며', '면서'],
  // Endings of an unquoted clause that mark it as reported speech, longest first. `strip` is what
  // to cut off to get the reported clause back (했다고 → 했다, 것이라고 → 것).
  indirectEndings: [
    { ending: '이라고', strip: 3 },
    { ending: '다고', strip: 1 },
    { ending: '라고', strip: 1 },
    { ending: '냐고', strip: 1 },
    { ending: '자고', strip: 1 },
    { ending: '다며', strip: 1 },
    { ending: '라며', strip: 1 },
    { ending: '냐며', strip: 1 },
    { ending: '다면서', strip: 2 },
    { ending: '라면서', strip: 2 },
  ],
  // Particle-connected quotations that continue to a later verb ("…"라며 "…"고 말했다).
  connectiveParticles: ['이라며', '라며', '이라면서', '라면서', '며', '면서', '다며', '라며', '냐며', '다면서', '라면서'],
  // Topic and subject particles that close a speaker phrase.
  subjectParticles: ['은', '는', '이', '가', '께서', '측은', '측도', '도'],
  // Predicates that report no statement, or report one without a speaker.
  nonStatementPredicates: ['알려졌다', '알려졌습니다', '전해졌다', '전해졌습니다', '전망이다', '관측이다', '보인다', '보여진다', '예상된다', '분석된다', '풀이된다', '해석된다', '한다', '했다는 후문이다', '전언이다'],
  // Noun + 나온다/제기된다: "분석이 나온다", "지적이 나온다" — commentary, not a statement.
  nonStatementNouns: ['분석이', '지적이', '관측이', '전망이', '평가가', '목소리가', '우려가', '비판이', '주장이', '해석이', '얘기가', '이야기가', '말이', '지적도', '분석도', '관측도', '우려도', '비판도', '목소리도', '평가도', '전망도'],
  nonStatementVerbs: ['나온다', '나왔다', '제기된다', '제기됐다', '커지고', '많다', '적지'],
  // Role nouns (head of a title); longer first. Titles follow names: 정동영 통일부 장관.
  roleNouns: [
    '대통령', '국무총리', '총리', '부총리', '장관', '차관', '제1차관', '제2차관', '차관보', '부차관보', '대변인', '부대변인', '국가안보실장', '안보실장', '실장', '차장', '본부장', '대표', '특별대표', '특사',
    '대사대리', '대사', '공사', '총영사', '국장', '심의관', '과장', '위원장', '부위원장', '의장', '의원', '수석', '비서관', '비서실장', '정책실장', '청장', '원장', '처장', '국무장관', '부장관',
    '부통령', '보좌관', '안보보좌관', '조정관', '단장', '부장', '주석', '국무위원장', '부부장', '당 부부장', '위원', '사무총장', '고문', '상임위원', '관장',
  ],
  // Heads of unnamed sources: 정부 관계자, 외교부 당국자, 여권 핵심 관계자, 소식통.
  anonymousHeads: ['관계자', '당국자', '소식통', '관리', '인사', '측근', '고위 관계자', '고위 당국자', '핵심 관계자'],
  // Organisation heads (also as suffixes of one word: 통일부, 국가안보실, 백악관).
  organisations: [
    '통일부', '외교부', '국방부', '대통령실', '청와대', '국가안보실', '안보실', '국가안전보장회의', '국무부', '미 국무부', '백악관', '국방성', '펜타곤', '주한미국대사관', '주한 미국대사관',
    '미국대사관', '대사관', '정부', '우리 정부', '한국 정부', '미 정부', '미국 정부', '북한', '노동당', '조선중앙통신', '산업통상부', '산업통상자원부', '국토교통부', '기획재정부', '여당', '야당',
    '더불어민주당', '민주당', '국민의힘', '국회', '외교통상부', 'NSC', '유엔군사령부', '유엔사', '대한적십자사', '적십자사',
  ],
  organisationSuffixes: ['부', '실', '청', '처', '원', '관', '위원회', '회의', '사령부', '공사', '재단', '연구원', '대사관', '당'],
  // Title words that fuse an organisation and a role: 국가안보실장 = 국가안보실 + 실장.
  fusedRoles: [
    ['국가안보실장', '국가안보실', '실장'],
    ['안보실장', '국가안보실', '실장'],
    ['국가안보실 차장', '국가안보실', '차장'],
    ['국무장관', '국무부', '장관'],
    ['국무부 장관', '국무부', '장관'],
    ['통일부장관', '통일부', '장관'],
    ['외교부장관', '외교부', '장관'],
    ['대통령실 대변인', '대통령실', '대변인'],
    ['미국대사대리', '주한 미국대사관', '대사대리'],
    ['미국대사', '주한 미국대사관', '대사'],
    ['대북정책특별대표', '국무부', '특별대표'],
    ['한반도평화교섭본부장', '외교부', '한반도평화교섭본부장'],
  ],
  // Words that qualify a title or an organisation without being a name.
  modifiers: ['주한', '미', '미국', '한국', '북한', '일본', '중국', '전', '현', '신임', '초대', '대북', '고위', '핵심', '여권', '야권', '정부', '정치권', '외교', '안보', '대통령', '당시', '현직', '전직', '한', '다른', '또', '또다른', '복수의', '일부', '외교가', '워싱턴', '통일', '국방', '공동'],
  // Back-references to a person: 그는, 그녀는, 이 관계자는, 이 당국자는.
  personPronouns: ['그', '그녀', '그는', '그녀는', '그가', '그녀가', '그도', '그녀도'],
  demonstratives: ['이', '해당', '같은', '그'],
  // Adverbials that may open a sentence before the speaker: 한편, 앞서, 이어, 또.
  leadingAdverbials: ['한편', '앞서', '이어', '이어서', '또', '또한', '특히', '다만', '그러면서', '이에', '이에 대해', '이와 관련해', '이와', '관련해', '아울러', '반면', '하지만', '그러나', '이날', '당시', '최근', '지난해', '올해', '같은', '날', '오전', '오후', '이후', '그런데', '게다가', '실제로', '실제', '결국', '끝으로', '마지막으로'],
  // Adjunct tokens between a speaker and a statement (time, place, audience): stripped from indirect content.
  adjunctPatterns: ['^\\d+일(에도|에는|에|엔)?$', '^\\d+월$', '^(이날|오전|오후|앞서|같은|날|지난|최근|당시|이어|또|거듭|재차|직접|공식|공개적으로|별도로|이후)$', '^(현지시간|현지\\s?시간)\\)?$', '에서$', '에게$', '에게도$', '한테$', '^기자들과$', '^기자들을$', '^취재진과$', '^취재진에게$', '^만나$', '^만난$', '^통해$', '^뒤$', '^후$', '^직후$', '^열린$', '^가진$', '^출연해$', '^인터뷰에서$', '^\\(.*\\)$'],
  // Words before a name that are never part of it.
  nonNameWords: ['이', '그', '한', '또', '이날', '앞서', '한편', '당시', '지난', '같은', '전', '현', '이번', '해당', '다른', '대해', '관련해', '대한', '정부', '측', '양측', '양국', '우리', '저희'],
  // Korean roles in English, for matching directory titles.
  roleGlossary: {
    장관: 'minister', 차관: 'vice minister', 제1차관: 'first vice minister', 대변인: 'spokesperson', 부대변인: 'deputy spokesperson', 실장: 'director adviser', 국가안보실장: 'national security adviser director',
    대통령: 'president', 대사: 'ambassador', 대사대리: "chargé d'affaires acting ambassador", 특별대표: 'special representative', 본부장: 'special representative', 한반도평화교섭본부장: 'special representative korean peninsula peace',
    국무장관: 'secretary of state', 국장: 'director-general', 위원장: 'chairman', 총리: 'prime minister', 부장관: 'deputy secretary',
  },
};

export const ko: LanguagePack = {
  code: 'ko',
  quotePairs: [
    ['“', '”'],
    ['"', '"'],
    ['‘', '’'],
    ["'", "'"],
    ['「', '」'],
    ['『', '』'],
  ],
  reportingVerbs: reportingVerbStems.flatMap(([p, a, c]) => [`${p}다`, a, c]),
  continuationParticiples: [],
  ambiguousVerbForms: [],
  auxiliaries: [],
  passiveMarkers: [],
  subordinators: [],
  complementBreakers: [],
  reportingNouns: ['입장', '뜻', '취지', '발표', '발언'],
  complementisers: [],
  accordingTo: ['에 따르면'],
  quotedAs: [],
  audiences: ['기자들', '취재진'],
  attributionPatterns: { quoteThenAttribution: true, attributionThenQuote: true, speakerCueClause: true, clauseThenAttribution: true, colonQuote: false, possessiveNoun: false },
  abbreviations: [],
  ambiguousAbbreviations: [],
  sentenceStarters: [],
  roleNouns: rules.roleNouns,
  roleModifiers: ['전', '현', '신임', '수석', '제1', '제2'],
  organisationHeads: rules.organisationSuffixes,
  organisationWords: [],
  knownOrganisations: rules.organisations,
  countries: {
    US: ['미국', '미', '워싱턴', '미 정부', '미국 정부'],
    ROK: ['한국', '대한민국', '우리 정부', '한국 정부', '서울'],
    DPRK: ['북한', '북', '평양', '북한 당국'],
    JP: ['일본', '도쿄'],
    CN: ['중국', '베이징'],
    UN: ['유엔', '국제연합'],
  },
  nationalityAdjectives: ['미', '미국', '한국', '북한', '일본', '중국', '주한'],
  mediaOutlets: ['연합뉴스', 'kbs', 'mbc', 'sbs', 'jtbc', 'ytn', '한겨레', '조선일보', '중앙일보', '동아일보', '경향신문', '뉴스1', '뉴시스', '아시아투데이', '조선중앙통신', 'cnn', 'ap', '로이터', 'afp', 'nhk'],
  anonymityCues: ['익명을 요구한', '익명을 전제로', '익명을 요청한', '이름을 밝히지 않은'],
  anonymousHeads: rules.anonymousHeads,
  indefiniteDeterminers: ['한', '다른', '복수의', '일부'],
  pronouns: { person: ['그', '그녀'], organisation: [], plural: ['이들', '그들'], possessive: [] },
  adjunctStarters: [],
  leadingAdverbials: rules.leadingAdverbials,
  nonNameWords: rules.nonNameWords,
  roleOrganisationHints: rules.fusedRoles.map(([title, org]) => [title, org] as const),
  organisationSynonyms: [
    ['대통령실', '용산 대통령실', '청와대'],
    ['통일부', '통일 부'],
    ['외교부', '외교통상부'],
    ['국가안보실', '안보실', '국가안전보장회의', 'nsc'],
    ['국무부', '미 국무부', '미국 국무부'],
    ['주한 미국대사관', '주한미국대사관', '미국대사관'],
  ],
  stopwords: ['그리고', '그러나', '하지만', '또', '및', '등', '것', '수', '이', '그', '저', '있다', '없다', '했다', '밝혔다', '말했다', '위해', '대해', '통해', '관련', '이번', '지난', '오는'],
  korean: rules,
};
