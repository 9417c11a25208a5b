import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DocumentContentQuery, ErrorBody, RecordClass, RecordDetail, RecordListQuery, RecordPage, UpdateRecordClassBody } from '@nghiemthu/shared';
import { auditSource, requireActor } from '../auth/actor.js';
import { contentDisposition } from '../files/files.routes.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const params = z.strictObject({ id: z.uuid() });
const tags = ['records'];

export const recordsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { records } = app.services;

  app.get('/records', {
    schema: { tags, summary: 'Electronic records within your reach, newest closed first', querystring: RecordListQuery, response: { 200: RecordPage, ...errors } },
  }, async (request) => records.list(requireActor(request), request.query));

  app.get('/records/:id', {
    schema: { tags, summary: 'A record with its documents in order (metadata only, never full text)', params, response: { 200: RecordDetail, ...errors } },
  }, async (request) => records.get(requireActor(request), request.params.id));

  app.get('/records/:id/documents/:documentId/content', {
    schema: {
      tags, summary: 'A document\'s file exactly as kept; every view and download is written to the access history',
      params: params.extend({ documentId: z.uuid() }), querystring: DocumentContentQuery,
    },
  }, async (request, reply) => {
    const isDownload = request.query.disposition === 'attachment';
    const file = await records.openDocument(requireActor(request), request.params.id, request.params.documentId, isDownload ? 'download' : 'view', auditSource(request));
    const disposition = contentDisposition(file.fileName);
    return reply.header('content-type', file.mediaType).header('content-length', file.size)
      .header('content-disposition', isDownload ? disposition : disposition.replace(/^attachment/, 'inline'))
      .header('x-content-type-options', 'nosniff').header('cache-control', 'private, no-cache').send(file.stream);
  });

  app.get('/record-classes', {
    schema: { tags, summary: 'Record classes and their retention periods', response: { 200: z.array(RecordClass), ...errors } },
  }, async (request) => {
    requireActor(request);
    return records.listClasses();
  });

  app.put('/record-classes/:id', {
    schema: { tags, summary: 'Change a record class\'s name or retention (system administrators); records already closed keep theirs', params, body: UpdateRecordClassBody, response: { 200: RecordClass, ...errors } },
  }, async (request) => records.updateClass(requireActor(request), request.params.id, request.body, auditSource(request)));
};
