/**
 * Demo scenario, part 2: people, their name variants (world-facts §F) and dated roles (§E).
 * Dates known only to the month or year are stored as the first (or last) day of that period.
 * A role is an office held between its dates: a statement counts as the government's voice only
 * when its speaker held one on the day (docs/message-discipline.md, "Speakers in their time").
 */
import type { DemoScenario } from '../types.ts';

type Person = DemoScenario['people'][number];
const p = (id: string, name: string, name_ko: string | null, party_id: string | null): Person => ({ id, name, name_ko, party_id });

export const people: DemoScenario['people'] = [
  // §E
  p('lee-dohoon', 'Lee Do-hoon', '이도훈', 'KR'),
  p('biegun', 'Stephen Biegun', '스티븐 비건', 'US'),
  p('rhee-dongyeol', 'Rhee Dong-yeol', '이동렬', 'KR'),
  p('wong', 'Alex Wong', '알렉스 웡', 'US'),
  p('pompeo', 'Mike Pompeo', '마이크 폼페이오', 'US'),
  p('palladino', 'Robert Palladino', '로버트 팔라디노', 'US'),
  p('cho-mg', 'Cho Myoung-gyon', '조명균', 'KR'),
  p('baik-th', 'Baik Tae-hyun', '백태현', 'KR'),
  p('noh-kd', 'Noh Kyu-duk', '노규덕', 'KR'),
  p('sung-kim', 'Sung Kim', '성 김', 'US'),
  p('lee-iy', 'Lee In-young', '이인영', 'KR'),
  p('harris', 'Harry Harris', '해리 해리스', 'US'),
  p('lee-jm', 'Lee Jae-myung', '이재명', 'KR'),
  p('kang-yj', 'Kang Yu-jung', '강유정', 'KR'),
  p('wi-sl', 'Wi Sung-lac', '위성락', 'KR'),
  p('cho-hyun', 'Cho Hyun', '조현', 'KR'),
  p('chung-dy', 'Chung Dong-young', '정동영', 'KR'),
  p('kim-nj', 'Kim Nam-jung', '김남중', 'KR'),
  p('jeong-yd', 'Jeong Yeon-doo', '정연두', 'KR'),
  p('kevin-kim', 'Kevin Kim', '케빈 김', 'US'),
  p('kim-jk', 'Kim Jung-kwan', '김정관', 'KR'),
  p('lutnick', 'Howard Lutnick', '하워드 러트닉', 'US'),
  // statement speakers and meeting leads not listed in §E
  p('kang-kw', 'Kang Kyung-wha', '강경화', 'KR'),
  p('choi-ys', 'Choi Young-sam', '최영삼', 'KR'),
  p('lee-sm', 'Lee Sang-min', '이상민', 'KR'),
  p('kim-hm', 'Kim Hyun-mee', '김현미', 'KR'),
  p('park-ks', 'Park Kyung-seo', '박경서', 'KR'),
  p('jeong-sh', 'Jeong Se-hyun', '정세현', 'KR'),
  p('lim-dw', 'Lim Dong-won', '임동원', 'KR'),
  p('kim-yj', 'Kim Yo-jong', '김여정', 'KP'),
  p('lim-ks', 'Lim Kap-soo', '임갑수', 'KR'),
  p('jung-pak', 'Jung Pak', '정 박', 'US'),
  p('choi-jk', 'Choi Jong-kun', '최종건', 'KR'),
  p('hooker', 'Allison Hooker', '앨리슨 후커', 'US'),
  p('lambert', 'Mark Lambert', '마크 램버트', 'US'),
  p('cintron', 'Dan Cintron', null, 'US'),
  p('baek-yj', 'Baek Yong-jin', null, 'KR'),
];

type Alias = DemoScenario['person_aliases'][number];
const a = (person_id: string, alias: string, kind = 'romanization'): Alias => ({ id: `al-${person_id}-${alias.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`, person_id, alias, kind });

export const person_aliases: DemoScenario['person_aliases'] = [
  a('rhee-dongyeol', 'Lee Dong-yeol'),
  a('rhee-dongyeol', 'Rhee Dong-reol'),
  a('rhee-dongyeol', 'Lee Dong-ryeol'),
  a('jeong-yd', 'Jung Yeon-doo'),
  a('jeong-yd', 'Jeong Yeon-du'),
  a('jeong-yd', 'Jung Yeondu'),
  a('jeong-yd', 'Chong Jae-yeon', 'misspelling'),
  a('cho-mg', 'Cho Myung-gyon'),
  a('cho-mg', 'Cho Myung-kyun'),
  a('chung-dy', 'Jeong Dong-young'),
  a('wi-sl', 'Wi Sunglak'),
  a('cintron', 'Dan Chitron', 'misspelling'),
  a('lim-dw', 'Im Dong-won'),
  a('lee-jm', 'Lee Jae Myung'),
  a('jung-pak', 'Jong-bak', 'misspelling'),
];

type Role = DemoScenario['person_roles'][number];
let n = 0;
const r = (person_id: string, organisation_id: string, title: string, title_ko: string | null, valid_from: string | null = null, valid_to: string | null = null): Role => ({
  id: `pr-${person_id}-${++n}`,
  person_id,
  organisation_id,
  title,
  title_ko,
  valid_from,
  valid_to,
});

