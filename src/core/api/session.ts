/** Signing in and out, the signed-in user, and API tokens. */
import { Type, type Static } from 'typebox';
import { Enum, Id, named, Nullable } from './common.ts';
import { TOKEN_DEFAULT_DAYS, TOKEN_MAX_DAYS, TOKEN_SCOPES } from '../vocabulary.ts';
import { UserIdentity } from './users.ts';

export const SessionUserSchema = named(
  'SessionUser',
  Type.Object({
    ...UserIdentity,
    roles: Type.Record(Type.String(), Type.String(), { description: 'Role per working group id' }),
  }),
);

export const SessionSchema = named(
  'Session',
  Type.Object({ user: SessionUserSchema, csrfToken: Type.Optional(Type.String({ description: 'Send it as X-CSRF-Token on every write made with the session cookie' })) }),
);

export type SessionUser = Static<typeof SessionUserSchema>;
export type Session = Static<typeof SessionSchema>;

export const SignInBody = named(
  'SignIn',
  Type.Object({ email: Type.String({ minLength: 3, maxLength: 320 }), password: Type.String({ minLength: 1, maxLength: 1000 }) }, { additionalProperties: false }),
);

export const TokenSchema = named(
  'ApiToken',
  Type.Object({
    id: Type.String(),
    name: Type.String(),
    scope: Enum(TOKEN_SCOPES, 'read: GETs only; write: reads and writes; calendar: the iCalendar feed of the group `wgId` only'),
    wgId: Nullable(Type.String({ description: 'The working group of a calendar token' })),
    createdAt: Type.String(),
    expiresAt: Type.String({ description: 'After this time the token answers 401, like a revoked one' }),
    lastUsedAt: Nullable(Type.String({ description: 'When the token was last used (kept to the minute)' })),
    revokedAt: Nullable(Type.String()),
  }),
);
export const TokenCreateBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    scope: Type.Optional(Enum(TOKEN_SCOPES, 'What the token may do (default read)')),
    wgId: Type.Optional(Id),
    days: Type.Optional(Type.Integer({ minimum: 1, maximum: TOKEN_MAX_DAYS, description: `Days until the token expires (default ${TOKEN_DEFAULT_DAYS})` })),
  },
  { additionalProperties: false, description: 'A calendar token names its group (wgId); the other scopes name none' },
);
export const NewTokenSchema = named(
  'NewApiToken',
  Type.Object({
    id: Type.String(),
    name: Type.String(),
    scope: Enum(TOKEN_SCOPES),
    wgId: Nullable(Type.String()),
    expiresAt: Type.String(),
    token: Type.String({ description: 'The secret, shown once' }),
  }),
);

/* The shapes as TypeScript types, for the server and the web app alike. */
export type Token = Static<typeof TokenSchema>;
export type NewToken = Static<typeof NewTokenSchema>;
export type TokenCreate = Static<typeof TokenCreateBody>;

/* The names of these schemas in the OpenAPI document (components.schemas). */
named('TokenCreate', TokenCreateBody);
