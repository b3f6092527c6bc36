import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import type { Database, WgProposalRow } from '../db/tables.ts';
import type { WorkingGroupStatus } from '../../core/vocabulary.ts';
import type { ProposalStatus } from '../../core/api/proposals.ts';
import { notFound } from '../errors.ts';
import { proposalVisibleTo } from '../policies/visibility.ts';

export type ProposalListRow = WgProposalRow & { wg_name: string; wg_name_ko: string | null; wg_status: WorkingGroupStatus; proposer_name: string; proposer_org_id: string };

export interface ProposalDetail {
  row: ProposalListRow;
  requiredPartyIds: string[];
  approvals: { party_id: string; user_id: string; approved_at: string; display_name: string }[];
}

/** What presenting proposals needs beside their rows: the parties and organisations they name. */
export interface ProposalNames {
  parties: Map<string, { id: string; code: string; name: string; name_ko: string | null }>;
  organisations: Map<string, { id: string; name: string; name_ko: string | null; acronym: string | null; party_id: string }>;
}

function base(db: Kysely<Database>, actor: Actor) {
  return db
    .selectFrom('wg_proposals')
    .innerJoin('working_groups', 'working_groups.id', 'wg_proposals.wg_id')
    .innerJoin('users', 'users.id', 'wg_proposals.proposed_by')
    .selectAll('wg_proposals')
    .select([
      'working_groups.name as wg_name',
      'working_groups.name_ko as wg_name_ko',
      'working_groups.status as wg_status',
      'users.display_name as proposer_name',
      'users.organisation_id as proposer_org_id',
    ])
    .where(proposalVisibleTo(actor));
}

async function withApprovals(db: Kysely<Database>, rows: ProposalListRow[]): Promise<ProposalDetail[]> {
  const ids = rows.map((r) => r.id);
  const approvals = ids.length
    ? await db
        .selectFrom('wg_proposal_approvals')
        .innerJoin('users', 'users.id', 'wg_proposal_approvals.user_id')
        .select(['wg_proposal_approvals.proposal_id', 'wg_proposal_approvals.party_id', 'wg_proposal_approvals.user_id', 'wg_proposal_approvals.approved_at', 'users.display_name'])
        .where('wg_proposal_approvals.proposal_id', 'in', ids)
        .execute()
    : [];
  return rows.map((row) => ({ row, requiredPartyIds: JSON.parse(row.required_party_ids) as string[], approvals: approvals.filter((a) => a.proposal_id === row.id) }));
}

/** The proposals the actor may see (newest first), of one group or all, by status; visibility in SQL. */
export async function findProposals(db: Kysely<Database>, actor: Actor, f: { wgId?: string; status?: ProposalStatus }): Promise<ProposalDetail[]> {
  let q = base(db, actor);
  if (f.wgId) q = q.where('wg_proposals.wg_id', '=', f.wgId);
  if (f.status) q = q.where('wg_proposals.status', '=', f.status);
  const rows = (await q.orderBy('wg_proposals.created_at', 'desc').orderBy('wg_proposals.id', 'desc').limit(500).execute()) as ProposalListRow[];
  return withApprovals(db, rows);
}

/** One proposal the actor may see, or 404 (invisible and missing look the same). */
export async function getProposal(db: Kysely<Database>, actor: Actor, id: string): Promise<ProposalDetail> {
  const row = (await base(db, actor).where('wg_proposals.id', '=', id).executeTakeFirst()) as ProposalListRow | undefined;
  if (!row) throw notFound('Proposal');
  return (await withApprovals(db, [row]))[0];
}

/** The parties and organisations the given proposals name (reference data, public to every signed-in user). */
export async function proposalNames(db: Kysely<Database>, details: ProposalDetail[]): Promise<ProposalNames> {
  const partyIds = new Set<string>();
  const orgIds = new Set<string>();
  for (const d of details) {
    for (const p of d.requiredPartyIds) partyIds.add(p);
    const payload = JSON.parse(d.row.payload) as { before?: string[]; after?: string[]; organisationId?: string };
    for (const p of [...(payload.before ?? []), ...(payload.after ?? [])]) partyIds.add(p);
    if (payload.organisationId) orgIds.add(payload.organisationId);
  }
  const [parties, organisations] = await Promise.all([
    partyIds.size
      ? db
          .selectFrom('parties')
          .select(['id', 'code', 'name', 'name_ko'])
          .where('id', 'in', [...partyIds])
          .execute()
      : Promise.resolve([]),
    orgIds.size
      ? db
          .selectFrom('organisations')
          .select(['id', 'name', 'name_ko', 'acronym', 'party_id'])
          .where('id', 'in', [...orgIds])
          .execute()
      : Promise.resolve([]),
  ]);
  return { parties: new Map(parties.map((p) => [p.id, p])), organisations: new Map(organisations.map((o) => [o.id, o])) };
}
