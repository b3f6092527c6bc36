/**
 * What a notification says, in its recipient's language (en, ko): its subject, a plain-text body
 * and an HTML body of one layout (notify/html.ts), rendered when the change commits. A message is
 * first a `Message` — a lead sentence, the record's title, labelled facts, a link — and both
 * bodies are written from it, so the text and the HTML always say the same. Times are the
 * venue's, with its zone named; dates are calendar dates.
 */
import type { NotificationKind } from '../../core/api/notifications.ts';
import { renderHtml, type Locale, type Message } from './html.ts';

export type { Locale, Message };

export const localeOf = (l: string | null | undefined): Locale => (l?.startsWith('ko') ? 'ko' : 'en');
export type { NotificationKind };

/** Words in both languages. */
type Words = Record<Locale, string>;
export const pick = (locale: Locale, en: string, ko: string | null | undefined): string => (locale === 'ko' && ko ? ko : en);

export interface Rendered {
  subject: string;
  body: string;
  html: string;
}

const LABEL = {
  when: { en: 'When', ko: '일시' },
  place: { en: 'Where', ko: '장소' },
  reason: { en: 'Reason', ko: '사유' },
  group: { en: 'Working group', ko: '실무그룹' },
  version: { en: 'Version', ko: '판' },
  clauses: { en: 'Clauses', ko: '조항' },
  due: { en: 'Due', ko: '기한' },
  responsible: { en: 'Responsible', ko: '담당' },
  reports: { en: 'Latest reports', ko: '최근 보고' },
  issue: { en: 'Issue', ko: '의제' },
  speaker: { en: 'Statement by', ko: '발언자' },
  said: { en: 'Said on', ko: '발언일' },
  against: { en: 'Compared with', ko: '비교 대상' },
  grade: { en: 'Finding', ko: '판정' },
  open: { en: 'Open in Concord', ko: 'Concord에서 보기' },
  footer: {
    en: 'You receive this because you hold a role in this working group. Concord sends you only what you may see. Choose what you receive under My account → Notification settings.',
    ko: '이 실무그룹에서 역할을 맡고 있어 받는 알림입니다. Concord는 열람 권한이 있는 내용만 보냅니다. 받을 알림은 내 계정 → 알림 설정에서 고를 수 있습니다.',
  },
} satisfies Record<string, Words>;

const STATUS: Record<string, Words> = {
  not_started: { en: 'not started', ko: '시작 전' },
  in_progress: { en: 'in progress', ko: '진행 중' },
  at_risk: { en: 'at risk', ko: '지연 우려' },
  blocked: { en: 'blocked', ko: '막힘' },
  done: { en: 'done', ko: '완료' },
};
const GRADE: Record<string, Words> = {
  nuance: { en: 'a nuance', ko: '뉘앙스 차이' },
  contradiction: { en: 'a contradiction', ko: '모순' },
  consistent: { en: 'consistent', ko: '일치' },
};

