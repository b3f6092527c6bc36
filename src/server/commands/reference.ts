import type { Static } from 'typebox';
import type { Actor } from '../auth/actor.ts';
import type { OrganisationRow, PartyRow, PersonAliasRow, PersonRoleRow, PersonRow } from '../db/tables.ts';
import { AppError, badRequest, notFound } from '../errors.ts';
import type { GuardFields } from '../policies/visibility.ts';
import { requireAdmin } from '../policies/admin.ts';
import type { OrganisationCreateBody, OrganisationUpdateBody, PartyCreateBody, PartyUpdateBody, PersonCreateBody, PersonUpdateBody } from '../../core/api/reference.ts';
import { newId, now, runCommand, updateVersioned, type ActingContext, type CommandContext, type Tx } from './run.ts';
import { checkOptionalDate, patchFrom, pick } from './values.ts';

/**
 * Reference data writes: system administrators only, versioned, audited. Reference records are
 * public, so their audit events are too: owned by the organisation itself, or else by the
 * administrator's organisation.
 */
const publicGuard = (orgId: string, partyId: string): GuardFields => ({ owner_org_id: orgId, owner_party_id: partyId, scope: 'public', classification: 0, wg_id: null });
const adminGuard = (actor: Actor) => publicGuard(actor.orgId, actor.partyId);

async function ensureUniqueCode(ctx: CommandContext, code: string, exceptId?: string) {
  let q = ctx.store.db.selectFrom('parties').select('id').where('code', '=', code);
  if (exceptId) q = q.where('id', '<>', exceptId);
  if (await q.executeTakeFirst()) throw new AppError('conflict', `A party with code ${code} already exists`, { reason: 'duplicate', field: 'body.code' });
}

export async function createParty(ctx: ActingContext, body: Static<typeof PartyCreateBody>): Promise<string> {
  const { actor } = ctx;
  requireAdmin(actor, 'add parties');
  await ensureUniqueCode(ctx, body.code);
  const t = now();
  const row: PartyRow = { id: newId(), code: body.code, name: body.name, name_ko: body.nameKo ?? null, kind: body.kind, version: 1, created_at: t, updated_at: t };
  await runCommand(ctx, async (tx, audit) => {
    await tx.insertInto('parties').values(row).execute();
    audit({ action: 'party.create', entityType: 'party', entityId: row.id, after: row, guard: adminGuard(actor) });
  });
  return row.id;
}

export async function updateParty(ctx: ActingContext, id: string, version: number, body: Static<typeof PartyUpdateBody>): Promise<void> {
  const { actor } = ctx;
  requireAdmin(actor, 'change parties');
  const p = await ctx.store.db.selectFrom('parties').selectAll().where('id', '=', id).executeTakeFirst();
  if (!p) throw notFound('Party');
  if (body.code !== undefined) await ensureUniqueCode(ctx, body.code, id);
  const patch = patchFrom(body, { code: 'code', name: 'name', nameKo: 'name_ko', kind: 'kind' });
  await runCommand(ctx, async (tx, audit) => {
    await updateVersioned(tx, 'parties', id, version, patch);
    audit({ action: 'party.update', entityType: 'party', entityId: id, before: pick(p, Object.keys(patch)), after: patch, guard: adminGuard(actor) });
  });
}

async function checkParent(ctx: CommandContext, partyId: string, parentId: string, selfId?: string) {
  const db = ctx.store.db;
  const parent = await db.selectFrom('organisations').select(['id', 'party_id', 'parent_id']).where('id', '=', parentId).executeTakeFirst();
  if (!parent) throw badRequest('body.parentId', 'names no organisation', 'unknown_record');
  if (parent.party_id !== partyId) throw badRequest('body.parentId', "belongs to another party than the organisation's", 'party_not_in_group');
  // Walk up from the new parent: meeting the organisation itself would make a cycle.
  let cur: string | null = parent.id;
  const seen = new Set<string>();
  while (cur && !seen.has(cur)) {
    if (cur === selfId) throw badRequest('body.parentId', 'would make the organisation its own ancestor', 'cycle');
    seen.add(cur);
    const up: { parent_id: string | null } | undefined = await db.selectFrom('organisations').select('parent_id').where('id', '=', cur).executeTakeFirst();
    cur = up?.parent_id ?? null;
  }
}

export async function createOrganisation(ctx: ActingContext, body: Static<typeof OrganisationCreateBody>): Promise<string> {
  const { actor } = ctx;
  requireAdmin(actor, 'add organisations');
  const party = await ctx.store.db.selectFrom('parties').select('id').where('id', '=', body.partyId).executeTakeFirst();
  if (!party) throw badRequest('body.partyId', 'names no party', 'unknown_record');
  if (body.parentId) await checkParent(ctx, body.partyId, body.parentId);
  const t = now();
  const row: OrganisationRow = {
    id: newId(),
    party_id: body.partyId,
    parent_id: body.parentId ?? null,
    acronym: body.acronym ?? null,
    name: body.name,
    name_ko: body.nameKo ?? null,
    kind: body.kind,
    version: 1,
    created_at: t,
    updated_at: t,
  };
  await runCommand(ctx, async (tx, audit) => {
    await tx.insertInto('organisations').values(row).execute();
    audit({ action: 'organisation.create', entityType: 'organisation', entityId: row.id, after: row, guard: publicGuard(row.id, row.party_id) });
  });
  return row.id;
}

