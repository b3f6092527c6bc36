import { Type, type Static, type TSchema } from 'typebox';
import { CLAUSE_STATUSES, DOCUMENT_KINDS } from '../vocabulary.ts';
import { AccessInput, AccessSchema, Abilities, Enum, Id, IsoDate, Nullable, Limit, Offset, VersionNumber, named } from './common.ts';

export const DOCUMENT_ABILITIES = ['update', 'createVersion', 'signOff'] as const;

const ClauseKey = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$', maxLength: 100, description: 'Stable key of the clause across versions, e.g. "3.2" or "rail-survey"' });
const ClauseText = Type.String({ minLength: 1, maxLength: 50000 });

export const AlternativeInput = Type.Object({ partyId: Id, textEn: ClauseText, textKo: Type.Optional(Nullable(Type.String({ maxLength: 50000 }))) }, { additionalProperties: false });

export const ClauseInput = Type.Object(
  {
    key: ClauseKey,
    status: Enum(CLAUSE_STATUSES, 'agreed text, or bracketed (not yet agreed)'),
    textEn: ClauseText,
    textKo: Type.Optional(Nullable(Type.String({ maxLength: 50000 }))),
    trackId: Type.Optional(Nullable(Id)),
    alternatives: Type.Optional(Type.Array(AlternativeInput, { maxItems: 20, description: "Each party's alternative wording of a bracketed clause" })),
  },
  { additionalProperties: false },
);

const Clauses = Type.Array(ClauseInput, { minItems: 1, maxItems: 2000, description: 'The whole text, in order' });
const Note = Type.Optional(Type.String({ maxLength: 5000, description: 'What changed, for the version list' }));

export const DocumentCreateBody = Type.Object(
  {
    wgId: Id,
    kind: Enum(DOCUMENT_KINDS),
    title: Type.String({ minLength: 1, maxLength: 1000 }),
    titleKo: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
    releasedOn: Type.Optional(Nullable(IsoDate)),
    note: Note,
    clauses: Clauses,
    ...AccessInput,
  },
  { additionalProperties: false },
);

export const DocumentUpdateBody = Type.Object(
  {
    kind: Type.Optional(Enum(DOCUMENT_KINDS)),
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
    titleKo: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
    releasedOn: Type.Optional(Nullable(IsoDate)),
  },
  { additionalProperties: false },
);

export const VersionCreateBody = Type.Object({ note: Note, clauses: Clauses }, { additionalProperties: false });

export const SignOffBody = Type.Object(
  { contentHash: Type.String({ pattern: '^[0-9a-f]{64}$', maxLength: 64, description: 'The content hash of the text being signed, as shown with the version' }) },
  { additionalProperties: false },
);

export const ClauseSchema = Type.Object({
  key: Type.String(),
  position: Type.Integer(),
  trackId: Nullable(Type.String()),
  status: Enum(CLAUSE_STATUSES),
  textEn: Type.String(),
  textKo: Nullable(Type.String()),
  alternatives: Type.Array(Type.Object({ partyId: Type.String(), textEn: Type.String(), textKo: Nullable(Type.String()) })),
});

export const SignOffSchema = Type.Object({
  id: Type.String(),
  partyId: Type.String(),
  versionNumber: Type.Integer(),
  contentHash: Type.String(),
  signedBy: Nullable(Type.String()),
  signedAt: Type.String(),
  voidedAt: Nullable(Type.String()),
  voidedReason: Nullable(Type.String()),
  signature: Nullable(
    Type.Object(
      {
        keyId: Type.String({ description: "The signing key's fingerprint: the first 16 bytes of SHA-256 of its public key (DER), hex" }),
        publicKey: Type.String({ description: 'The Ed25519 public key (PEM, SPKI)' }),
        value: Type.String({ description: 'Ed25519 signature (base64) over the canonical JSON of format, documentId, versionNumber, contentHash, partyId and signedAt' }),
        valid: Type.Boolean({ description: 'The signature matches the sign-off and the key its fingerprint names' }),
      },
      { description: "The party key's signature of the sign-off; null for sign-offs recorded before signatures" },
    ),
  ),
});

export const VersionSummarySchema = Type.Object({
  number: Type.Integer(),
  contentHash: Type.String(),
  note: Nullable(Type.String()),
  createdBy: Nullable(Type.String()),
  createdAt: Type.String(),
  bracketedClauses: Type.Integer({ description: 'How many clauses are still bracketed; a version with any cannot be signed' }),
});

export const VersionSchema = Type.Object({
  ...VersionSummarySchema.properties,
  documentId: Type.String(),
  latest: Type.Boolean(),
  clauses: Type.Array(ClauseSchema),
  signOffs: Type.Array(SignOffSchema, { description: 'Every sign-off ever given on this version, voided ones included' }),
});

export const PartySignOffSchema = Type.Object({
  partyId: Type.String(),
  partyName: Type.String(),
  signed: Type.Boolean(),
  signOff: Nullable(SignOffSchema),
});

export const DocumentSummarySchema = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  wgId: Nullable(Type.String()),
  kind: Enum(DOCUMENT_KINDS),
  title: Type.String(),
  titleKo: Nullable(Type.String()),
  releasedOn: Nullable(Type.String()),
  latestVersion: Nullable(Type.Integer()),
  adopted: Type.Boolean(),
  adoptedVersion: Nullable(Type.Integer()),
  access: AccessSchema,
  abilities: Abilities(DOCUMENT_ABILITIES),
});

export const DocumentSchema = Type.Object({
  ...DocumentSummarySchema.properties,
  current: Nullable(VersionSchema),
  versions: Type.Array(VersionSummarySchema),
  signOffs: Type.Array(PartySignOffSchema, { description: 'Sign-off state of each party of the group on the latest version' }),
  signOffHistory: Type.Array(SignOffSchema, { description: 'Every sign-off on every version, voided ones included, oldest first' }),
});

