import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AuditListQuery, AuditPage, ErrorBody, Task } from '@nghiemthu/shared';
import { forbidden } from '../../lib/errors.js';
import { requestLanguage } from '../../lib/error-handler.js';
import { auditSource, requireActor } from '../auth/actor.js';
import { canReadAudit, canVerifyAudit } from './audit.policy.js';

const AuditExportQuery = AuditListQuery.omit({ page: true, pageSize: true, sort: true, order: true }).extend({
  format: z.literal('csv').default('csv'),
});

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  const { audit, scope, tasks } = app.services;

  app.get('/audit', {
    schema: {
      tags: ['audit'],
      summary: 'Audit events, newest first, filtered',
      querystring: AuditListQuery,
      response: { 200: AuditPage, 401: ErrorBody, 403: ErrorBody },
    },
  }, async (request) => {
    const actor = requireActor(request);
    if (!canReadAudit(actor)) throw forbidden();
    return audit.list(request.query, await scope.readScope(actor));
  });

  app.get('/audit/export', {
    schema: {
      tags: ['audit'],
      summary: 'Export the filtered audit events as CSV (UTF-8 with BOM, opens in Excel and LibreOffice)',
      querystring: AuditExportQuery,
      response: { 401: ErrorBody, 403: ErrorBody },
    },
  }, async (request, reply) => {
    const actor = requireActor(request);
    if (!canReadAudit(actor)) throw forbidden();
    const { format: _format, ...filters } = request.query;
    const stream = await audit.exportCsv(filters, await scope.readScope(actor), auditSource(request));
    const stamp = new Date().toISOString().slice(0, 10);
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="nhat-ky-${stamp}.csv"`);
    return reply.send(stream as never);
  });

  app.post('/audit/verify', {
    schema: {
      tags: ['audit'],
      summary: 'Check the whole hash chain in the background; poll /api/tasks/{id}',
      response: { 202: Task, 401: ErrorBody, 403: ErrorBody },
    },
  }, async (request, reply) => {
    const actor = requireActor(request);
    if (!canVerifyAudit(actor)) throw forbidden();
    const taskId = await audit.startVerify(actor, auditSource(request), requestLanguage(request));
    return reply.status(202).send(await tasks.getForActor(actor, taskId));
  });
};