export const person_roles: DemoScenario['person_roles'] = [
  r('lee-dohoon', 'rok-mofa', 'Special Representative for Korean Peninsula Peace and Security Affairs', '한반도평화교섭본부장', '2018-01-01', '2020-12-31'),
  r('biegun', 'us-state', 'Special Representative for North Korea', '대북특별대표', '2018-08-01'),
  r('biegun', 'us-state', 'Deputy Secretary of State', '국무부 부장관', '2019-12-01'),
  r('rhee-dongyeol', 'rok-mofa', 'Director-General, Korean Peninsula Peace Regime Bureau', '한반도평화체제국장'),
  r('wong', 'us-state', 'Deputy Assistant Secretary for North Korea', '북한 담당 부차관보'),
  r('pompeo', 'us-state', 'Secretary of State', '국무장관'),
  r('palladino', 'us-state', 'Deputy Spokesperson', '부대변인'),
  r('cho-mg', 'rok-mou', 'Minister of Unification', '통일부 장관', null, '2019-12-31'),
  r('baik-th', 'rok-mou', 'Spokesperson', '대변인'),
  r('noh-kd', 'rok-mofa', 'Spokesman', '대변인', '2019-01-01', '2019-12-31'),
  r('noh-kd', 'rok-mofa', 'Special Representative for Korean Peninsula Peace and Security Affairs', '한반도평화교섭본부장', '2021-06-01'),
  r('sung-kim', 'us-state', 'Special Representative for North Korea', '대북특별대표', '2021-06-01'),
  // In office from July 2020 (§E); the sources give no end, but by 2025-11-25 the office was Chung
  // Dong-young's (§B3) and on 2025-12-15 Lee signed as a former minister (S35): the role is closed
  // the day before the first date the sources show it held by another.
  r('lee-iy', 'rok-mou', 'Minister of Unification', '통일부 장관', '2020-07-01', '2025-11-24'),
  r('harris', 'us-emb-seoul', 'Ambassador', '주한미국대사'),
  r('lee-jm', 'rok-pres', 'President', '대통령', '2025-06-01'),
  r('kang-yj', 'rok-pres', 'Spokesperson', '대변인'),
  r('wi-sl', 'rok-nso', 'National Security Adviser / Director', '국가안보실장'),
  // Ministers of the government that took office in June 2025 (§E: President Lee from 2025-06);
  // the sources give no exact date of appointment, so the month stands for it.
  r('cho-hyun', 'rok-mofa', 'Minister of Foreign Affairs', '외교부 장관', '2025-06-01'),
  r('chung-dy', 'rok-mou', 'Minister of Unification', '통일부 장관', '2025-06-01'),
  r('kim-nj', 'rok-mou', 'Vice Minister', '차관', '2025-06-01'),
  r('jeong-yd', 'rok-mofa', 'Vice Minister / DG for Diplomatic Strategy and Intelligence (title varies by source)', '외교전략정보본부장'),
  r('kevin-kim', 'us-emb-seoul', "Chargé d'affaires a.i. / acting ambassador", '대사대리', '2025-10-27'),
  r('kim-jk', 'rok-motie', 'Minister', '장관'),
  r('lutnick', 'us-doc', 'Secretary of Commerce', '상무장관'),
  // Foreign Minister in 2020 (S23); closed when the office passed to Cho Hyun (June 2025, above).
  r('kang-kw', 'rok-mofa', 'Minister of Foreign Affairs', '외교부 장관', null, '2025-05-31'),
  r('choi-ys', 'rok-mofa', 'Spokesman', '대변인'),
  r('lee-sm', 'rok-mou', 'Spokesperson', '대변인'),
  r('kim-hm', 'rok-molit', 'Minister of Land, Infrastructure and Transport', '국토교통부 장관'),
  r('park-ks', 'krc', 'President, Korean Red Cross', '대한적십자사 회장'),
  // Jeong Se-hyun and Lim Dong-won appear only as former unification ministers (S24, S35): no
  // office of the government is recorded for them, so what they say is another voice, never the ROK's.
  r('kim-yj', 'dprk', 'WPK Central Committee', '노동당 중앙위원회'),
  r('lim-ks', 'rok-mofa', 'Director-General, Korean Peninsula Peace Regime Bureau', '한반도평화체제국장'),
  r('jung-pak', 'us-state', 'Deputy Special Envoy for North Korea', '대북특별부대표'),
  r('choi-jk', 'rok-mofa', 'First Vice Foreign Minister', '외교부 제1차관'),
  r('hooker', 'us-nsc', 'Korea Director, NSC', '국가안보회의 한국 담당 보좌관'),
  r('lambert', 'us-state', 'Acting Deputy Assistant Secretary, Bureau of East Asian and Pacific Affairs', '동아태국 부차관보 대행'),
  r('cintron', 'us-state', 'Acting Deputy Assistant Secretary, Bureau of East Asian and Pacific Affairs', '동아태국 부차관보 대행'),
  r('baek-yj', 'rok-mofa', 'Director-General, Korean Peninsula Policy', '한반도정책국장'),
];
