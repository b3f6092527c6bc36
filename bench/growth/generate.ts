/**
 * The growth benchmark's stores: the demo scenario and k − 1 copies of its working groups (with
 * everything recorded in them: tracks, meetings, agendas, attendance, issues, positions,
 * statements, documents, commitments, projects, notes), deterministic, loaded by the demo loader
 * (`loadDemo`) in one transaction: every row checked by the store's constraints, one audit event
 * per guarded record appended to the hash chain, document versions hashed and sign-offs signed by
 * each party's key. Reference data (parties, organisations, people, users) is shared; every demo
 * user holds in each copy the role they hold in the original, so the same readers see k times as
 * much.
 *
 * A copy's ids are the original's with `~k` appended (every value of a copied row that is the id
 * of a copied row is remapped the same way, so its references stay inside the copy); its dates
 * move back by k days so that lists ordered by date interleave the copies rather than tie.
 */
import { demoScenario } from '../../src/server/demo/scenario.ts';
import type { DemoScenario } from '../../src/server/demo/types.ts';

/** The tables whose rows belong to a working group (copied per scale step). */
const COPIED = [
  'working_groups',
  'wg_parties',
  'wg_members',
  'wg_leads',
  'tracks',
  'meetings',
  'meeting_leads',
  'issues',
  'agenda_items',
  'attendance',
  'positions',
  'statements',
  'statement_issues',
  'documents',
  'document_versions',
  'clauses',
  'clause_alternatives',
  'signoffs',
  'commitments',
  'progress_reports',
  'projects',
  'project_stage_events',
  'project_date_changes',
  'notes',
] as const satisfies readonly (keyof DemoScenario)[];

type Row = Record<string, unknown>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T/;

/** A date or date-time moved back by `days` (same form as given). */
function shift(v: string, days: number): string {
  const ms = Date.parse(DATE.test(v) ? `${v}T00:00:00Z` : v) - days * 86_400_000;
  const iso = new Date(ms).toISOString();
  return DATE.test(v) ? iso.slice(0, 10) : iso;
}

/** The demo and `scale − 1` copies of its groups' records. */
export function scaledScenario(scale: number, base: DemoScenario = demoScenario): DemoScenario {
  const ids = new Set<string>();
  for (const t of COPIED) for (const r of base[t] as Row[]) if (typeof r.id === 'string') ids.add(r.id);
  const out = { ...base, users: base.users.map((u) => ({ ...u, roles: [...u.roles] })) } as DemoScenario;
  const lists = Object.fromEntries(COPIED.map((t) => [t, [...(base[t] as Row[])]])) as Record<(typeof COPIED)[number], Row[]>;
  for (let k = 1; k < scale; k++) {
    const copy = (v: unknown, key: string): unknown => {
      if (typeof v !== 'string') return v;
      if (ids.has(v)) return `${v}~${k}`;
      if ((key.endsWith('_on') || key.endsWith('_at') || key.endsWith('_from') || key.endsWith('_to') || key.endsWith('_date')) && (DATE.test(v) || DATE_TIME.test(v))) return shift(v, k);
      return v;
    };
    for (const t of COPIED) {
      for (const r of base[t] as Row[]) lists[t].push(Object.fromEntries(Object.entries(r).map(([key, v]) => [key, copy(v, key)])));
    }
    for (const u of out.users) {
      const original = base.users.find((b) => b.id === u.id)!;
      for (const role of original.roles) u.roles.push({ ...role, wg_id: `${role.wg_id}~${k}` });
    }
  }
  Object.assign(out, lists);
  return out;
}

/** Rows per table of a scenario (for the report). */
export function scenarioCounts(s: DemoScenario): Record<string, number> {
  return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, (v as unknown[]).length]));
}
