import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AcceptanceSettings, AcceptanceSettingsView, ErrorBody } from '@nghiemthu/shared';
import { auditSource, requireActor } from '../auth/actor.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };
const tags = ['settings'];

export const acceptanceSettingsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { acceptanceSettings } = app.services;

  app.get('/settings/acceptance', {
    schema: { tags, summary: 'Working days per step and required documents, per ordering method', response: { 200: AcceptanceSettingsView, ...errors } },
  }, async (request) => acceptanceSettings.view(requireActor(request)));

  app.put('/settings/acceptance', {
    schema: { tags, summary: 'Change step deadlines and required documents (system administrators)', body: AcceptanceSettings, response: { 200: AcceptanceSettingsView, ...errors } },
  }, async (request) => acceptanceSettings.put(requireActor(request), request.body, auditSource(request)));
};
