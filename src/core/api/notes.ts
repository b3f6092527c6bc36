import { Type, type Static } from 'typebox';
import { AccessInput, AccessSchema, Abilities, ClassificationSchema, Enum, Id, Nullable, ScopeSchema, named } from './common.ts';

/** The records a note may be attached to, and the table each lives in. */
export const NOTE_TARGETS = {
  working_group: 'working_groups',
  meeting: 'meetings',
  issue: 'issues',
  position: 'positions',
  statement: 'statements',
  document: 'documents',
  commitment: 'commitments',
  project: 'projects',
} as const;
export const NOTE_ABILITIES = ['update'] as const;

const TARGET_TYPES = Object.keys(NOTE_TARGETS) as (keyof typeof NOTE_TARGETS)[];
export const NoteTargetSchema = Enum(TARGET_TYPES, 'The kind of record the note is on');
const Body = Type.String({ minLength: 1, maxLength: 50000 });

export const NoteListQuery = Type.Object({ entityType: NoteTargetSchema, entityId: Id }, { additionalProperties: false });

export const NoteCreateBody = Type.Object(
  {
    entityType: NoteTargetSchema,
    entityId: Id,
    body: Body,
    ...AccessInput,
  },
  { additionalProperties: false, description: 'Default scope organisation; default classification that of the record' },
);

export const NoteUpdateBody = Type.Object({ body: Type.Optional(Body), scope: Type.Optional(ScopeSchema), classification: Type.Optional(ClassificationSchema) }, { additionalProperties: false });

export const NoteSchema = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  entityType: NoteTargetSchema,
  entityId: Type.String(),
  wgId: Nullable(Type.String()),
  body: Type.String(),
  createdBy: Nullable(Type.String()),
  createdByName: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  access: AccessSchema,
  abilities: Abilities(NOTE_ABILITIES),
});

/* The shapes as TypeScript types, for the server and the web app alike. */
export type NoteTarget = Static<typeof NoteTargetSchema>;
export type Note = Static<typeof NoteSchema>;

/* The names of these schemas in the OpenAPI document (components.schemas). */
named('NoteTarget', NoteTargetSchema);
named('NoteCreate', NoteCreateBody);
named('NoteUpdate', NoteUpdateBody);
named('Note', NoteSchema);
