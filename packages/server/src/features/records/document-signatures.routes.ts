import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DocumentSignatureStatus, ErrorBody, SignatureReport } from '@nghiemthu/shared';
import { auditSource, requireActor } from '../auth/actor.js';

const errors = { 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const params = z.strictObject({ id: z.uuid(), documentId: z.uuid() });
const DocumentSignatures = z.object({ status: DocumentSignatureStatus, report: SignatureReport.nullable() });

/** The validation report of a document's embedded signatures, and validation again on demand. */
export const documentSignaturesRoutes: FastifyPluginAsyncZod = async (app) => {
  const { documentSignatures } = app.services;

  app.get('/records/:id/documents/:documentId/signatures', {
    schema: { tags: ['records'], summary: 'The signature report of a document, as validated at capture or last on demand', params, response: { 200: DocumentSignatures, ...errors } },
  }, async (request) => documentSignatures.report(requireActor(request), request.params.id, request.params.documentId));

  app.post('/records/:id/documents/:documentId/signatures/check', {
    schema: { tags: ['records'], summary: 'Validate the document\'s signatures again with the trust anchors in force; the file is not changed', params, response: { 200: DocumentSignatures, ...errors } },
  }, async (request) => documentSignatures.recheck(requireActor(request), request.params.id, request.params.documentId, auditSource(request)));
};
