import type { MeetingRow, MeetingSeriesRow, WorkingGroupRow } from '../db/tables.ts';
import type { CalendarAgendaItem, CalendarAttendance } from '../queries/working-groups.ts';
import { expandSeries } from '../../core/series.ts';

/**
 * The RFC 5545 calendar of a working group's meetings. A meeting is one VEVENT; a series is one
 * VEVENT with its RRULE (COUNT: every occurrence is a meeting row, so the rule's expansion is
 * exactly the record's occurrences), an EXDATE per cancelled occurrence and an overriding VEVENT
 * (RECURRENCE-ID) for each occurrence that differs from what the rule says: moved, postponed,
 * with an agenda, with replies. Every event carries the meeting's own time zone
 * (DTSTART;TZID=Asia/Seoul:…), with a VTIMEZONE for every zone used, as the RFC requires; each
 * invited organisation is an ATTENDEE with its reply as PARTSTAT; a separate consultation and the
 * meeting it stands beside name each other with RELATED-TO; a meeting recorded without an end
 * lasts DEFAULT_MINUTES (or is a whole-day event when it starts at midnight), never zero.
 *
 * The text is written here rather than with ical-generator: its ATTENDEE is always a mailto:
 * address (an organisation has none; a made-up one would invite mail to nowhere) and it has no
 * RELATED-TO or DURATION for a timed event.
 */

/** How long a meeting recorded without an end is shown to last. */
export const DEFAULT_MINUTES = 120;

const STATUS: Record<MeetingRow['status'], string> = { planned: 'CONFIRMED', held: 'CONFIRMED', postponed: 'TENTATIVE', cancelled: 'CANCELLED' };
/** An organisation's reply as RFC 5545 PARTSTAT and ROLE (an observer attends without taking part). */
const PARTSTAT: Record<CalendarAttendance['status'], [string, string]> = {
  invited: ['NEEDS-ACTION', 'REQ-PARTICIPANT'],
  attending: ['ACCEPTED', 'REQ-PARTICIPANT'],
  observer: ['ACCEPTED', 'NON-PARTICIPANT'],
  declined: ['DECLINED', 'REQ-PARTICIPANT'],
};

