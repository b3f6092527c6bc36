import type { Static } from 'typebox';
import type { Actor } from '../auth/actor.ts';
import type { TrackRow, WorkingGroupRow } from '../db/tables.ts';
import { WG_LIFECYCLE, type WorkingGroupStatus } from '../../core/vocabulary.ts';
import { AppError, badRequest, forbidden, notFound, staleVersion } from '../errors.ts';
import { canChangeGroupSettings, canCreateWorkingGroup, workingGroupAbilities, type WorkingGroupAbilities } from '../policies/working-group.ts';
import { isProposersOrganisation, memberChangeNeedsApproval, partiesChangeNeedsApproval } from '../policies/proposal.ts';
import { openProposal } from './proposals.ts';
import { getVisible } from '../queries/visible.ts';
import type { LeadInput, MemberBody, MemberInput, TrackCreateBody, TrackUpdateBody, WorkingGroupCreateBody, WorkingGroupUpdateBody } from '../../core/api/working-groups.ts';
import { guardOf, newGuard } from './guard.ts';
import { newId, now, runCommand, updateVersioned, type ActingContext, type CommandContext, type Tx } from './run.ts';
import { checkOptionalDate, checkRrule, checkTimeZone, patchFrom, pick } from './values.ts';
import { parseLabelScale, presentLabelScale, type StoredLabelScale } from '../analytics/label-scale.ts';

type Lifecycle = Pick<WorkingGroupRow, 'status' | 'established_on' | 'termination_agreed_on' | 'ended_on'>;

const lifecycleAt = (s: WorkingGroupStatus): number => (WG_LIFECYCLE as readonly string[]).indexOf(s);

/**
 * A group's life moves one way: established → termination agreed → ended (a step may be
 * skipped, never undone). Each later status needs its date, and the dates run in order. A
 * `proposed` group is none of these yet (its parties' acceptance establishes it).
 */
function checkLifecycle(next: Lifecycle, previous?: WorkingGroupStatus) {
  const at = lifecycleAt(next.status);
  if (previous !== undefined && at < lifecycleAt(previous)) {
    throw badRequest('body.status', `cannot go back from ${previous} to ${next.status}`, 'not_in_this_state');
  }
  checkOptionalDate(next.established_on, 'body.establishedOn');
  checkOptionalDate(next.termination_agreed_on, 'body.terminationAgreedOn');
  checkOptionalDate(next.ended_on, 'body.endedOn');
  if (next.status === 'termination_agreed' && !next.termination_agreed_on) throw badRequest('body.terminationAgreedOn', 'is required when termination is agreed', 'required_here');
  if (next.status === 'ended' && !next.ended_on) throw badRequest('body.endedOn', 'is required when the group has ended', 'required_here');
  if (next.termination_agreed_on && at < 1) throw badRequest('body.terminationAgreedOn', 'needs status termination_agreed or ended', 'required_here');
  if (next.ended_on && at < 2) throw badRequest('body.endedOn', 'needs status ended', 'required_here');
  if (next.established_on && next.termination_agreed_on && next.termination_agreed_on < next.established_on) {
    throw badRequest('body.terminationAgreedOn', 'is before establishedOn', 'date_order');
  }
  const before = next.termination_agreed_on ?? next.established_on;
  if (next.ended_on && before && next.ended_on < before) throw badRequest('body.endedOn', `is before ${next.termination_agreed_on ? 'terminationAgreedOn' : 'establishedOn'}`, 'date_order');
}

async function checkParties(ctx: CommandContext, partyIds: string[]) {
  const uniq = [...new Set(partyIds)];
  const found = await ctx.store.db.selectFrom('parties').select('id').where('id', 'in', uniq).execute();
  if (found.length !== uniq.length) {
    const missing = uniq.find((p) => !found.some((f) => f.id === p));
    throw badRequest('body.partyIds', `names an unknown party "${missing}"`, 'unknown_record');
  }
  return uniq;
}

async function checkMembers(ctx: CommandContext, partyIds: string[], members: Static<typeof MemberInput>[]) {
  const seen = new Set<string>();
  for (const [i, m] of members.entries()) {
    const org = await ctx.store.db.selectFrom('organisations').select(['id', 'party_id']).where('id', '=', m.organisationId).executeTakeFirst();
    if (!org) throw badRequest(`body.members.${i}.organisationId`, 'names no organisation', 'unknown_record');
    if (!partyIds.includes(org.party_id)) throw badRequest(`body.members.${i}.organisationId`, 'belongs to a party that is not in the group', 'party_not_in_group');
    if (seen.has(org.id)) throw badRequest(`body.members.${i}.organisationId`, 'is listed twice', 'duplicate');
    seen.add(org.id);
  }
}

