/**
 * The iTIP message (RFC 5546) a meeting's e-mail carries, so that a calendar client adds, moves or
 * removes the event: METHOD:REQUEST for an invitation or a change (SEQUENCE grows with the
 * meeting's version), METHOD:CANCEL for a cancellation. The UID is the one the group's feed uses
 * (`<meeting id>@concord`), so the client updates the same event whichever way it came.
 */
import { fold, text, utcStamp } from '../presenters/calendar.ts';

export interface ItipMeeting {
  id: string;
  version: number;
  updatedAt: string;
  title: string;
  startsAt: string;
  endsAt: string | null;
  place: string | null;
  description: string;
}

const DEFAULT_MINUTES = 120;

export function itip(method: 'REQUEST' | 'CANCEL', m: ItipMeeting, organiser: string, attendee: { email: string; name: string }): string {
  const end = m.endsAt ?? new Date(Date.parse(m.startsAt) + DEFAULT_MINUTES * 60_000).toISOString();
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Concord//Working groups//EN',
    `METHOD:${method}`,
    'BEGIN:VEVENT',
    `UID:${m.id}@concord`,
    `SEQUENCE:${m.version - 1}`,
    `DTSTAMP:${utcStamp(m.updatedAt)}`,
    `DTSTART:${utcStamp(m.startsAt)}`,
    `DTEND:${utcStamp(end)}`,
    `SUMMARY:${text(m.title)}`,
    ...(m.place ? [`LOCATION:${text(m.place)}`] : []),
    `DESCRIPTION:${text(m.description)}`,
    `ORGANIZER;CN=Concord:mailto:${organiser}`,
    `ATTENDEE;CN=${text(attendee.name).replace(/[:;"]/g, ' ')};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:${attendee.email}`,
    `STATUS:${method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED'}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
