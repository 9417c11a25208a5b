import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AgencyExportQuery, ErrorBody, Task } from '@nghiemthu/shared';
import { forbidden } from '../../lib/errors.js';
import { FileContent, uploadedFile } from '../../lib/multipart.js';
import { requestLanguage } from '../../lib/error-handler.js';
import { auditSource, requireActor } from '../auth/actor.js';
import { canImportAgencies } from './agencies.policy.js';

export const agenciesTransferRoutes: FastifyPluginAsyncZod = async (app) => {
  const { agenciesTransfer } = app.services;

  app.get('/agencies/export', {
    schema: {
      tags: ['agencies'],
      summary: 'Download the whole registry (active and closed agencies) as .xlsx or .csv, in the columns the import reads',
      querystring: AgencyExportQuery,
      response: { 200: FileContent, 400: ErrorBody, 401: ErrorBody },
    },
  }, async (request, reply) => {
    requireActor(request); // the registry is the province's directory: every signed-in user may read it
    const file = await agenciesTransfer.exportRegistry(request.query.format, auditSource(request));
    return reply
      .header('content-type', file.mediaType)
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .header('cache-control', 'private, no-cache')
      .send(file.body);
  });

  app.post('/agencies/import', {
    schema: {
      tags: ['agencies'],
      summary: 'Import the registry from an .xlsx or .csv file (multipart/form-data, field "file"); poll /api/tasks/{id} for the outcome',
      consumes: ['multipart/form-data'],
      response: { 202: Task, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 413: ErrorBody, 415: ErrorBody },
    },
  }, async (request, reply) => {
    const actor = requireActor(request);
    // Refused before the upload is read, so a large file from someone not allowed costs nothing.
    if (!canImportAgencies(actor)) throw forbidden();
    const task = await agenciesTransfer.startImport(actor, await uploadedFile(request), auditSource(request), requestLanguage(request));
    return reply.status(202).send(task);
  });
};
