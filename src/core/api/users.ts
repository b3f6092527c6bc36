import { Type, type Static } from 'typebox';
import { GROUP_ROLES, LANGUAGES } from '../vocabulary.ts';
import { Abilities, ClassificationSchema, Enum, Id, Nullable, named } from './common.ts';

/**
 * Who may manage accounts. Administration is by party: an administrator manages the users of
 * their own government's organisations only, never another party's. Nobody changes their own
 * clearance. Raising anyone's clearance takes two administrators of the user's party: one asks,
 * another (neither the one who asked nor the user) approves. Lowering it is one administrator's
 * act. Administrators themselves are made on the server (`concord user add --admin`), not through
 * the API, so no administrator can make the second one their request needs.
 */
export const USER_ABILITIES = ['update', 'changeClearance', 'disable', 'resetPassword'] as const;

const Email = Type.String({ minLength: 3, maxLength: 320, pattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$' });
const DisplayName = Type.String({ minLength: 1, maxLength: 200 });

export const UserCreateBody = Type.Object(
  {
    email: Email,
    displayName: DisplayName,
    organisationId: Id,
    password: Type.String({ minLength: 10, maxLength: 1000, description: 'At least 10 characters; stored as an scrypt hash' }),
    clearance: Type.Optional(ClassificationSchema),
    isAdmin: Type.Optional(Type.Boolean()),
    locale: Type.Optional(Enum(LANGUAGES)),
  },
  { additionalProperties: false },
);

export const UserUpdateBody = Type.Object(
  {
    displayName: Type.Optional(DisplayName),
    clearance: Type.Optional(ClassificationSchema),
    locale: Type.Optional(Enum(LANGUAGES)),
    disabled: Type.Optional(Type.Boolean({ description: 'A disabled user can neither sign in nor use their tokens' })),
  },
  { additionalProperties: false },
);

/** Who a user is, as both the user list and the signed-in session show it. */
export const UserIdentity = {
  id: Type.String(),
  email: Type.String(),
  displayName: Type.String(),
  organisationId: Type.String(),
  partyId: Type.String(),
  clearance: ClassificationSchema,
  isAdmin: Type.Boolean(),
  locale: Type.String(),
};

export const UserSchema = Type.Object({
  ...UserIdentity,
  version: Type.Integer(),
  disabled: Type.Boolean(),
  roles: Type.Record(Type.String(), Enum(GROUP_ROLES), { description: 'Role per working group id' }),
  createdAt: Type.String(),
  pendingClearance: Nullable(
    Type.Object(
      {
        requestId: Type.String(),
        clearance: ClassificationSchema,
        requestedBy: Type.String(),
        requestedAt: Type.String(),
      },
      { description: 'A request to raise the clearance, waiting for a second administrator' },
    ),
  ),
  abilities: Abilities(USER_ABILITIES),
});

export const ClearanceRequestSchema = Type.Object({
  id: Type.String(),
  userId: Type.String(),
  email: Type.String(),
  displayName: Type.String(),
  fromClearance: ClassificationSchema,
  clearance: ClassificationSchema,
  requestedBy: Type.String(),
  requestedAt: Type.String(),
  canDecide: Type.Boolean({ description: 'Whether the caller may approve or reject it (not the one who asked, nor the user)' }),
});

export const UserListQuery = Type.Object(
  {
    organisationId: Type.Optional(Id),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Part of the e-mail or display name' })),
  },
  { additionalProperties: false },
);

export const RoleBody = Type.Object({ role: Nullable(Enum(GROUP_ROLES, 'The role to give, or null to remove the user from the group')) }, { additionalProperties: false });

/* The shapes as TypeScript types, for the server and the web app alike. */
export type User = Static<typeof UserSchema>;
export type ClearanceRequest = Static<typeof ClearanceRequestSchema>;

/* The names of these schemas in the OpenAPI document (components.schemas). */
named('UserCreate', UserCreateBody);
named('UserUpdate', UserUpdateBody);
named('User', UserSchema);
named('ClearanceRequest', ClearanceRequestSchema);
named('Role', RoleBody);
