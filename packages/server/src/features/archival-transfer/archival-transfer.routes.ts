import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ArchivalTransferDetail, ArchivalTransferListQuery, ArchivalTransferPage, CreateArchivalTransferBody, ErrorBody } from '@nghiemthu/shared';
import { requestLanguage } from '../../lib/error-handler.js';
import { forbidden } from '../../lib/errors.js';
import { FileContent, uploadedFile } from '../../lib/multipart.js';
import { auditSource, requireActor } from '../auth/actor.js';
import { contentDisposition } from '../files/files.routes.js';
import { canTransferRecords } from './archival-transfer.policy.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const params = z.strictObject({ id: z.uuid() });
const tags = ['records'];

/** Archival transfer: BagIt packages of closed records out to the historical archive, and back in for verification. */
export const archivalTransferRoutes: FastifyPluginAsyncZod = async (app) => {
  const { archivalTransfer } = app.services;

  app.post('/archival-transfers', {
    schema: {
      tags, summary: 'Export closed records as a BagIt 1.0 package (.tar) in the background; poll /api/tasks/{taskId} for progress',
      body: CreateArchivalTransferBody, response: { 202: ArchivalTransferDetail, ...errors },
    },
  }, async (request, reply) => {
    const transfer = await archivalTransfer.startExport(requireActor(request), request.body, auditSource(request), requestLanguage(request));
    return reply.status(202).send(transfer);
  });

  app.post('/archival-transfers/import', {
    schema: {
      tags, summary: 'Verify a BagIt package (.tar, multipart/form-data, field "file") in the background; the report is on the transfer',
      consumes: ['multipart/form-data'], response: { 202: ArchivalTransferDetail, 413: ErrorBody, 415: ErrorBody, ...errors },
    },
  }, async (request, reply) => {
    const actor = requireActor(request);
    // Refused before the upload is read, so a large file from someone not allowed costs nothing.
    if (!canTransferRecords(actor)) throw forbidden();
    const transfer = await archivalTransfer.startImport(actor, await uploadedFile(request), auditSource(request), requestLanguage(request));
    return reply.status(202).send(transfer);
  });

  app.get('/archival-transfers', {
    schema: { tags, summary: 'Archival packages exported and imported, newest first', querystring: ArchivalTransferListQuery, response: { 200: ArchivalTransferPage, ...errors } },
  }, async (request) => archivalTransfer.list(requireActor(request), request.query));

  app.get('/archival-transfers/:id', {
    schema: { tags, summary: 'One transfer with its progress, the export\'s summary or the import\'s verification report', params, response: { 200: ArchivalTransferDetail, ...errors } },
  }, async (request) => archivalTransfer.get(requireActor(request), request.params.id));

  app.get('/archival-transfers/:id/package', {
    // A HEAD would run the handler and be recorded as a download that never happened.
    exposeHeadRoute: false,
    schema: { tags, summary: 'Download the package (.tar); every download is recorded in the audit log', params, response: { 200: FileContent, ...errors } },
  }, async (request, reply) => {
    const file = await archivalTransfer.openPackage(requireActor(request), request.params.id, auditSource(request));
    return reply.header('content-type', 'application/x-tar').header('content-length', file.size)
      .header('content-disposition', contentDisposition(file.fileName)).header('etag', `"${file.sha256}"`)
      .header('x-content-type-options', 'nosniff').header('cache-control', 'private, no-cache').send(file.stream);
  });

  app.get('/archival-transfers/:id/report', {
    schema: { tags, summary: 'An import\'s verification report as a JSON file', params, response: { 200: FileContent, ...errors } },
  }, async (request, reply) => {
    const report = await archivalTransfer.verificationReport(requireActor(request), request.params.id);
    return reply.header('content-type', 'application/json; charset=utf-8').header('content-disposition', contentDisposition(report.fileName))
      .header('cache-control', 'private, no-cache').send(Buffer.from(report.body));
  });
};