/**
 * Intl formatters per zone, made once: building one costs ~0.1 ms, and a feed of a few years
 * asks for thousands of offsets (it held the event loop for ~90 ms on the demo's 2018 group).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(kind: 'wall' | 'offset', tz: string): Intl.DateTimeFormat {
  const key = `${kind} ${tz}`;
  let f = formatters.get(key);
  if (!f) {
    f =
      kind === 'wall'
        ? new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
        : new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' });
    formatters.set(key, f);
  }
  return f;
}

function wallClock(date: Date, tz: string) {
  const parts = Object.fromEntries(
    formatter('wall', tz)
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return { ymd: `${parts.year}${parts.month}${parts.day}`, hms: `${parts.hour}${parts.minute}${parts.second}` };
}

/** UTC offset of `tz` at `ms`, in minutes. */
function offsetAt(tz: string, ms: number): number {
  const name =
    formatter('offset', tz)
      .formatToParts(new Date(ms))
      .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

const fmtOffset = (min: number) => `${min < 0 ? '-' : '+'}${String(Math.floor(Math.abs(min) / 60)).padStart(2, '0')}${String(Math.abs(min) % 60).padStart(2, '0')}`;

/**
 * A VTIMEZONE for `tz` covering the years from `fromYear` to `toYear`: one observance for the
 * offset in force at the start, then one per transition (found by bisection on Intl offsets),
 * each with the local onset time the RFC asks for.
 */
export function vtimezone(tz: string, fromYear: number, toYear: number): string {
  const key = `${tz} ${fromYear} ${toYear}`;
  let block = vtimezones.get(key);
  if (block === undefined) {
    block = buildVtimezone(tz, fromYear, toYear);
    if (vtimezones.size >= 256) vtimezones.delete(vtimezones.keys().next().value!);
    vtimezones.set(key, block);
  }
  return block;
}
/** The VTIMEZONE blocks already written (zone rules change only with the runtime's time zone data). */
const vtimezones = new Map<string, string>();

function buildVtimezone(tz: string, fromYear: number, toYear: number): string {
  const start = Date.UTC(fromYear, 0, 1);
  const end = Date.UTC(toYear + 1, 0, 1);
  const transitions: { at: number; from: number; to: number }[] = [];
  const step = 7 * 86_400_000;
  let prevT = start;
  let prevOff = offsetAt(tz, start);
  for (let t = start + step; t <= end; t += step) {
    const off = offsetAt(tz, t);
    if (off !== prevOff) {
      let lo = prevT;
      let hi = t;
      while (hi - lo > 60_000) {
        const mid = lo + Math.floor((hi - lo) / 2);
        if (offsetAt(tz, mid) === prevOff) lo = mid;
        else hi = mid;
      }
      // Offsets change on a whole minute: the first minute at or before `hi` past `lo` is it.
      transitions.push({ at: Math.floor(hi / 60_000) * 60_000, from: prevOff, to: off });
      prevOff = off;
    }
    prevT = t;
  }
  const initial = offsetAt(tz, start);
  const offsets = [initial, ...transitions.map((x) => x.to)];
  const standard = Math.min(...offsets);
  const local = (ms: number, off: number) => {
    const d = new Date(ms + off * 60_000).toISOString();
    return `${d.slice(0, 4)}${d.slice(5, 7)}${d.slice(8, 10)}T${d.slice(11, 13)}${d.slice(14, 16)}${d.slice(17, 19)}`;
  };
  const observance = (onset: number, from: number, to: number) => {
    const kind = to > standard ? 'DAYLIGHT' : 'STANDARD';
    return [`BEGIN:${kind}`, `DTSTART:${local(onset, from)}`, `TZOFFSETFROM:${fmtOffset(from)}`, `TZOFFSETTO:${fmtOffset(to)}`, `END:${kind}`];
  };
  return ['BEGIN:VTIMEZONE', `TZID:${tz}`, ...observance(start, initial, initial), ...transitions.flatMap((x) => observance(x.at, x.from, x.to)), 'END:VTIMEZONE'].join('\r\n');
}

/** TEXT value escaping (RFC 5545 3.3.11). */
export const text = (v: string): string =>
  v
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
/** A parameter value: no quotes or line breaks inside; quoted when it holds : ; or , (RFC 5545 3.2). */
const param = (v: string): string => {
  const clean = v.replace(/"/g, "'").replace(/[\r\n]+/g, ' ');
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
};

/** Folds a content line at 75 octets without splitting a UTF-8 character (RFC 5545 3.1). */
export function fold(line: string): string {
  if (Buffer.byteLength(line) <= 75) return line;
  const out: string[] = [];
  let cur = '';
  let bytes = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch);
    if (bytes + n > (out.length === 0 ? 75 : 74)) {
      out.push(cur);
      cur = '';
      bytes = 0;
    }
    cur += ch;
    bytes += n;
  }
  out.push(cur);
  return out.join('\r\n ');
}

export const utcStamp = (iso: string): string => `${new Date(iso).toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`;
/** A date-time property in the meeting's zone (UTC is written as …Z, with no TZID). */
const dateTime = (name: string, iso: string, tz: string): string => {
  if (tz === 'UTC') return `${name}:${utcStamp(iso)}`;
  const w = wallClock(new Date(iso), tz);
  return `${name};TZID=${tz}:${w.ymd}T${w.hms}`;
};
const localTime = (iso: string, tz: string): string => {
  const w = wallClock(new Date(iso), tz);
  return `${w.ymd}T${w.hms}`;
};

/** DTSTART and DTEND, or DURATION when the record has no end (never a zero-length event). */
function timing(startsAt: string, endsAt: string, tz: string): string[] {
  if (Date.parse(endsAt) > Date.parse(startsAt)) return [dateTime('DTSTART', startsAt, tz), dateTime('DTEND', endsAt, tz)];
  const w = wallClock(new Date(startsAt), tz);
  if (w.hms === '000000') return [`DTSTART;VALUE=DATE:${w.ymd}`, 'DURATION:P1D'];
  return [dateTime('DTSTART', startsAt, tz), `DURATION:PT${DEFAULT_MINUTES}M`];
}

/** What an event says beyond its time: the same for a series' rule and for an occurrence that keeps to it. */
interface EventContent {
  title: string;
  titleKo: string | null;
  place: string | null;
  status: MeetingRow['status'];
  statusReason: string | null;
  level: string;
  format: string;
  agenda: CalendarAgendaItem[];
  attendance: CalendarAttendance[];
  related: { uid: string; line: string }[];
}

