import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CreateDelegationBody, Delegation, DelegationCandidates, DelegationListQuery, DelegationPage, ErrorBody } from '@nghiemthu/shared';
import { auditSource, requireActor } from '../auth/actor.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export const delegationsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { delegations } = app.services;

  app.get('/delegations', {
    schema: { tags: ['delegations'], summary: 'Delegations you gave, received, or (administrators) all in your reach', querystring: DelegationListQuery, response: { 200: DelegationPage, ...errors } },
  }, async (request) => delegations.list(requireActor(request), request.query));

  app.get('/delegations/candidates', {
    schema: { tags: ['delegations'], summary: 'Colleagues a leader may name as deputy', response: { 200: DelegationCandidates, ...errors } },
  }, async (request) => delegations.candidates(requireActor(request)));

  app.post('/delegations', {
    schema: { tags: ['delegations'], summary: 'Delegate your approvals to a deputy of your agency for a period', body: CreateDelegationBody, response: { 201: Delegation, ...errors } },
  }, async (request, reply) => {
    const created = await delegations.create(requireActor(request), request.body, auditSource(request));
    return reply.status(201).send(created);
  });

  app.post('/delegations/:id/revoke', {
    schema: { tags: ['delegations'], summary: 'End a delegation now', params: z.strictObject({ id: z.uuid() }), response: { 200: Delegation, ...errors } },
  }, async (request) => delegations.revoke(requireActor(request), request.params.id, auditSource(request)));
};
