import type { Actor } from '../auth/actor.ts';
import type { AuditEntry } from '../audit/chain.ts';
import type { WgProposalRow, WorkingGroupRow } from '../db/tables.ts';
import { AppError, forbidden, notFound } from '../errors.ts';
import { canDecideProposal, canWithdrawProposal, invitationOpensAtOnce } from '../policies/proposal.ts';
import { getProposal, type ProposalDetail } from '../queries/proposals.ts';
import type { ProposalPayload } from '../presenters/proposal.ts';
import type { ProposalKind } from '../../core/api/proposals.ts';
import { guardOf } from './guard.ts';
import { newId, now, runCommand, updateVersioned, type ActingContext, type Tx } from './run.ts';

/*
 * Joint decisions (policies/proposal.ts has the rule): a change that needs the other parties of a
 * working group is written as a proposal; each party's approval is a row of
 * `wg_proposal_approvals`; the approval that completes it applies the change in the same
 * transaction, and every step leaves its audit event there too.
 */

type Audit = (e: AuditEntry) => void;

/**
 * Opens a proposal inside the caller's transaction. The proposer's party approves it as it opens;
 * `required` are the parties whose approval it needs (the proposer's among them), `invited` the one
 * among them not yet in the group, which decides last.
 */
export async function openProposal(
  tx: Tx,
  actor: Actor,
  wg: Pick<WorkingGroupRow, 'id' | 'classification'>,
  kind: ProposalKind,
  payload: ProposalPayload,
  required: string[],
  invited: string | null,
  audit: Audit,
): Promise<string> {
  const t = now();
  const row: WgProposalRow = {
    id: newId(),
    wg_id: wg.id,
    kind,
    payload: JSON.stringify(payload),
    required_party_ids: JSON.stringify(required),
    invited_party_id: invited,
    invitation_open: invitationOpensAtOnce(actor, required, invited) ? 1 : 0,
    proposed_by: actor.userId,
    status: 'open',
    reason: null,
    decided_by: null,
    decided_at: null,
    owner_org_id: actor.orgId,
    owner_party_id: actor.partyId,
    scope: 'group',
    classification: Number(wg.classification),
    version: 1,
    created_at: t,
    updated_at: t,
  };
  await tx.insertInto('wg_proposals').values(row).execute();
  await tx.insertInto('wg_proposal_approvals').values({ proposal_id: row.id, party_id: actor.partyId, user_id: actor.userId, approved_at: t }).execute();
  audit({ action: 'proposal.create', entityType: 'proposal', entityId: row.id, after: { ...row, approvedBy: { [actor.partyId]: actor.userId } }, guard: guardOf(row) });
  return row.id;
}

const facts = (d: ProposalDetail) => ({
  ...d.row,
  invitation_open: Number(d.row.invitation_open),
  requiredPartyIds: d.requiredPartyIds,
  approvedPartyIds: d.approvals.map((a) => a.party_id),
});

function ensureOpen(d: ProposalDetail) {
  if (d.row.status !== 'open') throw new AppError('conflict', `The proposal is ${d.row.status}, no longer open`, { reason: 'already_decided' });
}

async function loadGroup(ctx: ActingContext, wgId: string): Promise<WorkingGroupRow> {
  // The caller sees the proposal; the group row itself is read without the visibility rule, as a
  // party invited in does not see the group before it has joined (nothing of it is returned).
  const wg = await ctx.store.db.selectFrom('working_groups').selectAll().where('id', '=', wgId).executeTakeFirst();
  if (!wg) throw notFound('Working group');
  return wg;
}

async function grantSecretariat(tx: Tx, wgId: string, userId: string) {
  const existing = await tx.selectFrom('wg_user_roles').select('role').where('wg_id', '=', wgId).where('user_id', '=', userId).executeTakeFirst();
  if (existing) await tx.updateTable('wg_user_roles').set({ role: 'secretariat' }).where('wg_id', '=', wgId).where('user_id', '=', userId).execute();
  else await tx.insertInto('wg_user_roles').values({ wg_id: wgId, user_id: userId, role: 'secretariat' }).execute();
  return existing?.role ?? null;
}

/** A group that was never established (declined, or its founding withdrawn): nobody holds a role in it. */
async function closeFounding(tx: Tx, wg: WorkingGroupRow, audit: Audit) {
  await tx
    .updateTable('working_groups')
    .set({ status: 'declined', version: Number(wg.version) + 1, updated_at: now() })
    .where('id', '=', wg.id)
    .execute();
  await tx.deleteFrom('wg_user_roles').where('wg_id', '=', wg.id).execute();
  audit({ action: 'working_group.update', entityType: 'working_group', entityId: wg.id, before: { status: wg.status }, after: { status: 'declined' }, guard: guardOf(wg) });
}