/** The agenda, grouped by track in the group's track order, and the replies, as plain text. */
function describe(c: EventContent): string {
  const lines: string[] = [];
  if (c.status === 'postponed' || c.status === 'cancelled') lines.push(`${c.status === 'postponed' ? 'Postponed' : 'Cancelled'}${c.statusReason ? `: ${c.statusReason}` : ''}`, '');
  lines.push(`Level: ${c.level}; format: ${c.format.replace('_', ' ')}`);
  const declined = c.attendance.filter((a) => a.status === 'declined');
  if (declined.length) {
    lines.push('');
    for (const a of declined) lines.push(`Declined: ${a.org_name}${a.reason ? ` — ${a.reason}` : ''}`);
  }
  if (c.related.length) {
    lines.push('');
    for (const r of c.related) lines.push(r.line);
  }
  if (c.agenda.length) {
    lines.push('', 'Agenda');
    const groups = new Map<string, { name: string; order: number; items: CalendarAgendaItem[] }>();
    for (const a of c.agenda) {
      const key = a.track_id ?? '';
      const g = groups.get(key) ?? { name: a.track_name ?? 'General', order: a.track_id ? Number(a.track_position ?? 0) : Number.MAX_SAFE_INTEGER, items: [] };
      g.items.push(a);
      groups.set(key, g);
    }
    for (const g of [...groups.values()].sort((x, y) => x.order - y.order)) {
      lines.push(`[${g.name}]`);
      for (const a of g.items) lines.push(`- ${a.title}${a.title_ko ? ` / ${a.title_ko}` : ''}`);
    }
  }
  return lines.join('\n');
}

/** The properties that carry an event's content, in a fixed order (so two renderings compare). */
function contentLines(c: EventContent): string[] {
  const lines = [`SUMMARY:${text(c.titleKo ? `${c.title} / ${c.titleKo}` : c.title)}`];
  if (c.place) lines.push(`LOCATION:${text(c.place)}`);
  lines.push(`STATUS:${STATUS[c.status]}`, `DESCRIPTION:${text(describe(c))}`);
  for (const a of c.attendance) {
    const [partstat, role] = PARTSTAT[a.status];
    lines.push(`ATTENDEE;CN=${param(a.org_name)};CUTYPE=GROUP;ROLE=${role};PARTSTAT=${partstat}:urn:concord:organisation:${encodeURIComponent(a.organisation_id)}`);
  }
  for (const r of c.related) lines.push(`RELATED-TO;RELTYPE=SIBLING:${r.uid}`);
  return lines;
}

const stampLines = (id: string, version: number, updatedAt: string) => [`UID:${id}@concord`, `SEQUENCE:${version - 1}`, `DTSTAMP:${utcStamp(updatedAt)}`, `LAST-MODIFIED:${utcStamp(updatedAt)}`];

export interface CalendarInput {
  meetings: MeetingRow[];
  series: MeetingSeriesRow[];
  agenda: CalendarAgendaItem[];
  attendance: CalendarAttendance[];
  /** Organisation names by id, for a series' invitations. */
  organisations: Map<string, string>;
}

