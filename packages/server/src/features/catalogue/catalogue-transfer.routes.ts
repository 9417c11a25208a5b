import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorBody, Task } from '@nghiemthu/shared';
import { forbidden } from '../../lib/errors.js';
import { requestLanguage } from '../../lib/error-handler.js';
import { FileContent, uploadedFile } from '../../lib/multipart.js';
import { auditSource, requireActor } from '../auth/actor.js';
import { canManageCatalogue } from './catalogue.policy.js';

export const catalogueTransferRoutes: FastifyPluginAsyncZod = async (app) => {
  const { catalogueTransfer } = app.services;

  app.get('/catalogue/export', {
    schema: {
      tags: ['catalogue'],
      summary: 'Download the whole catalogue as one .xlsx workbook (sheets services, prices, kpis, systems-links), the layout the import reads',
      response: { 200: FileContent, 401: ErrorBody },
    },
  }, async (request, reply) => {
    requireActor(request); // every signed-in user reads the catalogue
    const file = await catalogueTransfer.exportCatalogue(auditSource(request));
    return reply
      .header('content-type', file.mediaType)
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .header('cache-control', 'private, no-cache')
      .send(file.body);
  });

  app.post('/catalogue/import', {
    schema: {
      tags: ['catalogue'],
      summary: 'Import the catalogue from an .xlsx workbook (multipart/form-data, field "file"); poll /api/tasks/{id} for the outcome',
      consumes: ['multipart/form-data'],
      response: { 202: Task, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 413: ErrorBody, 415: ErrorBody },
    },
  }, async (request, reply) => {
    const actor = requireActor(request);
    if (!canManageCatalogue(actor)) throw forbidden();
    const task = await catalogueTransfer.startImport(actor, await uploadedFile(request), auditSource(request), requestLanguage(request));
    return reply.status(202).send(task);
  });
};
