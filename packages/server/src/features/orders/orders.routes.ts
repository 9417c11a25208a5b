import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AmendOrderBody, ErrorBody, LiquidateOrderBody, OrderDetail, OrderExportQuery, OrderInput, OrderListQuery, OrderPage, OrderTransitionBody,
  OrderVersionDetail, RecordPaymentBody, SettleOrderBody,
} from '@nghiemthu/shared';
import { FileContent } from '../../lib/multipart.js';
import { auditSource, requireActor } from '../auth/actor.js';
import { contentDisposition } from '../files/files.routes.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const params = z.strictObject({ id: z.uuid() });
const tags = ['orders'];

export const ordersRoutes: FastifyPluginAsyncZod = async (app) => {
  const { orders, ordersExport } = app.services;

  app.get('/orders', {
    schema: { tags, summary: 'Orders the ordering agency placed or the provider received, within your reach', querystring: OrderListQuery, response: { 200: OrderPage, ...errors } },
  }, async (request) => orders.list(requireActor(request), request.query));

  app.get('/orders/export.xlsx', {
    schema: { tags, summary: 'The filtered list as an .xlsx file, same filters and order, no pages, at most 100,000 rows; every export is recorded', querystring: OrderExportQuery, response: { 200: FileContent, ...errors } },
  }, async (request, reply) => {
    const file = await ordersExport.exportXlsx(requireActor(request), request.query, auditSource(request));
    return reply.header('content-type', file.mediaType).header('content-disposition', contentDisposition(file.fileName)).header('cache-control', 'private, no-cache').send(file.body);
  });

  app.post('/orders', {
    schema: { tags, summary: 'Create a draft order for your agency', body: OrderInput, response: { 201: OrderDetail, ...errors } },
  }, async (request, reply) => reply.status(201).send(await orders.create(requireActor(request), request.body, auditSource(request))));

  app.get('/orders/:id', {
    schema: { tags, summary: 'An order with its content in force, versions, periods and payments', params, response: { 200: OrderDetail, ...errors } },
  }, async (request) => orders.get(requireActor(request), request.params.id));

  app.get('/orders/:id/versions/:version', {
    schema: { tags, summary: 'An earlier (or the current) version of an order', params: params.extend({ version: z.coerce.number().int().min(1) }), response: { 200: OrderVersionDetail, ...errors } },
  }, async (request) => orders.getVersion(requireActor(request), request.params.id, request.params.version));

  app.put('/orders/:id', {
    schema: { tags, summary: 'Edit a draft order', params, body: OrderInput, response: { 200: OrderDetail, ...errors } },
  }, async (request) => orders.update(requireActor(request), request.params.id, request.body, auditSource(request)));

  app.post('/orders/:id/amendments', {
    schema: { tags, summary: 'Amend a signed order: a new version with a reason, approved by a leader', params, body: AmendOrderBody, response: { 200: OrderDetail, ...errors } },
  }, async (request) => orders.amend(requireActor(request), request.params.id, request.body, auditSource(request)));

  for (const action of ['sign', 'start', 'complete', 'archive', 'cancel'] as const) {
    app.post(`/orders/:id/${action}`, {
      schema: { tags, summary: `Order step: ${action}`, params, body: OrderTransitionBody.optional(), response: { 200: OrderDetail, ...errors } },
    }, async (request) => orders.transition(requireActor(request), request.params.id, action, request.body ?? {}, auditSource(request)));
  }

  app.post('/orders/:id/liquidate', {
    schema: { tags, summary: 'Record the liquidation minutes of an accepted order', params, body: LiquidateOrderBody, response: { 200: OrderDetail, ...errors } },
  }, async (request) => orders.transition(requireActor(request), request.params.id, 'liquidate', request.body, auditSource(request)));

  app.post('/orders/:id/settle', {
    schema: { tags, summary: 'Record the settlement: what was accepted, paid and returns to the budget', params, body: SettleOrderBody, response: { 200: OrderDetail, ...errors } },
  }, async (request) => orders.transition(requireActor(request), request.params.id, 'settle', request.body, auditSource(request)));

  app.post('/orders/:id/advances', {
    schema: { tags, summary: 'Record an advance payment on the order', params, body: RecordPaymentBody, response: { 200: OrderDetail, ...errors } },
  }, async (request) => orders.recordAdvance(requireActor(request), request.params.id, request.body, auditSource(request)));
};