export function buildCalendar(wg: WorkingGroupRow, input: CalendarInput): string {
  const { meetings, series } = input;
  const agendas = Map.groupBy(input.agenda, (a) => a.meeting_id);
  const replies = Map.groupBy(input.attendance, (a) => a.meeting_id);
  const zones = new Map<string, { from: number; to: number }>();
  const noteZone = (tz: string, ...isos: string[]) => {
    if (tz === 'UTC') return; // written as UTC (…Z), no TZID
    const years = isos.map((i) => new Date(i).getUTCFullYear());
    const z = zones.get(tz);
    zones.set(tz, { from: Math.min(z?.from ?? Infinity, ...years), to: Math.max(z?.to ?? -Infinity, ...years) });
  };

  // Which series are written as a rule: visible, and every occurrence row an instant of its rule.
  const bySeries = Map.groupBy(
    meetings.filter((m) => m.series_id),
    (m) => m.series_id!,
  );
  const rules = new Map<string, { s: MeetingSeriesRow; instants: string[] }>();
  for (const s of series) {
    let instants: string[];
    try {
      instants = expandSeries({ startsAt: s.starts_at, timezone: s.timezone, rrule: s.rrule, until: s.until_date, count: s.count });
    } catch {
      continue;
    }
    const set = new Set(instants);
    if ((bySeries.get(s.id) ?? []).every((m) => m.recurrence_id && set.has(m.recurrence_id))) rules.set(s.id, { s, instants });
  }
  const uidOf = (m: MeetingRow) => (m.series_id && rules.has(m.series_id) ? `${m.series_id}@concord` : `${m.id}@concord`);
  const byId = new Map(meetings.map((m) => [m.id, m]));
  const besides = Map.groupBy(
    meetings.filter((m) => m.beside_meeting_id && byId.has(m.beside_meeting_id)),
    (m) => m.beside_meeting_id!,
  );
  const title = (m: MeetingRow) => (m.title_ko ? `${m.title} / ${m.title_ko}` : m.title);
  const content = (m: MeetingRow): EventContent => {
    const related: EventContent['related'] = [];
    const main = m.beside_meeting_id ? byId.get(m.beside_meeting_id) : undefined;
    if (main) related.push({ uid: uidOf(main), line: `Held beside: ${title(main)}` });
    for (const c of besides.get(m.id) ?? []) related.push({ uid: uidOf(c), line: `Separate consultation beside this meeting: ${title(c)}` });
    return {
      title: m.title,
      titleKo: m.title_ko,
      place: m.place,
      status: m.status,
      statusReason: m.status_reason,
      level: m.level,
      format: m.format,
      agenda: agendas.get(m.id) ?? [],
      attendance: replies.get(m.id) ?? [],
      related,
    };
  };

  const events: string[][] = [];
  for (const m of meetings) {
    if (m.series_id && rules.has(m.series_id)) continue;
    events.push(['BEGIN:VEVENT', ...stampLines(m.id, Number(m.version), m.updated_at), ...timing(m.starts_at, m.ends_at, m.timezone), ...contentLines(content(m)), 'END:VEVENT']);
    noteZone(m.timezone, m.starts_at, m.ends_at);
  }
  for (const { s, instants } of rules.values()) {
    const tz = s.timezone;
    const minutes = Number(s.duration_minutes);
    const invited = (JSON.parse(s.invite) as string[]).map(
      (id): CalendarAttendance => ({ meeting_id: '', organisation_id: id, org_name: input.organisations.get(id) ?? id, status: 'invited', reason: null }),
    );
    const rule: EventContent = {
      title: s.title,
      titleKo: s.title_ko,
      place: s.place,
      status: 'planned',
      statusReason: null,
      level: s.level,
      format: s.format,
      agenda: [],
      attendance: invited,
      related: [],
    };
    const ruleLines = contentLines(rule);
    const rows = bySeries.get(s.id) ?? [];
    const exdates = rows.filter((m) => m.status === 'cancelled').map((m) => localTime(m.recurrence_id!, tz));
    const master = ['BEGIN:VEVENT', ...stampLines(s.id, Number(s.version), s.updated_at), dateTime('DTSTART', instants[0], tz), `DURATION:PT${minutes}M`, `RRULE:${s.rrule};COUNT=${instants.length}`];
    if (exdates.length)
      master.push(
        tz === 'UTC'
          ? `EXDATE:${rows
              .filter((m) => m.status === 'cancelled')
              .map((m) => utcStamp(m.recurrence_id!))
              .join(',')}`
          : `EXDATE;TZID=${tz}:${exdates.join(',')}`,
      );
    events.push([...master, ...ruleLines, 'END:VEVENT']);
    noteZone(tz, instants[0], instants[instants.length - 1]);
    for (const m of rows) {
      if (m.status === 'cancelled') continue;
      const lines = contentLines(content(m));
      const keeps = m.starts_at === m.recurrence_id && Date.parse(m.ends_at) - Date.parse(m.starts_at) === minutes * 60_000 && m.timezone === tz && lines.join('\n') === ruleLines.join('\n');
      if (keeps) continue;
      events.push([
        'BEGIN:VEVENT',
        ...stampLines(s.id, Number(m.version), m.updated_at),
        dateTime('RECURRENCE-ID', m.recurrence_id!, tz),
        ...timing(m.starts_at, m.ends_at, m.timezone),
        ...lines,
        'END:VEVENT',
      ]);
      noteZone(m.timezone, m.starts_at, m.ends_at);
    }
  }

  const calName = wg.name_ko ? `${wg.name} / ${wg.name_ko}` : wg.name;
  const out = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Concord//Concord working groups//EN', 'CALSCALE:GREGORIAN', `NAME:${text(calName)}`, `X-WR-CALNAME:${text(calName)}`];
  for (const [tz, y] of zones) out.push(vtimezone(tz, y.from - 1, y.to + 1));
  for (const e of events) out.push(...e.map(fold));
  out.push('END:VCALENDAR');
  return `${out.join('\r\n')}\r\n`;
}
