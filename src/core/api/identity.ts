/**
 * Signing in through an organisation's identity provider (OpenID Connect): the providers this
 * instance offers, the outcomes a sign-in comes back to the sign-in page with, and the access
 * requests a party's administrators approve or refuse.
 */
import { Type, type Static } from 'typebox';
import { GROUP_ROLES, LANGUAGES } from '../vocabulary.ts';
import { Abilities, ClassificationSchema, Enum, Id, named, Nullable } from './common.ts';

export { SSO_OUTCOMES, type SsoOutcome } from '../vocabulary.ts';

/** The id of a provider in the instance's configuration (and in its redirect URI). */
export const ProviderId = Type.String({ minLength: 1, maxLength: 40, pattern: '^[a-z0-9][a-z0-9-]*$' });

export const ProviderSchema = named(
  'IdentityProvider',
  Type.Object({
    id: Type.String(),
    label: Type.Object({ en: Type.String(), ko: Type.String() }, { description: 'The name on the sign-in button, in each language' }),
    startUrl: Type.String({ description: 'Open this address in the browser to sign in through the provider' }),
  }),
);

export const SignInOptionsSchema = named(
  'SignInOptions',
  Type.Object({
    passwordSignIn: Type.Boolean({ description: 'Whether e-mail and password sign-in is on (CONCORD_PASSWORD_SIGNIN)' }),
    providers: Type.Array(ProviderSchema),
  }),
);

export const ProviderStartQuery = Type.Object(
  { next: Type.Optional(Type.String({ maxLength: 2000, description: 'The path of this app to return to once signed in' })) },
  { additionalProperties: false },
);

export const ProviderCallbackQuery = Type.Object(
  {
    code: Type.Optional(Type.String({ maxLength: 4000 })),
    state: Type.Optional(Type.String({ maxLength: 400 })),
    iss: Type.Optional(Type.String({ maxLength: 2000 })),
    error: Type.Optional(Type.String({ maxLength: 400 })),
    error_description: Type.Optional(Type.String({ maxLength: 4000 })),
    error_uri: Type.Optional(Type.String({ maxLength: 2000 })),
    session_state: Type.Optional(Type.String({ maxLength: 400 })),
  },
  { description: "The provider's answer (RFC 6749 §4.1.2, RFC 9207)" },
);

export const ACCESS_REQUEST_ABILITIES = ['approve', 'refuse'] as const;

export const AccessRequestSchema = named(
  'AccessRequest',
  Type.Object({
    id: Type.String(),
    version: Type.Integer(),
    providerId: Type.String(),
    email: Type.String(),
    emailVerified: Type.Boolean({ description: 'Whether the provider vouched for the e-mail address' }),
    displayName: Type.String(),
    organisationClaim: Nullable(Type.String({ description: 'The organisation claim as the provider sent it' })),
    organisationId: Type.String({ description: 'The organisation the claims map to (or the provider’s default)' }),
    locale: Enum(LANGUAGES),
    existingUserId: Nullable(Type.String({ description: 'An account of the caller’s party with this e-mail: approval links the sign-in to it' })),
    createdAt: Type.String(),
    abilities: Abilities(ACCESS_REQUEST_ABILITIES),
  }),
);

export const AccessRequestListSchema = Type.Object({
  items: Type.Array(AccessRequestSchema),
  canReview: Type.Boolean({ description: "Whether the caller reviews their party's access requests (an administrator)" }),
});

export const AccessRequestApproveBody = named(
  'AccessRequestApprove',
  Type.Object(
    {
      organisationId: Type.Optional(Id),
      clearance: Type.Optional(ClassificationSchema),
      displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
      roles: Type.Optional(
        Type.Array(Type.Object({ wgId: Id, role: Enum(GROUP_ROLES) }, { additionalProperties: false }), {
          maxItems: 20,
          description: 'Roles in working groups to give the new account',
        }),
      ),
    },
    {
      additionalProperties: false,
      description:
        'The account to make (default: the organisation proposed, unclassified). A clearance above unclassified waits for a second administrator, as on any account. When an account of the party has the e-mail already, the sign-in is linked to it and nothing else changes',
    },
  ),
);

export const AccessRequestApprovedSchema = Type.Object({
  userId: Type.String(),
  linked: Type.Boolean({ description: 'True when the sign-in was linked to an existing account' }),
  clearanceRequestId: Nullable(Type.String({ description: 'The clearance raise waiting for a second administrator, if one was asked for' })),
});

export type IdentityProvider = Static<typeof ProviderSchema>;
export type SignInOptions = Static<typeof SignInOptionsSchema>;
export type AccessRequest = Static<typeof AccessRequestSchema>;
export type AccessRequestApprove = Static<typeof AccessRequestApproveBody>;
export type AccessRequestApproved = Static<typeof AccessRequestApprovedSchema>;
