import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AppraisalBody, AttachDossierFileBody, CandidatesQuery, DossierCandidates, CommentBody, ConflictBody, CouncilBody, CreateDossierBody, DOSSIER_ACTIONS, DossierDetail, DossierExportQuery, DossierListQuery,
  DossierPage, DossierTransitionBody, ErrorBody, ExtendDeadlineBody, MyWork, Overview, OVERVIEW_GROUPINGS, OverviewGroupPage, OverviewGroupQuery, RecordPaymentBody, UpdateDossierBody, VoteBody,
} from '@nghiemthu/shared';
import { requestLanguage } from '../../lib/error-handler.js';
import { notFound } from '../../lib/errors.js';
import { auditSource, requireActor } from '../auth/actor.js';
import { contentDisposition } from '../files/files.routes.js';
import { FileContent } from '../../lib/multipart.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const params = z.strictObject({ id: z.uuid() });
const tags = ['dossiers'];

export const dossiersRoutes: FastifyPluginAsyncZod = async (app) => {
  const { dossiers, dossiersExport, dossierWorkflow, myWork, overview, files } = app.services;

  app.get('/my-work', {
    schema: { tags, summary: 'What awaits you, by due date', response: { 200: MyWork, ...errors } },
  }, async (request) => myWork.myWork(requireActor(request)));

  app.get('/dossiers/overview', {
    schema: { tags, summary: 'Counts by state, due soon and overdue, within your reach', response: { 200: Overview, ...errors } },
  }, async (request) => overview.overview(requireActor(request)));

  for (const grouping of OVERVIEW_GROUPINGS) {
    app.get(`/dossiers/overview/by-${grouping}`, {
      schema: {
        tags, summary: `Dossiers within your reach grouped by ${grouping}: open, overdue, value and accepted value, a page at a time`,
        querystring: OverviewGroupQuery, response: { 200: OverviewGroupPage, ...errors },
      },
    }, async (request) => overview.groups(requireActor(request), grouping, request.query));
  }

  app.get('/dossiers', {
    schema: { tags, summary: 'Acceptance dossiers within your reach', querystring: DossierListQuery, response: { 200: DossierPage, ...errors } },
  }, async (request) => dossiers.list(requireActor(request), request.query));

  app.get('/dossiers/export.xlsx', {
    schema: { tags, summary: 'The filtered list as an .xlsx file, same filters and order, no pages, at most 100,000 rows; every export is recorded', querystring: DossierExportQuery, response: { 200: FileContent, ...errors } },
  }, async (request, reply) => {
    const file = await dossiersExport.exportXlsx(requireActor(request), request.query, auditSource(request));
    return reply.header('content-type', file.mediaType).header('content-disposition', contentDisposition(file.fileName)).header('cache-control', 'private, no-cache').send(file.body);
  });

  app.post('/dossiers', {
    schema: { tags, summary: 'Prepare a dossier for a period of an order (provider)', body: CreateDossierBody, response: { 201: DossierDetail, ...errors } },
  }, async (request, reply) => reply.status(201).send(await dossiers.create(requireActor(request), request.body, auditSource(request), requestLanguage(request))));

  app.get('/dossiers/:id', {
    schema: { tags, summary: 'A dossier with its lines, KPIs, files, council, timeline, money and comments', params, response: { 200: DossierDetail, ...errors } },
  }, async (request) => dossiers.get(requireActor(request), request.params.id, requestLanguage(request)));

  app.get('/dossiers/:id/candidates', {
    schema: { tags, summary: 'People the ordering side may name as appraiser or council member', params, querystring: CandidatesQuery, response: { 200: DossierCandidates, ...errors } },
  }, async (request) => dossiers.candidates(requireActor(request), request.params.id, request.query.for));

  app.patch('/dossiers/:id', {
    schema: { tags, summary: 'Fill in the report, delivered quantities and KPI actuals (provider)', params, body: UpdateDossierBody, response: { 200: DossierDetail, ...errors } },
  }, async (request) => dossiers.update(requireActor(request), request.params.id, request.body, auditSource(request), requestLanguage(request)));

  app.post('/dossiers/:id/files', {
    schema: { tags, summary: 'Attach an uploaded file as evidence (provider)', params, body: AttachDossierFileBody, response: { 200: DossierDetail, ...errors } },
  }, async (request) => dossiers.attach(requireActor(request), request.params.id, request.body, auditSource(request), requestLanguage(request)));

  app.delete('/dossiers/:id/files/:attachmentId', {
    schema: { tags, summary: 'Remove a file attached in the current round, before it is sent', params: params.extend({ attachmentId: z.uuid() }), response: { 200: DossierDetail, ...errors } },
  }, async (request) => dossiers.detach(requireActor(request), request.params.id, request.params.attachmentId, auditSource(request), requestLanguage(request)));

  app.get('/dossiers/:id/files/:fileId/content', {
    schema: { tags, summary: 'Download a file of the dossier (evidence or minutes); every download is recorded', params: params.extend({ fileId: z.uuid() }) },
  }, async (request, reply) => {
    const actor = requireActor(request);
    const detail = await dossiers.get(actor, request.params.id);
    const belongs = detail.files.some((f) => f.fileId === request.params.fileId) || (detail.minutes && [detail.minutes.fileId, detail.minutes.signedFileId].includes(request.params.fileId));
    const row = belongs ? await files.findRow(request.params.fileId) : undefined;
    if (!row) throw notFound('thingFile');
    const { file, stream } = await files.openGranted(row, auditSource(request));
    return reply.header('content-type', file.mediaType).header('content-length', file.size).header('content-disposition', contentDisposition(file.fileName))
      .header('x-content-type-options', 'nosniff').header('cache-control', 'private, no-cache').send(stream);
  });

  app.post('/dossiers/:id/comments', {
    schema: { tags, summary: 'Comment on a dossier', params, body: CommentBody, response: { 200: DossierDetail, ...errors } },
  }, async (request) => dossiers.comment(requireActor(request), request.params.id, request.body, auditSource(request), requestLanguage(request)));

  app.post('/dossiers/:id/steps/:action', {
    schema: {
      tags, summary: 'Take a workflow step (the transition table in packages/shared says from where and by whom)',
      params: params.extend({ action: z.enum(DOSSIER_ACTIONS) }), body: DossierTransitionBody.optional(), response: { 200: DossierDetail, ...errors },
    },
  }, async (request) => dossierWorkflow.transition(requireActor(request), request.params.id, request.params.action, request.body ?? {}, auditSource(request), requestLanguage(request)));

  app.put('/dossiers/:id/appraisal', {
    schema: { tags, summary: 'Record the appraisal: accepted quantities; KPI verdicts and deductions are computed', params, body: AppraisalBody, response: { 200: DossierDetail, ...errors } },
  }, async (request) => dossierWorkflow.appraise(requireActor(request), request.params.id, request.body, auditSource(request), requestLanguage(request)));

  app.put('/dossiers/:id/council', {
    schema: { tags, summary: 'Set up the acceptance council by decision', params, body: CouncilBody, response: { 200: DossierDetail, ...errors } },
  }, async (request) => dossierWorkflow.setupCouncil(requireActor(request), request.params.id, request.body, auditSource(request), requestLanguage(request)));

  app.post('/dossiers/:id/council/conflict', {
    schema: { tags, summary: 'Declare (no) conflict of interest as a council member', params, body: ConflictBody, response: { 200: DossierDetail, ...errors } },
  }, async (request) => dossierWorkflow.declareConflict(requireActor(request), request.params.id, request.body, auditSource(request), requestLanguage(request)));

  app.put('/dossiers/:id/council/votes', {
    schema: { tags, summary: 'Vote on every line as a council member', params, body: VoteBody, response: { 200: DossierDetail, ...errors } },
  }, async (request) => dossierWorkflow.vote(requireActor(request), request.params.id, request.body, auditSource(request), requestLanguage(request)));

  app.post('/dossiers/:id/extend-deadline', {
    schema: { tags, summary: 'Extend the current step once, with a reason', params, body: ExtendDeadlineBody, response: { 200: DossierDetail, ...errors } },
  }, async (request) => dossierWorkflow.extendDeadline(requireActor(request), request.params.id, request.body, auditSource(request), requestLanguage(request)));

  app.post('/dossiers/:id/payments', {
    schema: { tags, summary: 'Record an interim payment on an accepted dossier', params, body: RecordPaymentBody, response: { 200: DossierDetail, ...errors } },
  }, async (request) => dossierWorkflow.recordInterimPayment(requireActor(request), request.params.id, request.body, auditSource(request), requestLanguage(request)));

  app.post('/dossiers/:id/minutes/signed', {
    schema: { tags, summary: 'Attach the signed copy of the minutes (upload it first); it becomes the official version', params, body: z.strictObject({ fileId: z.uuid() }), response: { 200: DossierDetail, ...errors } },
  }, async (request) => dossierWorkflow.attachSignedMinutes(requireActor(request), request.params.id, request.body.fileId, auditSource(request), requestLanguage(request)));
};
