import { sql, type Kysely } from 'kysely';
import type { Database, OrganisationRow, PersonAliasRow, PersonRoleRow, PersonRow } from '../db/tables.ts';
import { notFound } from '../errors.ts';

/**
 * Reference data: parties, organisations and people. Readable by every signed-in user, so these
 * reads carry no visibility predicate.
 */

export async function findParties(db: Kysely<Database>) {
  return db.selectFrom('parties').selectAll().orderBy('code').execute();
}

export async function getParty(db: Kysely<Database>, id: string) {
  const p = await db.selectFrom('parties').selectAll().where('id', '=', id).executeTakeFirst();
  if (!p) throw notFound('Party');
  return p;
}

export interface OrganisationFilter {
  partyId?: string;
  parentId?: string;
}

/** Organisations, by party then name; `parentId` narrows to one node's children (clients build the tree from parentId). */
export async function findOrganisations(db: Kysely<Database>, f: OrganisationFilter): Promise<OrganisationRow[]> {
  let q = db.selectFrom('organisations').selectAll();
  if (f.partyId) q = q.where('party_id', '=', f.partyId);
  if (f.parentId) q = q.where('parent_id', '=', f.parentId);
  return q.orderBy('party_id').orderBy('name').orderBy('id').execute();
}

/** One organisation with its ancestors (root first) and direct children. */
export async function getOrganisationDetail(db: Kysely<Database>, id: string) {
  const org = await db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!org) throw notFound('Organisation');
  const ancestors: OrganisationRow[] = [];
  const seen = new Set([org.id]);
  let parentId = org.parent_id;
  while (parentId && !seen.has(parentId)) {
    seen.add(parentId);
    const p = await db.selectFrom('organisations').selectAll().where('id', '=', parentId).executeTakeFirst();
    if (!p) break;
    ancestors.unshift(p);
    parentId = p.parent_id;
  }
  const children = await db.selectFrom('organisations').selectAll().where('parent_id', '=', id).orderBy('name').execute();
  return { org, ancestors, children };
}

export interface PeopleFilter {
  q?: string;
  orgId?: string;
  asOf?: string;
  limit?: number;
  offset?: number;
}

const likePattern = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** A role holds on `date` when it began on or before it and has not ended before it (both ends inclusive). */
const roleHolds = (date: string) => sql<boolean>`((person_roles.valid_from is null or person_roles.valid_from <= ${date}) and (person_roles.valid_to is null or person_roles.valid_to >= ${date}))`;

export interface PersonWithDetail {
  person: PersonRow;
  aliases: PersonAliasRow[];
  roles: (PersonRoleRow & { org_name: string; org_acronym: string | null; party_id: string })[];
}

/**
 * People matching a name or any alias (case-insensitive substring), holding a role in `orgId`,
 * and, with `asOf`, holding that role on that date. Each comes with aliases and roles (only the
 * roles current on `asOf` when it is given).
 */
export async function findPeople(db: Kysely<Database>, f: PeopleFilter): Promise<PersonWithDetail[]> {
  let q = db.selectFrom('people').selectAll();
  if (f.q) {
    const pat = likePattern(f.q);
    q = q.where(sql<boolean>`(lower(people.name) like ${pat} escape '\\' or lower(coalesce(people.name_ko, '')) like ${pat} escape '\\'
      or exists (select 1 from person_aliases pa where pa.person_id = people.id and lower(pa.alias) like ${pat} escape '\\'))`);
  }
  if (f.orgId || f.asOf) {
    q = q.where(({ exists, selectFrom }) => {
      let r = selectFrom('person_roles').select(sql`1`.as('one')).whereRef('person_roles.person_id', '=', 'people.id');
      if (f.orgId) r = r.where('person_roles.organisation_id', '=', f.orgId);
      if (f.asOf) r = r.where(roleHolds(f.asOf));
      return exists(r);
    });
  }
  const people = await q
    .orderBy('people.name')
    .orderBy('people.id')
    .limit(f.limit ?? 100)
    .offset(f.offset ?? 0)
    .execute();
  return attachDetail(db, people, f.asOf);
}

export async function getPersonDetail(db: Kysely<Database>, id: string): Promise<PersonWithDetail> {
  const p = await db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
  if (!p) throw notFound('Person');
  return (await attachDetail(db, [p]))[0];
}

async function attachDetail(db: Kysely<Database>, people: PersonRow[], asOf?: string): Promise<PersonWithDetail[]> {
  if (people.length === 0) return [];
  const ids = people.map((p) => p.id);
  let rq = db
    .selectFrom('person_roles')
    .innerJoin('organisations', 'organisations.id', 'person_roles.organisation_id')
    .selectAll('person_roles')
    .select(['organisations.name as org_name', 'organisations.acronym as org_acronym', 'organisations.party_id'])
    .where('person_roles.person_id', 'in', ids);
  if (asOf) rq = rq.where(roleHolds(asOf));
  const [aliases, roles] = await Promise.all([
    db.selectFrom('person_aliases').selectAll().where('person_id', 'in', ids).orderBy('alias').execute(),
    rq.orderBy(sql`coalesce(person_roles.valid_from, '')`, 'desc').orderBy('person_roles.id').execute(),
  ]);
  return people.map((person) => ({
    person,
    aliases: aliases.filter((a) => a.person_id === person.id),
    roles: roles.filter((r) => r.person_id === person.id),
  }));
}