/**
 * Applies a proposal every party has approved: the change it carries, audited as the group's own.
 * A party brought in takes part through the organisation of the one who accepted for it, who
 * becomes its secretariat in the group (as in a founding), so that the party can take part in the
 * group's next joint decisions.
 */
async function applyProposal(tx: Tx, actor: Actor, d: ProposalDetail, wg: WorkingGroupRow, audit: Audit) {
  const payload = JSON.parse(d.row.payload) as ProposalPayload;
  const t = now();
  const bump = { version: Number(wg.version) + 1, updated_at: t };
  if (d.row.kind === 'found') {
    const established_on = wg.established_on ?? t.slice(0, 10);
    await tx
      .updateTable('working_groups')
      .set({ status: 'established', established_on, ...bump })
      .where('id', '=', wg.id)
      .execute();
    audit({ action: 'working_group.update', entityType: 'working_group', entityId: wg.id, before: { status: wg.status }, after: { status: 'established', established_on }, guard: guardOf(wg) });
  } else if (d.row.kind === 'parties') {
    // Applied as the change it proposed (these parties in, those out) to the parties of today, so
    // that another change applied in between is neither undone nor redone.
    const before = (await tx.selectFrom('wg_parties').select('party_id').where('wg_id', '=', wg.id).execute()).map((p) => p.party_id);
    const proposedBefore = payload.before ?? [];
    const proposedAfter = payload.after ?? [];
    const added = proposedAfter.filter((p) => !proposedBefore.includes(p));
    const removed = proposedBefore.filter((p) => !proposedAfter.includes(p));
    const after = [...before.filter((p) => !removed.includes(p)), ...added.filter((p) => !before.includes(p))];
    if (after.length === 0) throw new AppError('conflict', 'The change would leave the group without a party', { reason: 'party_not_in_group' });
    const orphan = await tx
      .selectFrom('wg_members')
      .innerJoin('organisations', 'organisations.id', 'wg_members.organisation_id')
      .select('organisations.name')
      .where('wg_members.wg_id', '=', wg.id)
      .where('organisations.party_id', 'not in', after)
      .executeTakeFirst();
    if (orphan) throw new AppError('conflict', `The change would leave out the party of member organisation ${orphan.name}; set its participation first`, { reason: 'party_not_in_group' });
    await tx.deleteFrom('wg_parties').where('wg_id', '=', wg.id).execute();
    await tx
      .insertInto('wg_parties')
      .values(after.map((p) => ({ wg_id: wg.id, party_id: p })))
      .execute();
    await tx.updateTable('working_groups').set(bump).where('id', '=', wg.id).execute();
    audit({ action: 'working_group.update', entityType: 'working_group', entityId: wg.id, before: { partyIds: before }, after: { partyIds: after, proposalId: d.row.id }, guard: guardOf(wg) });
    if (d.row.invited_party_id && added.includes(d.row.invited_party_id)) {
      const existing = await tx.selectFrom('wg_members').selectAll().where('wg_id', '=', wg.id).where('organisation_id', '=', actor.orgId).executeTakeFirst();
      const member = { wg_id: wg.id, organisation_id: actor.orgId, participation: 'member' as const, note: existing?.note ?? null };
      if (existing) await tx.updateTable('wg_members').set({ participation: 'member' }).where('wg_id', '=', wg.id).where('organisation_id', '=', actor.orgId).execute();
      else await tx.insertInto('wg_members').values(member).execute();
      audit({ action: 'working_group.member_set', entityType: 'working_group', entityId: wg.id, before: existing ?? null, after: { ...member, proposalId: d.row.id }, guard: guardOf(wg) });
      const role = await grantSecretariat(tx, wg.id, actor.userId);
      audit({
        action: 'working_group.role_set',
        entityType: 'working_group',
        entityId: wg.id,
        before: { userId: actor.userId, role },
        after: { userId: actor.userId, role: 'secretariat' },
        guard: guardOf(wg),
      });
    }
  } else {
    const orgId = payload.organisationId!;
    const row = { wg_id: wg.id, organisation_id: orgId, participation: payload.participation!, note: payload.note ?? null };
    const existing = await tx.selectFrom('wg_members').selectAll().where('wg_id', '=', wg.id).where('organisation_id', '=', orgId).executeTakeFirst();
    if (existing) await tx.updateTable('wg_members').set({ participation: row.participation, note: row.note }).where('wg_id', '=', wg.id).where('organisation_id', '=', orgId).execute();
    else await tx.insertInto('wg_members').values(row).execute();
    audit({ action: 'working_group.member_set', entityType: 'working_group', entityId: wg.id, before: existing ?? null, after: { ...row, proposalId: d.row.id }, guard: guardOf(wg) });
  }
  audit({ action: 'proposal.apply', entityType: 'proposal', entityId: d.row.id, before: { status: 'open' }, after: { status: 'applied', kind: d.row.kind, payload }, guard: guardOf(d.row) });
}

