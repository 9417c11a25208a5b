import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CancelDispositionBody, CreateDispositionBatchBody, DispositionBatchDetail, DispositionBatchListQuery, DispositionBatchPage, ErrorBody,
  ExpiredRecordPage, ExpiredRecordQuery, LegalHold, LegalHoldBody,
} from '@nghiemthu/shared';
import { auditSource, requireActor } from '../auth/actor.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const params = z.strictObject({ id: z.uuid() });
const tags = ['records'];

/** Retention and disposition of records: expired records, legal holds, disposition batches with two approvals. */
export const dispositionRoutes: FastifyPluginAsyncZod = async (app) => {
  const { disposition } = app.services;

  app.get('/disposition/expired', {
    schema: {
      tags, summary: 'Closed records past their retention period, not permanent, not held and not in a pending batch, within your reach',
      querystring: ExpiredRecordQuery, response: { 200: ExpiredRecordPage, ...errors },
    },
  }, async (request) => disposition.listExpired(requireActor(request), request.query));

  app.get('/disposition/batches', {
    schema: { tags, summary: 'Disposition batches within your reach, newest first', querystring: DispositionBatchListQuery, response: { 200: DispositionBatchPage, ...errors } },
  }, async (request) => disposition.list(requireActor(request), request.query));

  app.post('/disposition/batches', {
    schema: {
      tags, summary: 'Propose destroying expired records under an appraisal decision, with the archive authority\'s opinion (officers, agency administrators of the holding agency)',
      body: CreateDispositionBatchBody, response: { 201: DispositionBatchDetail, ...errors },
    },
  }, async (request, reply) => reply.status(201).send(await disposition.propose(requireActor(request), request.body, auditSource(request))));

  app.get('/disposition/batches/:id', {
    schema: { tags, summary: 'A disposition batch: its records, approvals, and after execution each file\'s SHA-256', params, response: { 200: DispositionBatchDetail, ...errors } },
  }, async (request) => disposition.get(requireActor(request), request.params.id));

  app.post('/disposition/batches/:id/approve', {
    schema: {
      tags, summary: 'Approve a proposed batch: a first approval, then a second by a different person; never by the proposer (leaders, agency and system administrators)',
      params, response: { 200: DispositionBatchDetail, ...errors },
    },
  }, async (request) => disposition.approve(requireActor(request), request.params.id, auditSource(request)));

  app.post('/disposition/batches/:id/execute', {
    schema: {
      tags, summary: 'Destroy the records of an approved batch: destruction minutes issued, each record\'s metadata and file hashes kept, the files deleted',
      params, response: { 200: DispositionBatchDetail, ...errors },
    },
  }, async (request) => disposition.execute(requireActor(request), request.params.id, auditSource(request)));

  app.post('/disposition/batches/:id/cancel', {
    schema: { tags, summary: 'Cancel a batch not yet executed, with a reason', params, body: CancelDispositionBody, response: { 200: DispositionBatchDetail, ...errors } },
  }, async (request) => disposition.cancel(requireActor(request), request.params.id, request.body, auditSource(request)));

  app.get('/records/:id/legal-hold', {
    schema: { tags, summary: 'A record\'s legal hold, who placed it, what you may do, and its disposition batch if any', params, response: { 200: LegalHold, ...errors } },
  }, async (request) => disposition.legalHold.get(requireActor(request), request.params.id));

  app.put('/records/:id/legal-hold', {
    schema: {
      tags, summary: 'Place a legal hold: no disposition may take the record until it is released (leaders, agency and system administrators, inspectors)',
      params, body: LegalHoldBody, response: { 200: LegalHold, ...errors },
    },
  }, async (request) => disposition.legalHold.place(requireActor(request), request.params.id, request.body, auditSource(request)));

  // The reason travels in the query: DELETE requests carry no body in the web client (and in some proxies).
  app.delete('/records/:id/legal-hold', {
    schema: { tags, summary: 'Release a legal hold, with a reason', params, querystring: LegalHoldBody, response: { 200: LegalHold, ...errors } },
  }, async (request) => disposition.legalHold.release(requireActor(request), request.params.id, request.query, auditSource(request)));
};