/** When a due date falls, counted from today. */
const WHEN = {
  en: (days: number) => (days === 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`),
  ko: (days: number) => (days === 0 ? '오늘' : days === 1 ? '내일' : `${days}일 후`),
} satisfies Record<Locale, (days: number) => string>;

const fill = (template: string, values: Record<string, string>): string => template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');

/** A formatter per language, style and zone, made once: making one costs more than formatting with it. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: Locale, timeZone: string, full: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${full}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'ko' ? 'ko-KR' : 'en-GB', full ? { dateStyle: 'full', timeStyle: 'short', timeZone } : { dateStyle: 'long', timeZone });
    formatters.set(key, f);
  }
  return f;
}

const dateTime = (iso: string, timezone: string, locale: Locale): string => `${formatter(locale, timezone, true).format(new Date(iso))} (${timezone})`;
/** A calendar date (YYYY-MM-DD) written out in the reader's language, without moving it across zones. */
export const calendarDate = (day: string, locale: Locale): string => formatter(locale, 'UTC', false).format(new Date(`${day}T00:00:00Z`));

/** The facts every notification names: its group, in both languages. */
interface GroupFacts {
  groupName: string;
  groupNameKo: string | null;
}

export interface MeetingFacts extends GroupFacts {
  title: string;
  titleKo: string | null;
  startsAt: string;
  endsAt: string | null;
  timezone: string;
  place: string | null;
  reason?: string | null;
  organisation?: string | null;
  organisationKo?: string | null;
}

export interface DocumentFacts extends GroupFacts {
  title: string;
  titleKo: string | null;
  versionNumber: number;
  /** The clauses a new bracket was opened on (clause_bracketed). */
  clauses?: { key: string; text: string; textKo: string | null }[];
}

export interface CommitmentFacts extends GroupFacts {
  title: string;
  titleKo: string | null;
  dueOn: string | null;
  responsible: string | null;
  responsibleKo: string | null;
  /** Each reporting party's latest status (commitment_disputed). */
  reports?: { party: string; partyKo: string | null; status: string }[];
  /** Days until due (negative: overdue by), for the reminders. */
  days?: number;
}

export interface FindingFacts extends GroupFacts {
  issue: string;
  issueKo: string | null;
  speaker: string;
  saidOn: string;
  quote: string;
  grade: string;
  against: string;
  againstDate: string;
}

export type FactsOf = {
  meeting_invitation: MeetingFacts;
  meeting_changed: MeetingFacts;
  meeting_cancelled: MeetingFacts;
  attendance_declined: MeetingFacts;
  document_ready: DocumentFacts;
  document_adopted: DocumentFacts;
  clause_bracketed: DocumentFacts;
  commitment_disputed: CommitmentFacts;
  commitment_due: CommitmentFacts;
  commitment_overdue: CommitmentFacts;
  discipline_finding: FindingFacts;
};

interface KindWords {
  subject: Words;
  lead: Words;
}

/** Subject and lead of each kind: {title} the record's title, {group} its group, {org} an organisation, {n} a number, {when} a due day. */
const WORDS: Record<NotificationKind, KindWords> = {
  // Every member who may see the meeting hears of it, whether or not their organisation is invited
  // (the attendance list says who is): the words say a meeting was scheduled, not "you are invited".
  meeting_invitation: { subject: { en: 'New meeting: {title}', ko: '새 회의: {title}' }, lead: { en: 'A meeting of {group} has been scheduled.', ko: '{group} 회의 일정이 잡혔습니다.' } },
  meeting_changed: { subject: { en: 'Changed: {title}', ko: '변경: {title}' }, lead: { en: 'A meeting of {group} has changed.', ko: '{group} 회의가 변경되었습니다.' } },
  meeting_cancelled: { subject: { en: 'Cancelled: {title}', ko: '취소: {title}' }, lead: { en: 'A meeting of {group} is cancelled.', ko: '{group} 회의가 취소되었습니다.' } },
  attendance_declined: {
    subject: { en: '{org} declined: {title}', ko: '{org} 불참: {title}' },
    lead: { en: '{org} will not attend a meeting of {group}.', ko: '{org}이(가) {group} 회의에 참석하지 않습니다.' },
  },
  document_ready: {
    subject: { en: 'Ready for sign-off: {title}', ko: '서명 준비 완료: {title}' },
    lead: { en: 'Version {n} of a document of {group} has no open brackets and is ready for your government’s sign-off.', ko: '{group} 문서의 제{n}판에 남은 괄호가 없어 정부 서명을 할 수 있습니다.' },
  },
  document_adopted: {
    subject: { en: 'Adopted: {title}', ko: '채택: {title}' },
    lead: { en: 'Every party of {group} has signed version {n}: the document is adopted.', ko: '{group}의 모든 당사국이 제{n}판에 서명하여 문서가 채택되었습니다.' },
  },
  clause_bracketed: {
    subject: { en: 'Bracket opened: {title}', ko: '괄호 추가: {title}' },
    lead: {
      en: 'Version {n} of a document of {group} puts brackets around wording your organisation holds.',
      ko: '{group} 문서의 제{n}판에서 귀 기관이 맡은 조항에 괄호가 생겼습니다.',
    },
  },
  commitment_disputed: {
    subject: { en: 'Disputed: {title}', ko: '이견: {title}' },
    lead: { en: 'The parties of {group} now report differently on a commitment.', ko: '{group} 당사국들이 한 이행 약속에 대해 서로 다르게 보고했습니다.' },
  },
  commitment_due: {
    subject: { en: 'Due {when}: {title}', ko: '{when} 기한: {title}' },
    lead: { en: 'A commitment of {group} falls due {when} and is not done yet.', ko: '{group}의 이행 약속이 {when} 기한이며 아직 완료되지 않았습니다.' },
  },
  commitment_overdue: {
    subject: { en: 'Overdue: {title}', ko: '기한 경과: {title}' },
    lead: { en: 'A commitment of {group} is past its due date and not done.', ko: '{group}의 이행 약속이 기한을 넘겼으나 완료되지 않았습니다.' },
  },
  discipline_finding: {
    subject: { en: 'Message discipline: {title}', ko: '메시지 관리: {title}' },
    lead: { en: 'A new statement on an issue of {group} diverges from your government’s line: {grade}.', ko: '{group} 의제에 관한 새 발언이 우리 정부 입장과 다릅니다: {grade}.' },
  },
};

const meetingMessage = (kind: NotificationKind, m: MeetingFacts, locale: Locale) => {
  const fields = [{ label: LABEL.when[locale], value: dateTime(m.startsAt, m.timezone, locale) }];
  if (m.place) fields.push({ label: LABEL.place[locale], value: m.place });
  if (m.reason && kind !== 'meeting_invitation') fields.push({ label: LABEL.reason[locale], value: m.reason });
  return { title: pick(locale, m.title, m.titleKo), org: pick(locale, m.organisation ?? '', m.organisationKo), fields };
};

/** The message of one notification, before it is written out. */
export function compose<K extends NotificationKind>(kind: K, locale: Locale, facts: FactsOf[K], link: string | null): Message {
  const group = pick(locale, facts.groupName, facts.groupNameKo);
  let title: string;
  let org = '';
  let n = '';
  let grade = '';
  let when = '';
  let fields: Message['fields'] = [];
  let quote: string | null = null;
  let items: Message['items'];
  switch (kind) {
    case 'meeting_invitation':
    case 'meeting_changed':
    case 'meeting_cancelled':
    case 'attendance_declined': {
      const m = meetingMessage(kind, facts as MeetingFacts, locale);
      ({ title, org, fields } = m);
      break;
    }
    case 'document_ready':
    case 'document_adopted':
    case 'clause_bracketed': {
      const d = facts as DocumentFacts;
      title = pick(locale, d.title, d.titleKo);
      n = String(d.versionNumber);
      fields = [{ label: LABEL.version[locale], value: n }];
      if (d.clauses?.length) items = d.clauses.map((c) => ({ title: c.key, text: pick(locale, c.text, c.textKo) }));
      break;
    }
    case 'commitment_disputed':
    case 'commitment_due':
    case 'commitment_overdue': {
      const c = facts as CommitmentFacts;
      title = pick(locale, c.title, c.titleKo);
      n = String(Math.abs(c.days ?? 0));
      when = WHEN[locale](c.days ?? 0);
      if (c.dueOn) fields.push({ label: LABEL.due[locale], value: calendarDate(c.dueOn, locale) });
      if (c.responsible) fields.push({ label: LABEL.responsible[locale], value: pick(locale, c.responsible, c.responsibleKo) });
      if (c.reports?.length) fields.push({ label: LABEL.reports[locale], value: c.reports.map((r) => `${pick(locale, r.party, r.partyKo)}: ${STATUS[r.status]?.[locale] ?? r.status}`).join(' · ') });
      break;
    }
    default: {
      const f = facts as FindingFacts;
      title = pick(locale, f.issue, f.issueKo);
      grade = GRADE[f.grade]?.[locale] ?? f.grade;
      fields = [
        { label: LABEL.issue[locale], value: title },
        { label: LABEL.speaker[locale], value: f.speaker },
        { label: LABEL.said[locale], value: calendarDate(f.saidOn, locale) },
        { label: LABEL.against[locale], value: `${f.against} (${calendarDate(f.againstDate, locale)})` },
        { label: LABEL.grade[locale], value: grade },
      ];
      quote = f.quote;
    }
  }
  const values = { title, group, org, n, grade, when };
  return {
    subject: fill(WORDS[kind].subject[locale], values),
    group,
    lead: fill(WORDS[kind].lead[locale], values),
    title,
    fields,
    quote,
    items,
    link,
    linkLabel: LABEL.open[locale],
    footer: LABEL.footer[locale],
    locale,
  };
}

/** A message written out: its plain text (the mail's text part, the app's body) and its HTML. */
export function write(m: Message): Rendered {
  const lines = [m.lead, ''];
  if (m.title) lines.push(m.title);
  for (const f of m.fields) lines.push(`${f.label}: ${f.value}`);
  if (m.quote) lines.push('', `“${m.quote}”`);
  if (m.items?.length) {
    lines.push('');
    for (const i of m.items) {
      lines.push(`• ${i.title}${i.text ? ` — ${i.text}` : ''}`);
      if (i.link) lines.push(`  ${i.link}`);
    }
  }
  if (m.link) lines.push('', `${m.linkLabel}: ${m.link}`);
  lines.push('', '—', m.footer);
  return { subject: m.subject, body: lines.join('\n'), html: renderHtml(m) };
}

/** One notification rendered in its recipient's language. */
export const render = <K extends NotificationKind>(kind: K, locale: Locale, facts: FactsOf[K], link: string | null): Rendered => write(compose(kind, locale, facts, link));

const DIGEST: Record<'subject' | 'title' | 'lead' | 'open' | 'footer', Words> = {
  subject: { en: 'Concord: your daily digest, {date} ({n})', ko: 'Concord 일일 요약, {date} ({n}건)' },
  title: { en: 'Your daily digest, {date}', ko: '{date} 일일 요약' },
  open: { en: 'Open my notifications', ko: '내 알림 보기' },
  lead: { en: 'What came for you since your last digest, oldest first.', ko: '지난 요약 이후 받은 알림입니다(오래된 순).' },
  footer: {
    en: 'You receive this digest because you chose it for these kinds of notification. Concord sends you only what you may see. Choose what you receive under My account → Notification settings.',
    ko: '이 알림 종류를 일일 요약으로 받도록 설정하여 보내드립니다. Concord는 열람 권한이 있는 내용만 보냅니다. 받을 알림은 내 계정 → 알림 설정에서 고를 수 있습니다.',
  },
};

/** A day's digest: every notification it carries, by its own subject and first line, with its link. */
export function renderDigest(locale: Locale, day: string, items: { subject: string; body: string; link: string | null }[], notificationsLink: string | null): Rendered {
  const date = calendarDate(day, locale);
  return write({
    subject: fill(DIGEST.subject[locale], { date, n: String(items.length) }),
    group: null,
    lead: DIGEST.lead[locale],
    title: fill(DIGEST.title[locale], { date }),
    fields: [],
    items: items.map((i) => ({ title: i.subject, text: i.body.split('\n')[0], link: i.link })),
    link: notificationsLink,
    linkLabel: DIGEST.open[locale],
    footer: DIGEST.footer[locale],
    locale,
  });
}