async function checkLeads(ctx: CommandContext, partyIds: string[], leads: Static<typeof LeadInput>[]) {
  for (const [i, l] of leads.entries()) {
    const p = await ctx.store.db.selectFrom('people').select('id').where('id', '=', l.personId).executeTakeFirst();
    if (!p) throw badRequest(`body.leads.${i}.personId`, 'names no person', 'unknown_record');
    if (!partyIds.includes(l.partyId)) throw badRequest(`body.leads.${i}.partyId`, 'is not a party to the group', 'party_not_in_group');
  }
}

async function checkPredecessor(ctx: CommandContext, actor: Actor, predecessorId: string, selfId?: string) {
  const db = ctx.store.db;
  await getVisible(db, actor, 'working_groups', predecessorId, 'Working group').catch(() => {
    throw badRequest('body.predecessorId', 'names no working group you can see', 'unknown_record');
  });
  let cur: string | null = predecessorId;
  const seen = new Set<string>();
  while (cur && !seen.has(cur)) {
    if (cur === selfId) throw badRequest('body.predecessorId', 'would make the group its own predecessor', 'cycle');
    seen.add(cur);
    const up: { predecessor_id: string | null } | undefined = await db.selectFrom('working_groups').select('predecessor_id').where('id', '=', cur).executeTakeFirst();
    cur = up?.predecessor_id ?? null;
  }
}

async function replaceLeads(tx: Tx, wgId: string, leads: Static<typeof LeadInput>[]) {
  await tx.deleteFrom('wg_leads').where('wg_id', '=', wgId).execute();
  const rows = leads.map((l) => ({ id: newId(), wg_id: wgId, person_id: l.personId, role: l.role, party_id: l.partyId }));
  if (rows.length) await tx.insertInto('wg_leads').values(rows).execute();
  return rows;
}

/**
 * Founds a working group, or proposes one: its parties, member organisations and leads, in one
 * transaction. The proposer (someone who speaks for their party: policies/proposal.ts) becomes
 * the group's secretariat for their party, and their organisation a member if the body leaves it
 * out. A group of one party is established at once; a group of several starts `proposed`, with a
 * `found` proposal the other parties accept (each through someone who speaks for it and whose
 * organisation the proposal names as a member) or decline. Every party needs a member
 * organisation, through which its users see the proposal.
 */
