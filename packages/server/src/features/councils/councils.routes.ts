import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CouncilBody, DossierCandidates, ErrorBody, OrderDetail } from '@nghiemthu/shared';
import { auditSource, requireActor } from '../auth/actor.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const params = z.strictObject({ id: z.uuid() });
const tags = ['councils'];

/** An order's standing council. A dossier's own council is set up at /dossiers/:id/council. */
export const councilsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { councils } = app.services;

  app.put('/orders/:id/council', {
    schema: {
      tags, summary: "Establish or change, by decision, the acceptance council of a whole order; each dossier reaching appraisal gets its own sitting of it",
      params, body: CouncilBody, response: { 200: OrderDetail, ...errors },
    },
  }, async (request) => councils.setupForOrder(requireActor(request), request.params.id, request.body, auditSource(request)));

  app.get('/orders/:id/council/candidates', {
    schema: { tags, summary: "People the ordering side may seat on the order's council", params, response: { 200: DossierCandidates, ...errors } },
  }, async (request) => councils.candidatesForOrder(requireActor(request), request.params.id));
};
