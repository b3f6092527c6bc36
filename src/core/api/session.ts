/** Signing in and out, the signed-in user, and API tokens. */
import { Type, type Static } from 'typebox';
import { named, Nullable } from './common.ts';
import { UserIdentity } from './users.ts';

export const SessionUserSchema = named('SessionUser', Type.Object({
  ...UserIdentity,
  roles: Type.Record(Type.String(), Type.String(), { description: 'Role per working group id' }),
}));

export const SessionSchema = named('Session', Type.Object({ user: SessionUserSchema, csrfToken: Type.Optional(Type.String({ description: 'Send it as X-CSRF-Token on every write made with the session cookie' })) }));

export type SessionUser = Static<typeof SessionUserSchema>;
export type Session = Static<typeof SessionSchema>;

export const SignInBody = named('SignIn', Type.Object({ email: Type.String({ minLength: 3, maxLength: 320 }), password: Type.String({ minLength: 1, maxLength: 1000 }) }, { additionalProperties: false }));

export const TokenSchema = named('ApiToken', Type.Object({ id: Type.String(), name: Type.String(), createdAt: Type.String(), revokedAt: Nullable(Type.String()) }));
export const TokenCreateBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });
export const NewTokenSchema = named('NewApiToken', Type.Object({ id: Type.String(), name: Type.String(), token: Type.String({ description: 'The secret, shown once' }) }));

/* The shapes as TypeScript types, for the server and the web app alike. */
export type Token = Static<typeof TokenSchema>;
export type NewToken = Static<typeof NewTokenSchema>;

/* The names of these schemas in the OpenAPI document (components.schemas). */
named('TokenCreate', TokenCreateBody);
