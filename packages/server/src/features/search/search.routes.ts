import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, SavedSearch, SaveSearchBody, SearchExportQuery, SearchPage, SearchQuery } from '@nghiemthu/shared';
import { FileContent } from '../../lib/multipart.js';
import { auditSource, requireActor } from '../auth/actor.js';
import { contentDisposition } from '../files/files.routes.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['search'];
export const searchRoutes: FastifyPluginAsyncZod = async (app) => {
  const { search } = app.services;

  app.get('/search', {
    schema: { tags, summary: 'Full-text search of records\' documents: metadata, extracted and OCR text; diacritics and Unicode form ignored, exact diacritics ranked first', querystring: SearchQuery, response: { 200: SearchPage, ...errors } },
  }, async (request) => search.search(requireActor(request), request.query));

  app.get('/search/export.xlsx', {
    schema: { tags, summary: 'The hits of a search as .xlsx (at most 10,000, in the list\'s order); every export is recorded', querystring: SearchExportQuery, response: { 200: FileContent, ...errors } },
  }, async (request, reply) => {
    const file = await search.exportXlsx(requireActor(request), request.query, auditSource(request));
    return reply.header('content-type', file.mediaType).header('content-disposition', contentDisposition(file.fileName)).header('cache-control', 'private, no-cache').send(file.body);
  });

  app.get('/saved-searches', {
    schema: { tags, summary: 'Your saved searches', response: { 200: z.array(SavedSearch), ...errors } },
  }, async (request) => search.listSaved(requireActor(request)));

  app.post('/saved-searches', {
    schema: { tags, summary: 'Save a search under a name of your choice', body: SaveSearchBody, response: { 201: SavedSearch, ...errors } },
  }, async (request, reply) => reply.status(201).send(await search.save(requireActor(request), request.body)));

  app.delete('/saved-searches/:id', {
    schema: { tags, summary: 'Delete one of your saved searches', params: z.strictObject({ id: z.uuid() }), response: { 204: z.null(), ...errors } },
  }, async (request, reply) => {
    await search.removeSaved(requireActor(request), request.params.id);
    return reply.status(204).send(null);
  });
};