export async function updateOrganisation(ctx: ActingContext, id: string, version: number, body: Static<typeof OrganisationUpdateBody>): Promise<void> {
  const { actor } = ctx;
  requireAdmin(actor, 'change organisations');
  const org = await ctx.store.db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!org) throw notFound('Organisation');
  if (body.parentId) await checkParent(ctx, org.party_id, body.parentId, id);
  const patch = patchFrom(body, { parentId: 'parent_id', acronym: 'acronym', name: 'name', nameKo: 'name_ko', kind: 'kind' });
  await runCommand(ctx, async (tx, audit) => {
    await updateVersioned(tx, 'organisations', id, version, patch);
    audit({ action: 'organisation.update', entityType: 'organisation', entityId: id, before: pick(org, Object.keys(patch)), after: patch, guard: publicGuard(org.id, org.party_id) });
  });
}

type AliasIn = NonNullable<Static<typeof PersonCreateBody>['aliases']>;
type RoleIn = NonNullable<Static<typeof PersonCreateBody>['roles']>;

async function checkPersonParts(ctx: CommandContext, partyId: string | null | undefined, roles: RoleIn | undefined) {
  const db = ctx.store.db;
  if (partyId) {
    const p = await db.selectFrom('parties').select('id').where('id', '=', partyId).executeTakeFirst();
    if (!p) throw badRequest('body.partyId', 'names no party', 'unknown_record');
  }
  for (const [i, r] of (roles ?? []).entries()) {
    checkOptionalDate(r.from, `body.roles.${i}.from`);
    checkOptionalDate(r.to, `body.roles.${i}.to`);
    if (r.from && r.to && r.to < r.from) throw badRequest(`body.roles.${i}.to`, 'is before from', 'date_order');
    const org = await db.selectFrom('organisations').select('id').where('id', '=', r.organisationId).executeTakeFirst();
    if (!org) throw badRequest(`body.roles.${i}.organisationId`, 'names no organisation', 'unknown_record');
  }
}

async function replaceAliases(tx: Tx, personId: string, aliases: AliasIn): Promise<PersonAliasRow[]> {
  await tx.deleteFrom('person_aliases').where('person_id', '=', personId).execute();
  const rows = aliases.map((a) => ({ id: newId(), person_id: personId, alias: a.alias.trim(), kind: a.kind ?? 'alias' }));
  if (rows.length) await tx.insertInto('person_aliases').values(rows).execute();
  return rows;
}

async function replaceRoles(tx: Tx, personId: string, roles: RoleIn): Promise<PersonRoleRow[]> {
  await tx.deleteFrom('person_roles').where('person_id', '=', personId).execute();
  const rows = roles.map((r) => ({
    id: newId(),
    person_id: personId,
    organisation_id: r.organisationId,
    title: r.title,
    title_ko: r.titleKo ?? null,
    valid_from: r.from ?? null,
    valid_to: r.to ?? null,
  }));
  if (rows.length) await tx.insertInto('person_roles').values(rows).execute();
  return rows;
}

/** Adds a person with their aliases (romanizations, hangul, former names) and roles over time. */
export async function createPerson(ctx: ActingContext, body: Static<typeof PersonCreateBody>): Promise<string> {
  const { actor } = ctx;
  requireAdmin(actor, 'add people');
  await checkPersonParts(ctx, body.partyId, body.roles);
  const t = now();
  const row: PersonRow = { id: newId(), name: body.name, name_ko: body.nameKo ?? null, party_id: body.partyId ?? null, version: 1, created_at: t, updated_at: t };
  await runCommand(ctx, async (tx, audit) => {
    await tx.insertInto('people').values(row).execute();
    const aliases = await replaceAliases(tx, row.id, body.aliases ?? []);
    const roles = await replaceRoles(tx, row.id, body.roles ?? []);
    audit({ action: 'person.create', entityType: 'person', entityId: row.id, after: { ...row, aliases, roles }, guard: adminGuard(actor) });
  });
  return row.id;
}

/** Changes a person; `aliases` and `roles`, when given, replace the whole list. */
export async function updatePerson(ctx: ActingContext, id: string, version: number, body: Static<typeof PersonUpdateBody>): Promise<void> {
  const { actor } = ctx;
  requireAdmin(actor, 'change people');
  const db = ctx.store.db;
  const p = await db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
  if (!p) throw notFound('Person');
  await checkPersonParts(ctx, body.partyId, body.roles);
  const patch = patchFrom(body, { name: 'name', nameKo: 'name_ko', partyId: 'party_id' });
  const before: Record<string, unknown> = pick(p, Object.keys(patch));
  if (body.aliases) before.aliases = await db.selectFrom('person_aliases').selectAll().where('person_id', '=', id).execute();
  if (body.roles) before.roles = await db.selectFrom('person_roles').selectAll().where('person_id', '=', id).execute();
  await runCommand(ctx, async (tx, audit) => {
    // The version bumps even when only aliases or roles change: they are part of the person.
    await updateVersioned(tx, 'people', id, version, patch);
    const after: Record<string, unknown> = { ...patch };
    if (body.aliases) after.aliases = await replaceAliases(tx, id, body.aliases);
    if (body.roles) after.roles = await replaceRoles(tx, id, body.roles);
    audit({ action: 'person.update', entityType: 'person', entityId: id, before, after, guard: adminGuard(actor) });
  });
}
