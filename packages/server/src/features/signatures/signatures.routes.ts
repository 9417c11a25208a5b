import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '@nghiemthu/shared';
import { auditSource, requireActor } from '../auth/actor.js';

const TrustAnchor = z.object({ id: z.uuid(), subject: z.string(), fingerprintSha256: z.string(), notAfter: z.iso.datetime(), isActive: z.boolean(), addedAt: z.iso.datetime() });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const tags = ['signatures'];

/** Trust anchors for validating signatures in PDFs (system administrators). */
export const signaturesRoutes: FastifyPluginAsyncZod = async (app) => {
  const { trustAnchors } = app.services;

  app.get('/trust-anchors', {
    schema: { tags, summary: 'Root and intermediate certificates signatures are validated against', response: { 200: z.array(TrustAnchor), ...errors } },
  }, async (request) => {
    requireActor(request);
    return trustAnchors.list();
  });

  app.post('/trust-anchors', {
    schema: { tags, summary: 'Trust a root or intermediate certificate (PEM)', body: z.strictObject({ pem: z.string().min(1).max(20_000) }), response: { 201: TrustAnchor, ...errors } },
  }, async (request, reply) => reply.status(201).send(await trustAnchors.add(requireActor(request), request.body.pem, auditSource(request))));

  app.delete('/trust-anchors/:id', {
    schema: { tags, summary: 'Stop trusting a certificate (kept, inactive)', params: z.strictObject({ id: z.uuid() }), response: { 200: TrustAnchor, ...errors } },
  }, async (request) => trustAnchors.deactivate(requireActor(request), request.params.id, auditSource(request)));
};
