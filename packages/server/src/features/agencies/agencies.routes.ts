import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Agency,
  AgencyCodeLookup,
  AgencyDetail,
  AgencyListQuery,
  AgencyPage,
  ChangeAgencyCodeBody,
  CloseAgencyBody,
  CreateAgencyBody,
  ErrorBody,
  UpdateAgencyBody,
} from '@nghiemthu/shared';
import { auditSource, requireActor } from '../auth/actor.js';

const IdParams = z.strictObject({ id: z.uuid() });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export const agenciesRoutes: FastifyPluginAsyncZod = async (app) => {
  const { agencies } = app.services;

  app.get('/agencies', {
    schema: { tags: ['agencies'], summary: 'The agency registry (current and closed)', querystring: AgencyListQuery, response: { 200: AgencyPage, ...errors } },
  }, async (request) => agencies.list(requireActor(request), request.query));

  app.get('/agencies/by-code/:code', {
    schema: {
      tags: ['agencies'],
      summary: 'Who carried a code (current or old) and who answers for it today',
      params: z.strictObject({ code: z.string().max(50) }),
      response: { 200: AgencyCodeLookup, ...errors },
    },
  }, async (request) => {
    requireActor(request);
    return agencies.lookupCode(request.params.code);
  });

  app.get('/agencies/:id', {
    schema: { tags: ['agencies'], summary: 'One agency with its code history, predecessors and units', params: IdParams, response: { 200: AgencyDetail, ...errors } },
  }, async (request) => agencies.get(requireActor(request), request.params.id));

  app.post('/agencies', {
    schema: { tags: ['agencies'], summary: 'Register an agency', body: CreateAgencyBody, response: { 201: Agency, ...errors } },
  }, async (request, reply) => {
    const agency = await agencies.create(requireActor(request), request.body, auditSource(request));
    return reply.status(201).send(agency);
  });

  app.patch('/agencies/:id', {
    schema: { tags: ['agencies'], summary: 'Change name, abbreviation, type or parent', params: IdParams, body: UpdateAgencyBody, response: { 200: Agency, ...errors } },
  }, async (request) => agencies.update(requireActor(request), request.params.id, request.body, auditSource(request)));

  app.post('/agencies/:id/close', {
    schema: {
      tags: ['agencies'],
      summary: 'Close an agency; naming a successor records a merger',
      params: IdParams,
      body: CloseAgencyBody,
      response: { 200: Agency, ...errors },
    },
  }, async (request) => agencies.close(requireActor(request), request.params.id, request.body, auditSource(request)));

  app.post('/agencies/:id/code', {
    schema: {
      tags: ['agencies'],
      summary: 'Give an agency a new electronic code; the old one stays in its history',
      params: IdParams,
      body: ChangeAgencyCodeBody,
      response: { 200: Agency, ...errors },
    },
  }, async (request) => agencies.changeCode(requireActor(request), request.params.id, request.body, auditSource(request)));
};