/**
 * Approves a proposal for the actor's party. The approval that completes it applies the change
 * (in the same transaction); the one after which only an invited party remains opens the
 * proposal to that party. Accepting a group being founded makes the one who accepts its
 * secretariat for their party. Returns the proposal's status after the approval.
 */
export async function approveProposal(ctx: ActingContext, id: string, version: number): Promise<{ status: 'open' | 'applied' }> {
  const { actor } = ctx;
  const d = await getProposal(ctx.store.db, actor, id);
  ensureOpen(d);
  const f = facts(d);
  if (!canDecideProposal(actor, f)) throw forbidden('Only the chair or secretariat of a party whose approval the proposal needs may approve it, once, for their party', 'not_permitted');
  const wg = await loadGroup(ctx, d.row.wg_id);
  const approved = [...f.approvedPartyIds, actor.partyId];
  const complete = d.requiredPartyIds.every((p) => approved.includes(p));
  const invited = d.row.invited_party_id;
  const openInvitation = !!invited && d.requiredPartyIds.filter((p) => p !== invited).every((p) => approved.includes(p));
  const t = now();
  await runCommand(ctx, async (tx, audit) => {
    await updateVersioned(tx, 'wg_proposals', id, version, complete ? { status: 'applied', decided_by: actor.userId, decided_at: t } : { invitation_open: openInvitation ? 1 : 0 });
    await tx.insertInto('wg_proposal_approvals').values({ proposal_id: id, party_id: actor.partyId, user_id: actor.userId, approved_at: t }).execute();
    audit({ action: 'proposal.approve', entityType: 'proposal', entityId: id, after: { partyId: actor.partyId, userId: actor.userId, complete }, guard: guardOf(d.row) });
    if (d.row.kind === 'found') {
      const before = await grantSecretariat(tx, wg.id, actor.userId);
      audit({
        action: 'working_group.role_set',
        entityType: 'working_group',
        entityId: wg.id,
        before: { userId: actor.userId, role: before },
        after: { userId: actor.userId, role: 'secretariat' },
        guard: guardOf(wg),
      });
    }
    if (complete) await applyProposal(tx, actor, d, wg, audit);
  });
  return { status: complete ? 'applied' : 'open' };
}

/** Declines a proposal for the actor's party, with the reason the other parties read. A declined founding leaves the group `declined`. */
export async function declineProposal(ctx: ActingContext, id: string, version: number, reason: string): Promise<void> {
  const { actor } = ctx;
  const d = await getProposal(ctx.store.db, actor, id);
  ensureOpen(d);
  if (!canDecideProposal(actor, facts(d))) throw forbidden('Only the chair or secretariat of a party whose approval the proposal needs may decline it', 'not_permitted');
  const wg = await loadGroup(ctx, d.row.wg_id);
  const t = now();
  await runCommand(ctx, async (tx, audit) => {
    await updateVersioned(tx, 'wg_proposals', id, version, { status: 'declined', reason, decided_by: actor.userId, decided_at: t });
    audit({ action: 'proposal.decline', entityType: 'proposal', entityId: id, before: { status: 'open' }, after: { status: 'declined', partyId: actor.partyId, reason }, guard: guardOf(d.row) });
    if (d.row.kind === 'found') await closeFounding(tx, wg, audit);
  });
}

/** Withdraws a proposal (its proposer's party). A withdrawn founding leaves the group `declined`. */
export async function withdrawProposal(ctx: ActingContext, id: string, version: number): Promise<void> {
  const { actor } = ctx;
  const d = await getProposal(ctx.store.db, actor, id);
  ensureOpen(d);
  if (!canWithdrawProposal(actor, facts(d))) throw forbidden("Only the proposer's party (the proposer, or its chair or secretariat in the group) may withdraw a proposal", 'not_permitted');
  const wg = await loadGroup(ctx, d.row.wg_id);
  const t = now();
  await runCommand(ctx, async (tx, audit) => {
    await updateVersioned(tx, 'wg_proposals', id, version, { status: 'withdrawn', decided_by: actor.userId, decided_at: t });
    audit({ action: 'proposal.withdraw', entityType: 'proposal', entityId: id, before: { status: 'open' }, after: { status: 'withdrawn' }, guard: guardOf(d.row) });
    if (d.row.kind === 'found') await closeFounding(tx, wg, audit);
  });
}
