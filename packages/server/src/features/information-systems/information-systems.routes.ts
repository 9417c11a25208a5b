import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreateInformationSystemBody,
  ErrorBody,
  InformationSystem,
  InformationSystemDetail,
  InformationSystemListQuery,
  InformationSystemPage,
  RetireInformationSystemBody,
  UpdateInformationSystemBody,
} from '@nghiemthu/shared';
import { auditSource, requireActor } from '../auth/actor.js';

const IdParams = z.strictObject({ id: z.uuid() });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['information-systems'];

export const informationSystemsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { informationSystems } = app.services;

  app.get('/information-systems', {
    schema: { tags, summary: 'Information systems the province operates', querystring: InformationSystemListQuery, response: { 200: InformationSystemPage, ...errors } },
  }, async (request) => informationSystems.list(requireActor(request), request.query));

  app.get('/information-systems/:id', {
    schema: { tags, summary: 'One information system with the catalogue services linked to it', params: IdParams, response: { 200: InformationSystemDetail, ...errors } },
  }, async (request) => informationSystems.get(requireActor(request), request.params.id));

  app.post('/information-systems', {
    schema: { tags, summary: 'Register an information system', body: CreateInformationSystemBody, response: { 201: InformationSystem, ...errors } },
  }, async (request, reply) => {
    const system = await informationSystems.create(requireActor(request), request.body, auditSource(request));
    return reply.status(201).send(system);
  });

  app.patch('/information-systems/:id', {
    schema: { tags, summary: 'Change an information system (all but its code)', params: IdParams, body: UpdateInformationSystemBody, response: { 200: InformationSystem, ...errors } },
  }, async (request) => informationSystems.update(requireActor(request), request.params.id, request.body, auditSource(request)));

  app.post('/information-systems/:id/retire', {
    schema: { tags, summary: 'Retire an information system; it stays on record', params: IdParams, body: RetireInformationSystemBody, response: { 200: InformationSystem, ...errors } },
  }, async (request) => informationSystems.retire(requireActor(request), request.params.id, request.body, auditSource(request)));
};
