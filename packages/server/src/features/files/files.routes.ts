import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, StoredFile } from '@nghiemthu/shared';
import { FileContent, uploadedFile } from '../../lib/multipart.js';
import { auditSource, requireActor } from '../auth/actor.js';

const IdParams = z.strictObject({ id: z.uuid() });
const errors = { 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export const filesRoutes: FastifyPluginAsyncZod = async (app) => {
  const { files } = app.services;

  app.post('/files', {
    schema: {
      tags: ['files'],
      summary: 'Upload one file (multipart/form-data, field "file"); its type is read from the content and must match the name',
      consumes: ['multipart/form-data'],
      response: { 201: StoredFile, 400: ErrorBody, 413: ErrorBody, 415: ErrorBody, ...errors },
    },
  }, async (request, reply) => {
    const actor = requireActor(request);
    const stored = await files.upload(actor, await uploadedFile(request), auditSource(request));
    return reply.status(201).send(stored);
  });

  app.get('/files/:id', {
    schema: { tags: ['files'], summary: 'A stored file\'s metadata', params: IdParams, response: { 200: StoredFile, ...errors } },
  }, async (request) => files.get(requireActor(request), request.params.id));

  app.get('/files/:id/content', {
    // A HEAD would run the handler and be recorded as a download that never happened.
    exposeHeadRoute: false,
    schema: {
      tags: ['files'],
      summary: 'Download a stored file\'s bytes; every download is recorded in the audit log',
      params: IdParams,
      response: { 200: FileContent, ...errors },
    },
  }, async (request, reply) => {
    const { file, stream } = await files.openForDownload(requireActor(request), request.params.id, auditSource(request));
    return reply
      .header('content-type', file.mediaType)
      .header('content-length', file.size)
      .header('content-disposition', contentDisposition(file.fileName))
      .header('etag', `"${file.sha256}"`)
      .header('x-content-type-options', 'nosniff')
      // Each download must reach us to be recorded, so no cache may answer for us.
      .header('cache-control', 'private, no-cache')
      .send(stream);
  });
};

/**
 * RFC 6266: `filename*` (RFC 5987, UTF-8) carries the Vietnamese name; the
 * plain `filename` is an ASCII fallback for old clients, with the diacritics
 * dropped ("Biên bản.pdf" becomes "Bien ban.pdf").
 */
export function contentDisposition(fileName: string): string {
  const ascii = fileName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