export async function createWorkingGroup(ctx: ActingContext, body: Static<typeof WorkingGroupCreateBody>): Promise<string> {
  const { actor } = ctx;
  if (!canCreateWorkingGroup(actor)) throw forbidden('Only the chair or secretariat of a group of your party, or an administrator, may propose a working group', 'not_permitted');
  const id = newId();
  const guard = newGuard(actor, id, body);
  checkTimeZone(body.timezone, 'body.timezone');
  const cadence = body.cadenceRrule === undefined ? null : checkRrule(body.cadenceRrule, 'body.cadenceRrule');
  const partyIds = await checkParties(ctx, body.partyIds);
  if (!partyIds.includes(actor.partyId)) throw badRequest('body.partyIds', 'must include your own party', 'party_not_in_group');
  const joint = partyIds.length > 1;
  if (body.status !== undefined && (joint || lifecycleAt(body.status) < 0)) {
    throw badRequest('body.status', joint ? 'is not given for a group of several parties: it is proposed until the other parties accept' : `cannot be ${body.status}`, 'not_in_this_state');
  }
  const memberInput = [...(body.members ?? [])];
  const own = memberInput.find((m) => isProposersOrganisation(actor, m.organisationId));
  if (!own) memberInput.push({ organisationId: actor.orgId, participation: 'member' });
  else if (own.participation !== 'member')
    throw badRequest(`body.members.${memberInput.indexOf(own)}.participation`, 'must be member for your own organisation: you become the secretariat', 'own_organisation_member');
  await checkMembers(ctx, partyIds, memberInput);
  if (joint) {
    const orgParties = await ctx.store.db
      .selectFrom('organisations')
      .select(['id', 'party_id'])
      .where(
        'id',
        'in',
        memberInput.filter((m) => m.participation === 'member').map((m) => m.organisationId),
      )
      .execute();
    const lacking = partyIds.find((p) => !orgParties.some((o) => o.party_id === p));
    if (lacking) throw badRequest('body.members', `names no member organisation of party ${lacking}: each party needs one, through which it sees and accepts the proposal`, 'party_needs_member');
  }
  await checkLeads(ctx, partyIds, body.leads ?? []);
  if (body.predecessorId) await checkPredecessor(ctx, actor, body.predecessorId);
  const t = now();
  const row: WorkingGroupRow = {
    id,
    wg_id: id,
    name: body.name,
    name_ko: body.nameKo ?? null,
    short_name: body.shortName ?? null,
    mandate: body.mandate ?? null,
    mandate_ko: body.mandateKo ?? null,
    kind: body.kind,
    status: joint ? 'proposed' : (body.status ?? 'established'),
    established_on: body.establishedOn ?? (joint ? null : t.slice(0, 10)),
    termination_agreed_on: body.terminationAgreedOn ?? null,
    ended_on: body.endedOn ?? null,
    cadence_rrule: cadence,
    cadence_note: body.cadenceNote ?? null,
    timezone: body.timezone,
    predecessor_id: body.predecessorId ?? null,
    ...guard,
    version: 1,
    created_at: t,
    updated_at: t,
  };
  checkLifecycle(row);
  await runCommand(ctx, async (tx, audit) => {
    await tx.insertInto('working_groups').values(row).execute();
    await tx
      .insertInto('wg_parties')
      .values(partyIds.map((p) => ({ wg_id: id, party_id: p })))
      .execute();
    const members = memberInput.map((m) => ({ wg_id: id, organisation_id: m.organisationId, participation: m.participation, note: m.note ?? null }));
    if (members.length) await tx.insertInto('wg_members').values(members).execute();
    const leads = await replaceLeads(tx, id, body.leads ?? []);
    await tx.insertInto('wg_user_roles').values({ wg_id: id, user_id: actor.userId, role: 'secretariat' }).execute();
    audit({ action: 'working_group.create', entityType: 'working_group', entityId: id, after: { ...row, partyIds, members, leads, secretariat: actor.userId }, guard: guardOf(row) });
    if (joint) await openProposal(tx, actor, row, 'found', {}, partyIds, null, audit);
  });
  return id;
}

