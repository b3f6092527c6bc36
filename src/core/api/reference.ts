import { Type, type Static } from 'typebox';
import { Abilities, Id, IsoDate, Nullable, DateOn, Limit, Offset, named } from './common.ts';

export const REFERENCE_ABILITIES = ['update'] as const;

const Name = Type.String({ minLength: 1, maxLength: 500 });
const NameKo = Type.String({ maxLength: 500 });
const Kind = Type.String({ minLength: 1, maxLength: 50, pattern: '^[a-z][a-z0-9_]*$', description: 'snake_case kind, e.g. government, ministry, agency' });

export const ReferenceListQuery = Type.Object({ limit: Type.Optional(Limit(1000, 500)) }, { additionalProperties: false });

export const PartySchema = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  nameKo: Nullable(Type.String()),
  kind: Type.String(),
  abilities: Abilities(REFERENCE_ABILITIES),
});

export const PartyCreateBody = Type.Object(
  {
    code: Type.String({ minLength: 2, maxLength: 10, pattern: '^[A-Z][A-Z0-9_-]*$', description: 'Short upper-case code, e.g. KR, US' }),
    name: Name,
    nameKo: Type.Optional(NameKo),
    kind: Kind,
  },
  { additionalProperties: false },
);
export const PartyUpdateBody = Type.Object(
  {
    code: Type.Optional(PartyCreateBody.properties.code),
    name: Type.Optional(Name),
    nameKo: Type.Optional(Nullable(NameKo)),
    kind: Type.Optional(Kind),
  },
  { additionalProperties: false },
);

export const OrganisationSchema = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  partyId: Type.String(),
  parentId: Nullable(Type.String()),
  acronym: Nullable(Type.String()),
  name: Type.String(),
  nameKo: Nullable(Type.String()),
  kind: Type.String(),
  abilities: Abilities(REFERENCE_ABILITIES),
});
const OrgRef = Type.Object({ id: Type.String(), acronym: Nullable(Type.String()), name: Type.String(), nameKo: Nullable(Type.String()) });
export const OrganisationDetailSchema = Type.Object({
  ...OrganisationSchema.properties,
  ancestors: Type.Array(OrgRef, { description: 'From the root down to the parent' }),
  children: Type.Array(OrgRef),
});

export const OrganisationListQuery = Type.Object(
  {
    partyId: Type.Optional(Id),
    parentId: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Only the direct children of this organisation' })),
  },
  { additionalProperties: false },
);

export const OrganisationCreateBody = Type.Object(
  {
    partyId: Id,
    parentId: Type.Optional(Id),
    acronym: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
    name: Name,
    nameKo: Type.Optional(NameKo),
    kind: Kind,
  },
  { additionalProperties: false },
);
export const OrganisationUpdateBody = Type.Object(
  {
    parentId: Type.Optional(Nullable(Id)),
    acronym: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 50 }))),
    name: Type.Optional(Name),
    nameKo: Type.Optional(Nullable(NameKo)),
    kind: Type.Optional(Kind),
  },
  { additionalProperties: false },
);

export const AliasInput = Type.Object(
  {
    alias: Type.String({ minLength: 1, maxLength: 500 }),
    kind: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: 'e.g. romanization, hangul, nickname, former_name (default alias)' })),
  },
  { additionalProperties: false },
);
export const RoleInput = Type.Object(
  {
    organisationId: Id,
    title: Type.String({ minLength: 1, maxLength: 500 }),
    titleKo: Type.Optional(Type.String({ maxLength: 500 })),
    from: Type.Optional(Nullable(IsoDate)),
    to: Type.Optional(Nullable(IsoDate)),
  },
  { additionalProperties: false },
);

export const PersonCreateBody = Type.Object(
  {
    name: Name,
    nameKo: Type.Optional(NameKo),
    partyId: Type.Optional(Nullable(Id)),
    aliases: Type.Optional(Type.Array(AliasInput, { maxItems: 100 })),
    roles: Type.Optional(Type.Array(RoleInput, { maxItems: 200 })),
  },
  { additionalProperties: false },
);
export const PersonUpdateBody = Type.Object(
  {
    name: Type.Optional(Name),
    nameKo: Type.Optional(Nullable(NameKo)),
    partyId: Type.Optional(Nullable(Id)),
    aliases: Type.Optional(Type.Array(AliasInput, { maxItems: 100, description: 'Replaces all aliases' })),
    roles: Type.Optional(Type.Array(RoleInput, { maxItems: 200, description: 'Replaces all roles' })),
  },
  { additionalProperties: false },
);

export const PersonRoleSchema = Type.Object({
  id: Type.String(),
  organisationId: Type.String(),
  organisationName: Type.String(),
  organisationAcronym: Nullable(Type.String()),
  partyId: Type.String(),
  title: Type.String(),
  titleKo: Nullable(Type.String()),
  from: Nullable(Type.String()),
  to: Nullable(Type.String()),
});
export const PersonSchema = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  name: Type.String(),
  nameKo: Nullable(Type.String()),
  partyId: Nullable(Type.String()),
  aliases: Type.Array(Type.Object({ id: Type.String(), alias: Type.String(), kind: Type.String() })),
  roles: Type.Array(PersonRoleSchema),
  abilities: Abilities(REFERENCE_ABILITIES),
});

export const PeopleListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Part of a name or any alias, any case' })),
    orgId: Type.Optional(Id),
    asOf: Type.Optional(DateOn('Only people holding a role on this date (YYYY-MM-DD), with only those roles')),
    limit: Type.Optional(Limit(500, 100)),
    offset: Type.Optional(Offset),
  },
  { additionalProperties: false },
);

/* The shapes as TypeScript types, for the server and the web app alike. */
export type Party = Static<typeof PartySchema>;
export type Organisation = Static<typeof OrganisationSchema>;
export type OrganisationDetail = Static<typeof OrganisationDetailSchema>;
export type PersonRole = Static<typeof PersonRoleSchema>;
export type Person = Static<typeof PersonSchema>;

/* The names of these schemas in the OpenAPI document (components.schemas). */
named('Party', PartySchema);
named('PartyCreate', PartyCreateBody);
named('PartyUpdate', PartyUpdateBody);
named('Organisation', OrganisationSchema);
named('OrganisationDetail', OrganisationDetailSchema);
named('OrganisationCreate', OrganisationCreateBody);
named('OrganisationUpdate', OrganisationUpdateBody);
named('AliasInput', AliasInput);
named('RoleInput', RoleInput);
named('PersonCreate', PersonCreateBody);
named('PersonUpdate', PersonUpdateBody);
named('PersonRole', PersonRoleSchema);
named('Person', PersonSchema);
