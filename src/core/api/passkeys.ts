/**
 * Passkeys (WebAuthn): one's own passkeys, the options a browser passes to
 * `navigator.credentials.create()` / `.get()` (as @simplewebauthn/browser takes them), and the
 * credentials it answers with. The server keeps each challenge, once, for PASSKEY_CHALLENGE_MINUTES.
 */
import { Type, type Static } from 'typebox';
import { Enum, Id, named, Nullable } from './common.ts';

/** How long a challenge may be answered. */
export const PASSKEY_CHALLENGE_MINUTES = 5;
/** The longest name a passkey may have. */
export const PASSKEY_NAME_MAX = 100;
/** Why a session is limited: the user must enrol a passkey before anything else. */
export const SESSION_LIMITS = ['passkey_enrolment'] as const;

const B64 = (max: number, description?: string) => Type.String({ minLength: 1, maxLength: max, pattern: '^[A-Za-z0-9_-]+={0,2}$', ...(description ? { description } : {}) });
const TRANSPORTS = ['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb'] as const;
const Transports = Type.Array(Type.String({ maxLength: 20 }), { maxItems: 10, description: `How the browser reaches the authenticator (${TRANSPORTS.join(', ')})` });
const Extensions = Type.Object({}, { additionalProperties: true, description: 'WebAuthn extensions, as the browser passes them on' });
const Descriptor = Type.Object({ id: Type.String(), type: Type.String({ description: 'public-key' }), transports: Type.Optional(Type.Array(Type.String())) });
const UserVerification = Enum(['required', 'preferred', 'discouraged'] as const);

export const PasskeySchema = named(
  'Passkey',
  Type.Object({
    id: Type.String(),
    name: Type.String(),
    createdAt: Type.String(),
    lastUsedAt: Nullable(Type.String({ description: 'When it last signed in or confirmed something' })),
    transports: Type.Array(Type.String()),
    multiDevice: Type.Boolean({ description: 'A synced passkey (kept by a password manager or platform account) rather than one bound to one device' }),
    backedUp: Type.Boolean(),
    version: Type.Integer(),
  }),
);

export const PasskeyListSchema = named(
  'PasskeyList',
  Type.Object({
    items: Type.Array(PasskeySchema),
    required: Type.Boolean({ description: 'This server requires the caller to sign in with a passkey (CONCORD_PASSKEY_REQUIRED_ABOVE)' }),
    confirmRemoval: Type.Boolean({ description: 'Removing a passkey now needs the current password or a passkey to confirm (it is the last)' }),
  }),
);

export const PasskeyCreationOptionsSchema = named(
  'PasskeyCreationOptions',
  Type.Object({
    challengeId: Type.String({ description: 'Send it back with the credential' }),
    options: Type.Object(
      {
        rp: Type.Object({ name: Type.String(), id: Type.Optional(Type.String()) }),
        user: Type.Object({ id: Type.String(), name: Type.String(), displayName: Type.String() }),
        challenge: Type.String(),
        pubKeyCredParams: Type.Array(Type.Object({ alg: Type.Integer(), type: Type.String({ description: 'public-key' }) })),
        timeout: Type.Optional(Type.Integer()),
        excludeCredentials: Type.Optional(Type.Array(Descriptor)),
        authenticatorSelection: Type.Optional(
          Type.Object({
            authenticatorAttachment: Type.Optional(Type.String()),
            residentKey: Type.Optional(Type.String()),
            requireResidentKey: Type.Optional(Type.Boolean()),
            userVerification: Type.Optional(UserVerification),
          }),
        ),
        hints: Type.Optional(Type.Array(Type.String())),
        attestation: Type.Optional(Type.String()),
        extensions: Type.Optional(Extensions),
      },
      { description: 'PublicKeyCredentialCreationOptionsJSON, for navigator.credentials.create()' },
    ),
  }),
);

export const PasskeyRequestOptionsSchema = named(
  'PasskeyRequestOptions',
  Type.Object({
    challengeId: Type.String({ description: 'Send it back with the assertion' }),
    options: Type.Object(
      {
        challenge: Type.String(),
        timeout: Type.Optional(Type.Integer()),
        rpId: Type.Optional(Type.String()),
        allowCredentials: Type.Optional(Type.Array(Descriptor)),
        userVerification: Type.Optional(UserVerification),
        hints: Type.Optional(Type.Array(Type.String())),
        extensions: Type.Optional(Extensions),
      },
      { description: 'PublicKeyCredentialRequestOptionsJSON, for navigator.credentials.get()' },
    ),
  }),
);

