import ical, { ICalEventStatus, type ICalDayJsStub } from 'ical-generator';
import type { MeetingRow, WorkingGroupRow } from '../db/tables.ts';
import type { CalendarAgendaItem } from '../queries/working-groups.ts';

/**
 * The RFC 5545 calendar of a working group's meetings, one event per meeting (no RRULE: the
 * cadence is a plan, the meetings are the record). Each event carries the meeting's own time
 * zone (DTSTART;TZID=Asia/Seoul:…), with a VTIMEZONE for every zone used, as the RFC requires.
 */

const STATUS: Record<string, ICalEventStatus> = {
  planned: ICalEventStatus.CONFIRMED,
  held: ICalEventStatus.CONFIRMED,
  postponed: ICalEventStatus.TENTATIVE,
  cancelled: ICalEventStatus.CANCELLED,
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

/**
 * An instant seen in a time zone, in the shape ical-generator accepts for zoned times (its
 * Day.js stub): it prints the local date and time in `tz`, whatever the server's own zone.
 */
function zoned(iso: string, tz: string): ICalDayJsStub {
  const date = new Date(iso);
  const stub = (zone: string): ICalDayJsStub => {
    const local = wallClock(date, zone);
    const self: ICalDayJsStub = {
      format: (f?: string) => (f === 'YYYYMMDD' ? local.ymd : f === 'HHmmss' ? local.hms : date.toISOString()),
      isValid: () => !Number.isNaN(date.getTime()),
      toDate: () => date,
      toJSON: () => date.toISOString(),
      tz: () => self,
      utc: () => stub('UTC'),
    };
    return self;
  };
  return stub(tz);
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

/** The agenda, grouped by track in the group's track order, as plain text. */
function describe(m: MeetingRow, agenda: CalendarAgendaItem[]): string {
  const lines: string[] = [];
  if (m.status === 'postponed' || m.status === 'cancelled') lines.push(`${m.status === 'postponed' ? 'Postponed' : 'Cancelled'}${m.status_reason ? `: ${m.status_reason}` : ''}`, '');
  lines.push(`Level: ${m.level}; format: ${m.format.replace('_', ' ')}`);
  if (agenda.length) {
    lines.push('', 'Agenda');
    const groups = new Map<string, { name: string; order: number; items: CalendarAgendaItem[] }>();
    for (const a of agenda) {
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

export function buildCalendar(wg: WorkingGroupRow, meetings: MeetingRow[], agenda: CalendarAgendaItem[]): string {
  const cal = ical({
    name: wg.name_ko ? `${wg.name} / ${wg.name_ko}` : wg.name,
    prodId: { company: 'Concord', product: 'Concord working groups', language: 'EN' },
  });
  const zones = new Map<string, { from: number; to: number }>();
  const agendas = Map.groupBy(agenda, (a) => a.meeting_id);
  for (const m of meetings) {
    cal.createEvent({
      id: `${m.id}@concord`,
      sequence: Number(m.version) - 1,
      stamp: new Date(m.updated_at),
      lastModified: new Date(m.updated_at),
      start: zoned(m.starts_at, m.timezone),
      end: zoned(m.ends_at, m.timezone),
      timezone: m.timezone,
      summary: m.title_ko ? `${m.title} / ${m.title_ko}` : m.title,
      location: m.place ?? null,
      status: STATUS[m.status] ?? null,
      description: describe(m, agendas.get(m.id) ?? []),
    });
    if (m.timezone === 'UTC') continue; // written as UTC (…Z), no TZID
    const years = [new Date(m.starts_at).getUTCFullYear(), new Date(m.ends_at).getUTCFullYear()];
    const z = zones.get(m.timezone);
    zones.set(m.timezone, { from: Math.min(z?.from ?? Infinity, ...years), to: Math.max(z?.to ?? -Infinity, ...years) });
  }
  const text = cal.toString();
  if (zones.size === 0) return text;
  const blocks = [...zones.entries()].map(([tz, y]) => vtimezone(tz, y.from - 1, y.to + 1)).join('\r\n');
  const at = text.indexOf('BEGIN:VEVENT');
  return `${text.slice(0, at)}${blocks}\r\n${text.slice(at)}`;
}
