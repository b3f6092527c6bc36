import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractStatements, packFor } from './extract.ts';
import { detectLanguage, hangulShare } from './korean.ts';
import { resolveSpeaker } from './resolve.ts';
import { ko } from './lang/ko.ts';
import type { Candidate, SpeakerDirectory } from './types.ts';

const ex = (text: string): Candidate[] => extractStatements(text);
const brief = (cs: Candidate[]) => cs.map((c) => ({ q: c.quote, k: c.kind, who: c.speaker.name ?? c.speaker.description, anon: c.speaker.anonymous }));

test('language is chosen by Hangul share, or by the caller', () => {
  assert.equal(detectLanguage('통일부는 15일 "참석하지 않겠다"고 밝혔다. NSC와 MOU도 언급됐다.'), 'ko');
  assert.equal(detectLanguage('The ministry said it would not attend the 통일부 meeting.'), 'en');
  assert.ok(hangulShare('abc') === 0);
  assert.equal(packFor('x', 'ko').code, 'ko');
  assert.equal(packFor('통일부는 밝혔다').code, 'ko');
  // Forcing English on Korean text finds nothing rather than failing.
  assert.deepEqual(extractStatements('통일부는 "불참한다"고 밝혔다.', { language: 'en' }), []);
});

test('direct quotes with 라고/이라고/고 and a reporting verb; speaker before with 은/는/이/가', () => {
  const cs = ex('조현 외교부 장관은 이날 국회에서 "한미 공조에는 빈틈이 없다"고 답했다. 외교부 대변인이 "사실과 다르다"라고 반박했다.');
  assert.deepEqual(brief(cs), [
    { q: '한미 공조에는 빈틈이 없다', k: 'direct', who: '조현', anon: false },
    { q: '사실과 다르다', k: 'direct', who: undefined, anon: false },
  ]);
  assert.equal(cs[0].speaker.role, '외교부 장관');
  assert.equal(cs[0].speaker.organisation, '외교부');
  assert.equal(cs[1].speaker.organisation, '외교부');
  assert.equal(cs[1].speaker.role, '외교부 대변인');
});

test('indirect speech in -다고/-냐고 with the ending folded back, and the speaker after the quote', () => {
  const cs = ex('통일부는 남북 연락채널이 여전히 끊겨 있다고 16일 설명했다. 북한이 왜 응답하지 않느냐고 한 의원이 물었다. "대화의 문은 열려 있다"라고 정 장관은 말했다.');
  assert.equal(cs[0].quote, '남북 연락채널이 여전히 끊겨 있다');
  assert.equal(cs[0].kind, 'indirect');
  assert.equal(cs[0].speaker.name, '통일부');
  assert.ok(cs[0].speaker.isOrganisation);
  assert.equal(cs[1].quote, '북한이 왜 응답하지 않느냐');
  assert.equal(cs[2].quote, '대화의 문은 열려 있다');
  assert.equal(cs[2].speaker.text, '정 장관');
});

test('라며 joins two quotations to one verb; each is a statement of the same speaker', () => {
  const cs = ex('위성락 국가안보실장은 "동맹국들이 궁금해한다"며 "정리된 입장을 내겠다"고 말했다.');
  assert.deepEqual(
    cs.map((c) => c.quote),
    ['동맹국들이 궁금해한다', '정리된 입장을 내겠다'],
  );
  assert.ok(cs.every((c) => c.speaker.name === '위성락' && c.speaker.organisation === '국가안보실'));
});

test('anonymous sources and their back-references', () => {
  const cs = ex('익명을 요구한 정부 고위 관계자는 "협의 명칭은 바뀔 수 있다"고 말했다. 이 관계자는 실무 협의가 계속된다고 덧붙였다.');
  assert.equal(cs.length, 2);
  assert.ok(cs.every((c) => c.speaker.anonymous));
  assert.match(cs[0].speaker.description ?? '', /정부 고위 관계자/);
  assert.equal(cs[1].quote, '실무 협의가 계속된다');
  assert.equal(cs[1].speaker.description, cs[0].speaker.description);
});

