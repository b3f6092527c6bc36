import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { createDocument, createDocumentVersion, signDocumentVersion, updateDocument } from '../../commands/index.ts';
import { documentBundleParts, findDocuments, getDocumentDetail, getDocumentDiff, getDocumentVersion, partyNames, withGroupParties } from '../../queries/documents.ts';
import { getVisible } from '../../queries/visible.ts';
import { presentBundle, presentDiff, presentDocument, presentDocumentListItem, presentSigningKeys, presentVersion } from '../../presenters/document.ts';
import { listPartyKeys } from '../../audit/party-keys.ts';
import { requireAdmin } from '../../policies/admin.ts';
import { Id } from '../../../core/api/common.ts';
import { commandContext, errorResponses, expectedVersion, requireActor } from '../common.ts';
import {
  DiffQuery,
  DiffSchema,
  DocumentBundleSchema,
  DocumentCreateBody,
  DocumentListQuery,
  DocumentSchema,
  DocumentSummarySchema,
  DocumentUpdateBody,
  SignOffBody,
  SigningKeysSchema,
  VersionCreateBody,
  VersionParams,
  VersionSchema,
} from '../../../core/api/documents.ts';

const Params = Type.Object({ id: Id });

/** Joint documents: immutable versions of clauses, bracketed alternatives, sign-off per party, adoption. */
export default async function documentsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['documents'];

  app.get(
    '/documents',
    {
      schema: { tags, summary: 'Joint documents I may see', querystring: DocumentListQuery, response: { 200: Type.Object({ items: Type.Array(DocumentSummarySchema) }), ...errorResponses } },
    },
    async (req) => {
      const actor = requireActor(req);
      const db = req.server.store.db;
      const rows = await findDocuments(db, actor, req.query);
      return { items: await withGroupParties(db, rows, (d, parties) => presentDocumentListItem(actor, d, parties)) };
    },
  );

  app.get(
    '/documents/:id',
    {
      schema: {
        tags,
        summary: 'One document: its current text, every version, and where each party stands on signing the latest',
        params: Params,
        response: { 200: DocumentSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const d = await getDocumentDetail(req.server.store.db, actor, req.params.id);
      reply.header('etag', `"${d.doc.version}"`);
      return presentDocument(actor, d);
    },
  );

  app.get(
    '/documents/:id/versions/:number',
    {
      schema: { tags, summary: 'One version of a document, with its clauses and the sign-offs given on it', params: VersionParams, response: { 200: VersionSchema, ...errorResponses } },
    },
    async (req) => {
      const actor = requireActor(req);
      const v = await getDocumentVersion(req.server.store.db, actor, req.params.id, req.params.number);
      return presentVersion(v.doc.id, v.version, v.versions, v.clauses, v.signoffs);
    },
  );

  app.get(
    '/documents/:id/diff',
    {
      schema: {
        tags,
        summary: 'Clause-by-clause differences between two versions (added, removed, changed per language and status, unchanged)',
        params: Params,
        querystring: DiffQuery,
        response: { 200: DiffSchema, ...errorResponses },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const d = await getDocumentDiff(req.server.store.db, actor, req.params.id, req.query.from, req.query.to);
      return presentDiff(d.doc.id, d.from, d.to, d.diff);
    },
  );

  app.get(
    '/documents/:id/export',
    {
      schema: {
        tags,
        summary: 'The adopted version (else the latest) as a bundle to check offline: text, content hash, parties, and each sign-off with its signature and public key',
        params: Params,
        response: { 200: DocumentBundleSchema, ...errorResponses },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const db = req.server.store.db;
      const doc = await getVisible(db, actor, 'documents', req.params.id, 'Document');
      return presentBundle(await documentBundleParts(db, doc));
    },
  );

  app.get(
    '/signing-keys',
    {
      schema: {
        tags,
        summary: "The parties' sign-off keys this instance holds: public keys and fingerprints (administrators)",
        response: { 200: SigningKeysSchema, ...errorResponses },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      requireAdmin(actor, "see the parties' signing keys");
      return presentSigningKeys(listPartyKeys(), await partyNames(req.server.store.db));
    },
  );

  app.post(
    '/documents',
    {
      schema: {
        tags,
        summary: 'Draft a joint document with version 1 of its text (chair or secretariat)',
        body: DocumentCreateBody,
        response: { 201: Type.Object({ id: Type.String(), versionNumber: Type.Integer(), contentHash: Type.String() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const r = await createDocument(commandContext(req), req.body);
      return reply.status(201).send({ id: r.id, versionNumber: 1, contentHash: r.contentHash });
    },
  );

  app.patch(
    '/documents/:id',
    {
      schema: { tags, summary: "Change a document's title, kind or release date (If-Match: version)", params: Params, body: DocumentUpdateBody, response: { 204: Type.Null(), ...errorResponses } },
    },
    async (req, reply) => {
      await updateDocument(commandContext(req), req.params.id, expectedVersion(req), req.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/documents/:id/versions',
    {
      schema: {
        tags,
        summary: 'Put forward a new version of the whole text; voids earlier sign-offs and clears adoption (If-Match: document version)',
        params: Params,
        body: VersionCreateBody,
        response: { 201: Type.Object({ number: Type.Integer(), contentHash: Type.String() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const r = await createDocumentVersion(commandContext(req), req.params.id, expectedVersion(req), req.body);
      return reply.status(201).send(r);
    },
  );

  app.post(
    '/documents/:id/versions/:number/sign-off',
    {
      schema: {
        tags,
        summary: 'Sign the latest version off for my government, quoting its content hash; adopts the document when every party has signed',
        params: VersionParams,
        body: SignOffBody,
        response: { 201: Type.Object({ id: Type.String(), adopted: Type.Boolean() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const r = await signDocumentVersion(commandContext(req), req.params.id, req.params.number, req.body.contentHash);
      return reply.status(201).send(r);
    },
  );
}