/** A group still being founded (or never founded) changes its parties and members only by being proposed anew. */
function ensureFounded(wg: WorkingGroupRow) {
  if (wg.status === 'proposed' || wg.status === 'declined') throw new AppError('conflict', `The group is ${wg.status}: it changes once its parties have accepted it`, { reason: 'not_in_this_state' });
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

async function loadManaged(ctx: CommandContext, actor: Actor, id: string, ability: keyof WorkingGroupAbilities, what: string) {
  const wg = await getVisible(ctx.store.db, actor, 'working_groups', id, 'Working group');
  if (ability === 'update' || ability === 'manageMembers') ensureFounded(wg);
  if (!workingGroupAbilities(actor, wg)[ability]) throw forbidden(`Only the chair or secretariat of the working group (or an administrator) may ${what}`, 'not_permitted');
  return wg;
}

/**
 * Changes a group: names, mandate, lifecycle with its dates, cadence, parties, leads. A change of
 * parties that needs the other parties (policies/proposal.ts) is not made: it opens a proposal,
 * whose id is returned, and must come on its own (with no other field).
 */
export async function updateWorkingGroup(ctx: ActingContext, id: string, version: number, body: Static<typeof WorkingGroupUpdateBody>): Promise<{ proposalId: string } | undefined> {
  const { actor } = ctx;
  const wg = await loadManaged(ctx, actor, id, 'update', 'change it');
  const db = ctx.store.db;
  if (body.status !== undefined && lifecycleAt(body.status) < 0)
    throw badRequest('body.status', `cannot be set to ${body.status}: a group is proposed and established by its parties`, 'not_in_this_state');
  const patch = patchFrom(body, {
    name: 'name',
    nameKo: 'name_ko',
    shortName: 'short_name',
    mandate: 'mandate',
    mandateKo: 'mandate_ko',
    kind: 'kind',
    status: 'status',
    establishedOn: 'established_on',
    terminationAgreedOn: 'termination_agreed_on',
    endedOn: 'ended_on',
    cadenceNote: 'cadence_note',
    timezone: 'timezone',
    predecessorId: 'predecessor_id',
  });
  if (body.timezone !== undefined) checkTimeZone(body.timezone, 'body.timezone');
  if (body.cadenceRrule !== undefined) patch.cadence_rrule = body.cadenceRrule === null ? null : checkRrule(body.cadenceRrule, 'body.cadenceRrule');
  checkLifecycle({ ...wg, ...(patch as Partial<Lifecycle>) }, wg.status);
  if (body.predecessorId) await checkPredecessor(ctx, actor, body.predecessorId, id);
  const currentParties = (await db.selectFrom('wg_parties').select('party_id').where('wg_id', '=', id).execute()).map((p) => p.party_id);
  const partyIds = body.partyIds ? await checkParties(ctx, body.partyIds) : currentParties;
  if (body.partyIds) {
    const orphan = await db
      .selectFrom('wg_members')
      .innerJoin('organisations', 'organisations.id', 'wg_members.organisation_id')
      .select('organisations.name')
      .where('wg_members.wg_id', '=', id)
      .where('organisations.party_id', 'not in', partyIds)
      .executeTakeFirst();
    if (orphan) throw badRequest('body.partyIds', `leaves out the party of member organisation ${orphan.name}`, 'party_not_in_group');
  }
  if (body.partyIds && !sameSet(partyIds, currentParties) && partiesChangeNeedsApproval(currentParties, partyIds)) {
    if (Object.keys(body).some((k) => k !== 'partyIds')) throw badRequest('body.partyIds', 'is changed on its own: the change waits for the approval of the other parties', 'one_change_at_a_time');
    const added = partyIds.filter((p) => !currentParties.includes(p));
    if (added.length > 1) throw badRequest('body.partyIds', 'brings in one party at a time (each has to agree to join)', 'one_change_at_a_time');
    if (Number(wg.version) !== version) throw staleVersion(Number(wg.version));
    const proposalId = await runCommand(ctx, (tx, audit) =>
      openProposal(tx, actor, wg, 'parties', { before: currentParties, after: partyIds }, [...currentParties, ...added], added[0] ?? null, audit),
    );
    return { proposalId };
  }
  if (body.leads) await checkLeads(ctx, partyIds, body.leads);
  const before: Record<string, unknown> = pick(wg, Object.keys(patch));
  if (body.partyIds) before.partyIds = currentParties;
  if (body.leads) before.leads = await db.selectFrom('wg_leads').selectAll().where('wg_id', '=', id).execute();
  await runCommand(ctx, async (tx, audit) => {
    await updateVersioned(tx, 'working_groups', id, version, patch);
    const after: Record<string, unknown> = { ...patch };
    if (body.partyIds) {
      await tx.deleteFrom('wg_parties').where('wg_id', '=', id).execute();
      await tx
        .insertInto('wg_parties')
        .values(partyIds.map((p) => ({ wg_id: id, party_id: p })))
        .execute();
      after.partyIds = partyIds;
    }
    if (body.leads) after.leads = await replaceLeads(tx, id, body.leads);
    audit({ action: 'working_group.update', entityType: 'working_group', entityId: id, before, after, guard: guardOf(wg) });
  });
  return undefined;
}

async function ensureUniqueTrackCode(ctx: CommandContext, wgId: string, code: string, exceptId?: string) {
  let q = ctx.store.db.selectFrom('tracks').select('id').where('wg_id', '=', wgId).where('code', '=', code);
  if (exceptId) q = q.where('id', '<>', exceptId);
  if (await q.executeTakeFirst()) throw new AppError('conflict', `The group already has a track with code ${code}`, { reason: 'duplicate', field: 'body.code' });
}

export async function addTrack(ctx: ActingContext, wgId: string, body: Static<typeof TrackCreateBody>): Promise<string> {
  const { actor } = ctx;
  const wg = await loadManaged(ctx, actor, wgId, 'manageTracks', 'add tracks');
  await ensureUniqueTrackCode(ctx, wgId, body.code);
  const last = await ctx.store.db.selectFrom('tracks').select('position').where('wg_id', '=', wgId).orderBy('position', 'desc').executeTakeFirst();
  const t = now();
  const row: TrackRow = {
    id: newId(),
    wg_id: wgId,
    code: body.code,
    name: body.name,
    name_ko: body.nameKo ?? null,
    position: body.position ?? (last ? Number(last.position) + 1 : 1),
    version: 1,
    created_at: t,
    updated_at: t,
  };
  await runCommand(ctx, async (tx, audit) => {
    await tx.insertInto('tracks').values(row).execute();
    audit({ action: 'track.create', entityType: 'track', entityId: row.id, after: row, guard: guardOf(wg) });
  });
  return row.id;
}

export async function updateTrack(ctx: ActingContext, wgId: string, trackId: string, version: number, body: Static<typeof TrackUpdateBody>): Promise<void> {
  const { actor } = ctx;
  const wg = await loadManaged(ctx, actor, wgId, 'manageTracks', 'change tracks');
  const track = await ctx.store.db.selectFrom('tracks').selectAll().where('id', '=', trackId).where('wg_id', '=', wgId).executeTakeFirst();
  if (!track) throw notFound('Track');
  if (body.code !== undefined) await ensureUniqueTrackCode(ctx, wgId, body.code, trackId);
  const patch = patchFrom(body, { code: 'code', name: 'name', nameKo: 'name_ko', position: 'position' });
  await runCommand(ctx, async (tx, audit) => {
    await updateVersioned(tx, 'tracks', trackId, version, patch);
    audit({ action: 'track.update', entityType: 'track', entityId: trackId, before: pick(track, Object.keys(patch)), after: patch, guard: guardOf(wg) });
  });
}

/**
 * Sets how an organisation takes part: member, observer, or non-participant with its reason
 * (the Unification Ministry's 2025 decline is recorded this way). Membership decides who sees
 * the group's group-scoped records, so every change is audited. In a group of several parties, a
 * change to another party's organisation is not made: it opens a proposal (policies/proposal.ts),
 * whose id is returned.
 */
export async function setMember(ctx: ActingContext, wgId: string, orgId: string, body: Static<typeof MemberBody>) {
  const { actor } = ctx;
  const wg = await loadManaged(ctx, actor, wgId, 'manageMembers', 'change its members');
  const db = ctx.store.db;
  const org = await db.selectFrom('organisations').select(['id', 'party_id']).where('id', '=', orgId).executeTakeFirst();
  if (!org) throw notFound('Organisation');
  const parties = (await db.selectFrom('wg_parties').select('party_id').where('wg_id', '=', wgId).execute()).map((p) => p.party_id);
  if (!parties.includes(org.party_id)) throw badRequest('params.orgId', 'belongs to a party that is not in the group', 'party_not_in_group');
  const existing = await db.selectFrom('wg_members').selectAll().where('wg_id', '=', wgId).where('organisation_id', '=', orgId).executeTakeFirst();
  if (memberChangeNeedsApproval(actor, parties, org.party_id)) {
    const payload = { organisationId: orgId, partyId: org.party_id, from: existing?.participation ?? null, participation: body.participation, note: body.note ?? null };
    const proposalId = await runCommand(ctx, (tx, audit) => openProposal(tx, actor, wg, 'member', payload, parties, null, audit));
    return { proposalId };
  }
  const row = { wg_id: wgId, organisation_id: orgId, participation: body.participation, note: body.note ?? null };
  await runCommand(ctx, async (tx, audit) => {
    if (existing) {
      await tx.updateTable('wg_members').set({ participation: row.participation, note: row.note }).where('wg_id', '=', wgId).where('organisation_id', '=', orgId).execute();
    } else {
      await tx.insertInto('wg_members').values(row).execute();
    }
    audit({ action: 'working_group.member_set', entityType: 'working_group', entityId: wgId, before: existing ?? null, after: row, guard: guardOf(wg) });
  });
  return { organisationId: orgId, participation: row.participation, note: row.note };
}

/**
 * Sets the group's label scale (how alignment figures are named: "aligned", "apart"), which the
 * chair or secretariat own; the scale is checked and stored in its normal form.
 */
export async function setLabelScale(ctx: ActingContext, wgId: string, version: number, input: StoredLabelScale): Promise<void> {
  const { actor } = ctx;
  const wg = await getVisible(ctx.store.db, actor, 'working_groups', wgId, 'Working group');
  if (!canChangeGroupSettings(actor, wg.id)) throw forbidden("Only the chair or secretariat may set the group's label scale", 'not_permitted');
  const json = JSON.stringify(presentLabelScale(parseLabelScale(input, wg.id)));
  await runCommand(ctx, async (tx, audit) => {
    await updateVersioned(tx, 'working_groups', wg.id, version, { label_scale: json });
    audit({ action: 'working_group.update', entityType: 'working_group', entityId: wg.id, before: { label_scale: wg.label_scale ?? null }, after: { label_scale: json }, guard: guardOf(wg) });
  });
}
