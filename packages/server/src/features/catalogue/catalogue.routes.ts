import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AddServicePriceBody,
  CatalogueServiceDetail,
  CatalogueServiceListQuery,
  CatalogueServicePage,
  CloseServicePriceBody,
  CreateCatalogueServiceBody,
  ErrorBody,
  LinkInformationSystemBody,
  PriceOnQuery,
  RetireCatalogueServiceBody,
  ServiceKpiBody,
  ServicePrice,
  UpdateCatalogueServiceBody,
  UpdateServiceKpiBody,
} from '@nghiemthu/shared';
import { AppError } from '../../lib/errors.js';
import { auditSource, requireActor } from '../auth/actor.js';

const IdParams = z.strictObject({ id: z.uuid() });
const PriceParams = z.strictObject({ id: z.uuid(), priceId: z.uuid() });
const KpiParams = z.strictObject({ id: z.uuid(), kpiId: z.uuid() });
const SystemParams = z.strictObject({ id: z.uuid(), systemId: z.uuid() });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['catalogue'];
const detail = { 200: CatalogueServiceDetail, ...errors };

export const catalogueRoutes: FastifyPluginAsyncZod = async (app) => {
  const { catalogue } = app.services;

  app.get('/catalogue/services', {
    schema: { tags, summary: 'The service catalogue, with each service\'s price valid today', querystring: CatalogueServiceListQuery, response: { 200: CatalogueServicePage, ...errors } },
  }, async (request) => catalogue.list(requireActor(request), request.query));

  app.get('/catalogue/services/:id', {
    schema: { tags, summary: 'One service with its price periods, KPIs and information systems', params: IdParams, response: detail },
  }, async (request) => catalogue.get(requireActor(request), request.params.id));

  app.get('/catalogue/services/:id/price', {
    schema: { tags, summary: 'The unit price valid on a date', params: IdParams, querystring: PriceOnQuery, response: { 200: ServicePrice, ...errors } },
  }, async (request) => {
    const actor = requireActor(request);
    await catalogue.get(actor, request.params.id); // 404 for an unknown service, before "no price"
    const price = await catalogue.priceOn(request.params.id, request.query.date);
    if (!price) throw new AppError('NOT_FOUND', 'noPriceOn', { date: request.query.date });
    return price;
  });

  app.post('/catalogue/services', {
    schema: { tags, summary: 'Add a service to the catalogue', body: CreateCatalogueServiceBody, response: { 201: CatalogueServiceDetail, ...errors } },
  }, async (request, reply) => {
    const service = await catalogue.create(requireActor(request), request.body, auditSource(request));
    return reply.status(201).send(service);
  });

  app.patch('/catalogue/services/:id', {
    schema: { tags, summary: 'Change a service (all but its code)', params: IdParams, body: UpdateCatalogueServiceBody, response: detail },
  }, async (request) => catalogue.update(requireActor(request), request.params.id, request.body, auditSource(request)));

  app.post('/catalogue/services/:id/retire', {
    schema: { tags, summary: 'Retire a service; it stays on record with its prices', params: IdParams, body: RetireCatalogueServiceBody, response: detail },
  }, async (request) => catalogue.retire(requireActor(request), request.params.id, request.body, auditSource(request)));

  app.post('/catalogue/services/:id/prices', {
    schema: {
      tags,
      summary: 'Add a unit price period; the open period before it ends the day before, overlaps are refused',
      params: IdParams,
      body: AddServicePriceBody,
      response: detail,
    },
  }, async (request) => catalogue.addPrice(requireActor(request), request.params.id, request.body, auditSource(request)));

  app.post('/catalogue/services/:id/prices/:priceId/close', {
    schema: { tags, summary: 'End the open price period on a date', params: PriceParams, body: CloseServicePriceBody, response: detail },
  }, async (request) =>
    catalogue.closePrice(requireActor(request), request.params.id, request.params.priceId, request.body, auditSource(request)));

  app.post('/catalogue/services/:id/kpis', {
    schema: { tags, summary: 'Add a quality KPI with its deduction rule', params: IdParams, body: ServiceKpiBody, response: detail },
  }, async (request) => catalogue.addKpi(requireActor(request), request.params.id, request.body, auditSource(request)));

  app.patch('/catalogue/services/:id/kpis/:kpiId', {
    schema: { tags, summary: 'Change a KPI', params: KpiParams, body: UpdateServiceKpiBody, response: detail },
  }, async (request) => catalogue.updateKpi(requireActor(request), request.params.id, request.params.kpiId, request.body, auditSource(request)));

  app.post('/catalogue/services/:id/kpis/:kpiId/remove', {
    schema: { tags, summary: 'Remove a KPI', params: KpiParams, response: detail },
  }, async (request) => catalogue.removeKpi(requireActor(request), request.params.id, request.params.kpiId, auditSource(request)));

  app.post('/catalogue/services/:id/systems', {
    schema: { tags, summary: 'Link an information system to the service', params: IdParams, body: LinkInformationSystemBody, response: detail },
  }, async (request) => catalogue.linkSystem(requireActor(request), request.params.id, request.body.informationSystemId, auditSource(request)));

  app.post('/catalogue/services/:id/systems/:systemId/unlink', {
    schema: { tags, summary: 'Unlink an information system from the service', params: SystemParams, response: detail },
  }, async (request) => catalogue.unlinkSystem(requireActor(request), request.params.id, request.params.systemId, auditSource(request)));
};