/** What the browser answers navigator.credentials.create() with (RegistrationResponseJSON). */
export const PasskeyRegistrationSchema = named(
  'PasskeyRegistration',
  Type.Object({
    id: B64(1400),
    rawId: B64(1400),
    type: Type.Literal('public-key'),
    response: Type.Object({
      clientDataJSON: B64(8192),
      attestationObject: B64(65536),
      authenticatorData: Type.Optional(B64(65536)),
      transports: Type.Optional(Transports),
      publicKeyAlgorithm: Type.Optional(Type.Integer()),
      publicKey: Type.Optional(B64(8192)),
    }),
    authenticatorAttachment: Type.Optional(Type.String({ maxLength: 40 })),
    clientExtensionResults: Extensions,
  }),
);

/** What the browser answers navigator.credentials.get() with (AuthenticationResponseJSON). */
export const PasskeyAssertionSchema = named(
  'PasskeyAssertion',
  Type.Object({
    id: B64(1400),
    rawId: B64(1400),
    type: Type.Literal('public-key'),
    response: Type.Object({
      clientDataJSON: B64(8192),
      authenticatorData: B64(8192),
      signature: B64(2048),
      userHandle: Type.Optional(B64(200)),
    }),
    authenticatorAttachment: Type.Optional(Type.String({ maxLength: 40 })),
    clientExtensionResults: Extensions,
  }),
);

const ChallengeId = Type.String({ minLength: 1, maxLength: 100, description: 'The challengeId the options came with' });

export const PasskeyAddBody = named(
  'PasskeyAdd',
  Type.Object({ challengeId: ChallengeId, name: Type.String({ minLength: 1, maxLength: PASSKEY_NAME_MAX }), credential: PasskeyRegistrationSchema }, { additionalProperties: false }),
);

export const PasskeyRenameBody = named('PasskeyRename', Type.Object({ name: Type.String({ minLength: 1, maxLength: PASSKEY_NAME_MAX }) }, { additionalProperties: false }));

/** An assertion answering a challenge: signs in, or confirms a change. */
export const PasskeyProofBody = named('PasskeyProof', Type.Object({ challengeId: ChallengeId, credential: PasskeyAssertionSchema }, { additionalProperties: false }));

export const PasskeyRemoveBody = named(
  'PasskeyRemove',
  Type.Object(
    {
      currentPassword: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
      proof: Type.Optional(PasskeyProofBody),
    },
    { additionalProperties: false, description: 'Removing one’s last passkey is confirmed with the current password or a passkey (proof); others need neither' },
  ),
);

/** POST /api/session's answer when the password was right and a passkey must follow (202). */
export const SignInStepSchema = named(
  'SignInStep',
  Type.Object({
    next: Enum(['passkey'] as const, 'What the sign-in needs next: an assertion from one of the account’s passkeys, sent to POST /api/session/passkey'),
    ...PasskeyRequestOptionsSchema.properties,
  }),
);

export const SessionLimitedTo = Enum(SESSION_LIMITS, 'The session may only enrol a passkey (GET/POST /api/passkeys…) until one is added: this server requires one of the user');

/** The passkey a route names. */
export const PasskeyParams = Type.Object({ id: Id });

export type Passkey = Static<typeof PasskeySchema>;
export type PasskeyList = Static<typeof PasskeyListSchema>;
export type PasskeyCreationOptions = Static<typeof PasskeyCreationOptionsSchema>;
export type PasskeyRequestOptions = Static<typeof PasskeyRequestOptionsSchema>;
export type PasskeyRegistration = Static<typeof PasskeyRegistrationSchema>;
export type PasskeyAssertion = Static<typeof PasskeyAssertionSchema>;
export type PasskeyAdd = Static<typeof PasskeyAddBody>;
export type PasskeyProof = Static<typeof PasskeyProofBody>;
export type PasskeyRemove = Static<typeof PasskeyRemoveBody>;
export type SignInStep = Static<typeof SignInStepSchema>;
