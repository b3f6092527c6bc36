import type { Static } from 'typebox';
import type { Actor } from '../auth/actor.ts';
import type { OrganisationRow, PartyRow } from '../db/tables.ts';
import { referenceAbilities } from '../policies/reference.ts';
import type { PersonWithDetail } from '../queries/reference.ts';
import type { OrganisationSchema, PartySchema, PersonSchema } from '../../core/api/reference.ts';

export const presentParty = (actor: Actor, p: PartyRow): Static<typeof PartySchema> => ({
  id: p.id,
  version: Number(p.version),
  code: p.code,
  name: p.name,
  nameKo: p.name_ko,
  kind: p.kind,
  abilities: referenceAbilities(actor),
});

export const presentOrganisation = (actor: Actor, o: OrganisationRow): Static<typeof OrganisationSchema> => ({
  id: o.id,
  version: Number(o.version),
  partyId: o.party_id,
  parentId: o.parent_id,
  acronym: o.acronym,
  name: o.name,
  nameKo: o.name_ko,
  kind: o.kind,
  abilities: referenceAbilities(actor),
});

export const presentOrgRef = (o: OrganisationRow) => ({ id: o.id, acronym: o.acronym, name: o.name, nameKo: o.name_ko });

export const presentPerson = (actor: Actor, d: PersonWithDetail): Static<typeof PersonSchema> => ({
  id: d.person.id,
  version: Number(d.person.version),
  name: d.person.name,
  nameKo: d.person.name_ko,
  partyId: d.person.party_id,
  aliases: d.aliases.map((a) => ({ id: a.id, alias: a.alias, kind: a.kind })),
  roles: d.roles.map((r) => ({
    id: r.id,
    organisationId: r.organisation_id,
    organisationName: r.org_name,
    organisationAcronym: r.org_acronym,
    partyId: r.party_id,
    title: r.title,
    titleKo: r.title_ko,
    from: r.valid_from,
    to: r.valid_to,
  })),
  abilities: referenceAbilities(actor),
});
