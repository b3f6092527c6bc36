/** Signing in and out, the signed-in user, and API tokens. */
import { Type, type Static } from 'typebox';
import { Enum, Id, named, Nullable } from './common.ts';
import { TOKEN_DEFAULT_DAYS, TOKEN_MAX_DAYS, TOKEN_SCOPES } from '../vocabulary.ts';
import { UserIdentity } from './users.ts';
import { SessionLimitedTo } from './passkeys.ts';

export const SessionUserSchema = named(
  'SessionUser',
  Type.Object({
    ...UserIdentity,
    roles: Type.Record(Type.String(), Type.String(), { description: 'Role per working group id' }),
  }),
);

export const SessionSchema = named(
  'Session',
  Type.Object({
    user: SessionUserSchema,
    csrfToken: Type.Optional(Type.String({ description: 'Send it as X-CSRF-Token on every write made with the session cookie' })),
    limitedTo: Type.Optional(SessionLimitedTo),
  }),
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

/* Passwords and sessions: change one's own password, reset links, one's own sessions. */

/** The shortest password a user may choose (NIST SP 800-63B asks for at least 8; 12 leaves room). */
export const PASSWORD_MIN_LENGTH = 12;
/** How long a reset link works. */
export const PASSWORD_RESET_HOURS = 24;

const NewPassword = Type.String({
  minLength: PASSWORD_MIN_LENGTH,
  maxLength: 1000,
  description: `At least ${PASSWORD_MIN_LENGTH} characters and not easy to guess (not a common password, a pattern, or the account's own name)`,
});

export const PasswordChangeBody = named('PasswordChange', Type.Object({ currentPassword: Type.String({ minLength: 1, maxLength: 1000 }), newPassword: NewPassword }, { additionalProperties: false }));

export const PasswordResetBody = named(
  'PasswordReset',
  Type.Object({ token: Type.String({ minLength: 20, maxLength: 200, description: 'The secret from the reset link' }), newPassword: NewPassword }, { additionalProperties: false }),
);

export const PasswordResetIssuedSchema = named(
  'PasswordResetIssued',
  Type.Object({
    token: Type.String({ description: 'The secret, shown once: the link is /reset-password#token=<token> on this server' }),
    path: Type.String({ description: "The reset page with the secret, to put after the server's address" }),
    expiresAt: Type.String(),
  }),
);

export const SessionInfoSchema = named(
  'SessionInfo',
  Type.Object({
    id: Type.String({ description: 'The session (a hash of its secret)' }),
    createdAt: Type.String(),
    lastSeenAt: Type.String({ description: 'Its last request, kept to the minute' }),
    endsAt: Type.String({ description: 'When it ends unless used again: the idle timeout or the absolute lifetime, whichever comes first' }),
    userAgent: Nullable(Type.String()),
    ip: Nullable(Type.String()),
    current: Type.Boolean({ description: 'The session this request was made with' }),
  }),
);

export const SessionLimitsSchema = named(
  'SessionLimits',
  Type.Object({ idleMinutes: Type.Integer({ minimum: 1 }), maxHours: Type.Integer({ minimum: 1 }) }, { description: "This server's session lifetimes" }),
);

export type PasswordChange = Static<typeof PasswordChangeBody>;
export type PasswordReset = Static<typeof PasswordResetBody>;
export type PasswordResetIssued = Static<typeof PasswordResetIssuedSchema>;
export type SessionInfo = Static<typeof SessionInfoSchema>;