const change = <T extends TSchema>(t: T) => Type.Object({ before: t, after: t, changed: Type.Boolean() });

export const DIFF_FIELDS = ['textEn', 'textKo', 'status', 'alternatives', 'position', 'trackId'] as const;

export const ChangedClauseSchema = Type.Object({
  key: Type.String(),
  changes: Type.Array(Enum(DIFF_FIELDS)),
  textEn: change(Type.String()),
  textKo: change(Nullable(Type.String())),
  status: change(Type.String()),
  position: change(Type.Integer()),
  trackId: change(Nullable(Type.String())),
  alternatives: Type.Object({ before: ClauseSchema.properties.alternatives, after: ClauseSchema.properties.alternatives, changed: Type.Boolean() }),
});

export const DiffSchema = Type.Object({
  documentId: Type.String(),
  from: Type.Object({ number: Type.Integer(), contentHash: Type.String() }),
  to: Type.Object({ number: Type.Integer(), contentHash: Type.String() }),
  added: Type.Array(ClauseSchema, { description: 'Clauses only in "to"' }),
  removed: Type.Array(ClauseSchema, { description: 'Clauses only in "from"' }),
  changed: Type.Array(ChangedClauseSchema),
  unchanged: Type.Array(Type.String(), { description: 'Keys of clauses identical in both' }),
});

export const BUNDLE_FORMAT = 'concord-document-bundle/1';

/**
 * An adopted document's version as a file that can be checked offline (`concord document verify`):
 * its text, the content hash, the group's parties, and each party's sign-off with its signature
 * and public key.
 */
export const DocumentBundleSchema = Type.Object({
  format: Type.Literal(BUNDLE_FORMAT),
  exportedAt: Type.String(),
  document: Type.Object({ id: Type.String(), title: Type.String(), titleKo: Nullable(Type.String()), kind: Type.String(), wgId: Nullable(Type.String()) }),
  adopted: Type.Boolean({ description: 'The version is the adopted one (else it is the latest, not yet adopted)' }),
  version: Type.Object({
    number: Type.Integer(),
    contentHash: Type.String({ description: 'SHA-256 of the canonical JSON of the clauses (see the README, "Provable sign-offs")' }),
    clauses: Type.Array(ClauseSchema),
  }),
  parties: Type.Array(Type.Object({ id: Type.String(), name: Type.String() }), { description: 'The parties of the working group: each must have signed for the document to be adopted' }),
  signOffs: Type.Array(
    Type.Object({
      partyId: Type.String(),
      signedAt: Type.String(),
      contentHash: Type.String(),
      keyId: Nullable(Type.String()),
      publicKey: Nullable(Type.String()),
      signature: Nullable(Type.String()),
    }),
    { description: 'The live sign-offs on this version' },
  ),
});

export const SigningKeySchema = Type.Object({
  partyId: Type.String(),
  partyName: Nullable(Type.String()),
  keyId: Type.String({ description: 'Fingerprint: the first 16 bytes of SHA-256 of the public key (DER), hex' }),
  publicKey: Type.String({ description: 'Ed25519 public key, PEM (SPKI)' }),
});

export const KEYS_FORMAT = 'concord-party-keys/1';

export const SigningKeysSchema = Type.Object({
  format: Type.Literal(KEYS_FORMAT),
  items: Type.Array(SigningKeySchema, { description: "The parties' sign-off keys this instance holds; save this answer to check bundles against (concord document verify --keys FILE)" }),
});

export const DocumentListQuery = Type.Object(
  {
    wgId: Type.Optional(Id),
    kind: Type.Optional(Enum(DOCUMENT_KINDS)),
    limit: Type.Optional(Limit(500, 100)),
    offset: Type.Optional(Offset),
  },
  { additionalProperties: false },
);

export const DiffQuery = Type.Object({ from: VersionNumber('Version number to compare from'), to: VersionNumber('Version number to compare to') }, { additionalProperties: false });

export const VersionParams = Type.Object({ id: Id, number: VersionNumber('Version number') });

/* The shapes as TypeScript types, for the server and the web app alike. */
export type Clause = Static<typeof ClauseSchema>;
export type SignOff = Static<typeof SignOffSchema>;
export type VersionSummary = Static<typeof VersionSummarySchema>;
export type Version = Static<typeof VersionSchema>;
export type PartySignOff = Static<typeof PartySignOffSchema>;
export type DocumentSummary = Static<typeof DocumentSummarySchema>;
export type Document = Static<typeof DocumentSchema>;
export type ChangedClause = Static<typeof ChangedClauseSchema>;
export type Diff = Static<typeof DiffSchema>;
export type DocumentBundle = Static<typeof DocumentBundleSchema>;
export type SigningKeys = Static<typeof SigningKeysSchema>;

/* The names of these schemas in the OpenAPI document (components.schemas). */
named('AlternativeInput', AlternativeInput);
named('ClauseInput', ClauseInput);
named('DocumentCreate', DocumentCreateBody);
named('DocumentUpdate', DocumentUpdateBody);
named('VersionCreate', VersionCreateBody);
named('SignOff', SignOffBody);
named('Clause', ClauseSchema);
named('DocumentVersionSummary', VersionSummarySchema);
named('DocumentVersion', VersionSchema);
named('PartySignOff', PartySignOffSchema);
named('DocumentSummary', DocumentSummarySchema);
named('Document', DocumentSchema);
named('ChangedClause', ChangedClauseSchema);
named('DocumentDiff', DiffSchema);
named('DocumentBundle', DocumentBundleSchema);
named('SigningKey', SigningKeySchema);
named('SigningKeys', SigningKeysSchema);