test('pronouns, surname + title and bare titles go to the earlier person, not the one mentioned last', () => {
  const text =
    '강유정 대통령실 대변인은 정동영 통일부 장관의 발언에 대해 "정부 입장은 하나"라고 말했다. 그는 "엇박자는 없다"고 강조했다. 강 대변인은 추가 협의가 필요하다고 전했다. 정 장관은 "통일부의 역할이 있다"고 반박했다.';
  const cs = ex(text);
  assert.deepEqual(
    cs.map((c) => c.speaker.name),
    ['강유정', '강유정', '강유정', '정동영'],
  );
  assert.equal(cs[3].speaker.organisation, '통일부');
});

test('verbs that report no statement, and a statement with no speaker, give nothing', () => {
  const text = [
    '통일부가 불참을 최종 결정한 것으로 알려졌다.',
    '정부 내에서 이견이 있었다고 전해졌다.',
    '협의는 매달 열릴 전망이다.',
    '워킹그룹이 부활했다는 분석이 나온다.',
    '남북관계가 후퇴할 수 있다는 지적이 나온다.',
    '부처 간 조율이 부족했다는 평가가 나왔다.',
  ].join(' ');
  assert.deepEqual(ex(text), []);
});

test('subject dropped in a following sentence keeps the speaker; offsets cover the quote', () => {
  const text = '김남중 통일부 차관은 설명회를 열었다. 이어 "국제사회의 지지가 필요하다"고 강조했다.';
  const cs = ex(text);
  assert.equal(cs.length, 1);
  assert.equal(cs[0].speaker.name, '김남중');
  assert.equal(text.slice(cs[0].span.start, cs[0].span.end), cs[0].quote);
  assert.ok(cs[0].confidence < 0.9);
});

test('Korean names and titles resolve through aliases and time-bound roles', () => {
  const directory: SpeakerDirectory = {
    organisations: [
      { id: 'rok-mou', name: 'Ministry of Unification', aliases: ['통일부'], partyId: 'ROK' },
      { id: 'rok-pres', name: 'Presidential Office', aliases: ['대통령실'], partyId: 'ROK' },
    ],
    people: [
      { id: 'chung-dy', name: 'Chung Dong-young', aliases: ['정동영'], roles: [{ organisationId: 'rok-mou', title: 'Minister of Unification', from: '2025-07' }] },
      { id: 'lee-iy', name: 'Lee In-young', aliases: ['이인영'], roles: [{ organisationId: 'rok-mou', title: 'Minister of Unification', from: '2020-07', to: '2022-05' }] },
    ],
  };
  const [c] = ex('정동영 통일부 장관은 "대화가 우선"이라고 말했다.');
  const r = resolveSpeaker(c.speaker, directory, '2025-12-15', ko);
  assert.equal(r.personId, 'chung-dy');
  assert.equal(r.organisationId, 'rok-mou');
  // A title without a name: the minister in office on the date.
  const [d] = ex('통일부 장관은 "대화가 우선"이라고 말했다.');
  assert.equal(resolveSpeaker(d.speaker, directory, '2021-01-10', ko).personId, 'lee-iy');
  assert.equal(resolveSpeaker(d.speaker, directory, '2025-12-15', ko).personId, 'chung-dy');
  assert.equal(resolveSpeaker(d.speaker, directory, '2021-01-10').personId, 'lee-iy', 'without the Korean pack too');
});

test('에 따르면 names the source of the rest of the sentence; a media outlet is no speaker', () => {
  const cs = ex('외교부 관계자에 따르면 양측은 다음 달 2차 협의를 열기로 했다. 통일부에 따르면 북한은 아직 응답하지 않았다고 한다. 연합뉴스에 따르면 회의는 2시간 동안 진행됐다.');
  assert.deepEqual(brief(cs), [
    { q: '양측은 다음 달 2차 협의를 열기로 했다', k: 'indirect', who: '외교부 관계자', anon: true },
    { q: '북한은 아직 응답하지 않았다', k: 'indirect', who: '통일부', anon: false },
  ]);
});

test('a relayed statement stays its speaker’s ("…"고 강조했다고 통일부가 전했다)', () => {
  const cs = ex('김남중 통일부 차관은 설명회에 참석했다. 김 차관은 "협력이 필요하다"고 강조했다고 통일부가 전했다.');
  assert.equal(cs.length, 1);
  assert.equal(cs[0].quote, '협력이 필요하다');
  assert.equal(cs[0].speaker.name, '김남중');
});
