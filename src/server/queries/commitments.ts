import { sql, type Kysely } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import type { CommitmentRow, Database, ProgressReportRow } from '../db/tables.ts';
import { commitmentFlags, type CommitmentFlags } from '../policies/commitment.ts';
import { visibleTo } from '../policies/visibility.ts';
import { getVisible, visibleIdsAmong } from './visible.ts';
import { dayInZone } from './day-in-zone.ts';

type Db = Kysely<Database>;

export interface ReportView extends ProgressReportRow {
  org_name: string;
}

/** A commitment with the title and day (at its venue) of the meeting it came from, when the reader may see that meeting. */
export interface SourcedRow extends CommitmentRow {
  meeting_title: string | null;
  meeting_title_ko: string | null;
  meeting_day: string | null;
}

export interface CommitmentView extends SourcedRow {
  reports: ReportView[];
  latest: ReportView[];
  flags: CommitmentFlags;
}

export interface CommitmentFilter {
  wgId?: string;
  documentId?: string;
  responsiblePartyId?: string;
  state?: 'open' | 'disputed' | 'done' | 'overdue';
  dueBefore?: string;
  limit?: number;
  offset?: number;
}

/** Today's date (UTC), the reference for "overdue". */
export const todayUtc = (): string => new Date().toISOString().slice(0, 10);

/** Newest first: by the day reported, then by when it was recorded. */
const newestFirst = (a: ProgressReportRow, b: ProgressReportRow) => b.reported_on.localeCompare(a.reported_on) || b.created_at.localeCompare(a.created_at) || b.id.localeCompare(a.id);

/** Each reporting party's latest report, in party order. */
export function latestByParty<R extends ProgressReportRow>(reports: R[]): R[] {
  const latest = new Map<string, R>();
  for (const r of [...reports].sort(newestFirst)) if (!latest.has(r.party_id)) latest.set(r.party_id, r);
  return [...latest.values()].sort((a, b) => a.party_id.localeCompare(b.party_id));
}

async function reportsFor(db: Db, ids: string[]): Promise<ReportView[]> {
  if (ids.length === 0) return [];
  const out: ReportView[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    out.push(
      ...(await db
        .selectFrom('progress_reports')
        .innerJoin('organisations', 'organisations.id', 'progress_reports.organisation_id')
        .selectAll('progress_reports')
        .select('organisations.name as org_name')
        .where('progress_reports.commitment_id', 'in', ids.slice(i, i + 500))
        .execute()),
    );
  }
  return out;
}

function withState(rows: SourcedRow[], reports: ReportView[], today: string): CommitmentView[] {
  return rows.map((c) => {
    const mine = reports.filter((r) => r.commitment_id === c.id).sort(newestFirst);
    const latest = latestByParty(mine);
    return {
      ...c,
      reports: mine,
      latest,
      flags: commitmentFlags(
        latest.map((r) => r.status),
        c.due_on,
        today,
      ),
    };
  });
}

/**
 * The document (with its clause) and the meeting a commitment came from, named only when the
 * reader may see them; otherwise null, as if the commitment had no source.
 */
async function sourcesVisible(db: Db, actor: Actor, rows: CommitmentRow[]): Promise<SourcedRow[]> {
  const meetingIds = [...new Set(rows.flatMap((r) => (r.meeting_id ? [r.meeting_id] : [])))];
  const [docs, meetings] = await Promise.all([
    visibleIdsAmong(
      db,
      actor,
      'documents',
      rows.map((r) => r.document_id),
    ),
    (async () => {
      const seen = new Map<string, { title: string; title_ko: string | null; day: string }>();
      for (let i = 0; i < meetingIds.length; i += 500) {
        const ms = await db
          .selectFrom('meetings')
          .select(['id', 'title', 'title_ko', 'starts_at', 'timezone'])
          .where('id', 'in', meetingIds.slice(i, i + 500))
          .where(visibleTo(actor, 'meetings'))
          .execute();
        for (const m of ms) seen.set(m.id, { title: m.title, title_ko: m.title_ko, day: dayInZone(m.starts_at, m.timezone) });
      }
      return seen;
    })(),
  ]);
  return rows.map((r) => {
    const hideDoc = r.document_id !== null && !docs.has(r.document_id);
    const m = r.meeting_id === null ? undefined : meetings.get(r.meeting_id);
    return {
      ...r,
      ...(hideDoc ? { document_id: null, clause_key: null } : {}),
      meeting_id: m ? r.meeting_id : null,
      meeting_title: m?.title ?? null,
      meeting_title_ko: m?.title_ko ?? null,
      meeting_day: m?.day ?? null,
    };
  });
}

/**
 * Commitments the actor may see, soonest due first (undated last). Visibility and the plain
 * filters are applied in SQL; the state filter needs each party's latest report, so it is applied
 * after, and the page is cut from what passes. `responsiblePartyId` also matches commitments of
 * both (all) parties (responsible party null).
 */
export async function findCommitments(db: Db, actor: Actor, f: CommitmentFilter, today = todayUtc()): Promise<CommitmentView[]> {
  let q = db.selectFrom('commitments').selectAll().where(visibleTo(actor, 'commitments'));
  if (f.wgId) q = q.where('wg_id', '=', f.wgId);
  if (f.documentId) {
    // Filtering by a document the reader may not see matches nothing (it is not named to them).
    if (!(await visibleIdsAmong(db, actor, 'documents', [f.documentId])).size) return [];
    q = q.where('document_id', '=', f.documentId);
  }
  if (f.responsiblePartyId) {
    const p = f.responsiblePartyId;
    q = q.where((eb) => eb.or([eb('responsible_party_id', '=', p), eb('responsible_party_id', 'is', null)]));
  }
  if (f.dueBefore) q = q.where('due_on', '<', f.dueBefore);
  const rows = await sourcesVisible(db, actor, await q.orderBy(sql`case when due_on is null then 1 else 0 end`).orderBy('due_on').orderBy('created_at').orderBy('id').execute());
  let views = withState(
    rows,
    await reportsFor(
      db,
      rows.map((r) => r.id),
    ),
    today,
  );
  if (f.state) views = views.filter((v) => v.flags[f.state!]);
  const offset = f.offset ?? 0;
  return views.slice(offset, offset + (f.limit ?? 100));
}

/** One commitment the actor may see, with every progress report and its state, or 404. */
export async function getCommitmentDetail(db: Db, actor: Actor, id: string, today = todayUtc()): Promise<CommitmentView> {
  const [c] = await sourcesVisible(db, actor, [await getVisible(db, actor, 'commitments', id, 'Commitment')]);
  return withState([c], await reportsFor(db, [id]), today)[0];
}
