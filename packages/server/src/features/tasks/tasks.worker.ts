import type { FastifyBaseLogger } from 'fastify';
import PgBoss from 'pg-boss';
import { translate, type Language } from '@nghiemthu/shared';
import type { Database } from '../../db/client.js';
import { AppError, localize } from '../../lib/errors.js';
import type { Services } from '../../services.js';

const TASK_QUEUE = 'task';
const SESSION_CLEANUP_QUEUE = 'sessions.cleanup';
const NOTIFICATION_EMAIL_QUEUE = 'notifications.email';
/** Reminders one working day before a step is due, and escalation once it is overdue. */
const DEADLINE_SCAN_QUEUE = 'dossiers.deadlines';
/** The nightly fixity sweep over every stored file. */
const INTEGRITY_SWEEP_QUEUE = 'integrity.sweep';
/** E-mails sent per round; a round keeps going while rounds come back full. */
const EMAIL_BATCH = 20;

export type TaskContext = {
  taskId: string;
  params: unknown;
  createdBy: string | null;
  language: Language;
  progress(done: number, total: number | null): Promise<void>;
};
export type TaskHandler = (context: TaskContext) => Promise<unknown>;

/** Every kind of background task, one line each. */
export function taskHandlers(services: Services): Record<string, TaskHandler> {
  return {
    'audit.verify': (context) => services.audit.verify((done, total) => context.progress(done, total)),
    'agencies.import': (context) => services.agenciesTransfer.runImport(context),
    'catalogue.import': (context) => services.catalogueTransfer.runImport(context),
    'archival.export': (context) => services.archivalTransfer.runExport(context),
    'archival.import': (context) => services.archivalTransfer.runImport(context),
    'records.ocr': (context) => services.scanIngest.recognise((context.params as { documentId: string }).documentId, (done, total) => context.progress(done, total)),
    'integrity.sweep': (context) =>
      services.integrity.sweep({ recordId: (context.params as { recordId?: string | null }).recordId ?? null }, context.createdBy, (done, total) => context.progress(done, total)),
  };
}

/**
 * The background-job worker: pg-boss on the same database (PGlite through an
 * adapter, PostgreSQL through its own pool), so any number of app processes
 * can share the work without anything home-made.
 */
export function createWorker(deps: { database: Database; services: Services; log: FastifyBaseLogger }) {
  const { database, services, log } = deps;
  const handlers = taskHandlers(services);
  const boss = new PgBoss(
    database.url
      ? { connectionString: database.url, max: 4 }
      : { db: database.executor as PgBoss.Db, supervise: true, schedule: true },
  );
  boss.on('error', (error) => log.error({ err: error }, 'job queue error'));
  let workerId: string | null = null;

  async function run(taskId: string) {
    const task = await services.tasks.find(taskId);
    if (!task || task.status === 'succeeded' || task.status === 'failed') return;
    const handler = handlers[task.kind];
    const language = task.language;
    if (!handler) {
      await services.tasks.fail(taskId, { message: `unknown task kind ${task.kind}` });
      return;
    }
    await services.tasks.markRunning(taskId);
    try {
      const result = await handler({
        taskId,
        params: task.params,
        createdBy: task.createdBy,
        language,
        progress: (done, total) => services.tasks.progress(taskId, done, total),
      });
      await services.tasks.succeed(taskId, result);
    } catch (error) {
      if (error instanceof AppError) {
        await services.tasks.fail(taskId, localize(error, language));
      } else {
        log.error({ err: error, taskId }, 'task failed');
        await services.tasks.fail(taskId, { message: translate(language, 'internal', { requestId: taskId }) });
      }
    }
  }

  async function start() {
    await boss.start();
    await boss.createQueue(TASK_QUEUE, { name: TASK_QUEUE, retryLimit: 0 });
    await boss.createQueue(SESSION_CLEANUP_QUEUE, { name: SESSION_CLEANUP_QUEUE });
    workerId = await boss.work<{ taskId: string }>(TASK_QUEUE, { pollingIntervalSeconds: 2 }, async (jobs) => {
      for (const job of jobs) await run(job.data.taskId);
    });
    await boss.work(SESSION_CLEANUP_QUEUE, async () => services.auth.purgeEndedSessions());
    await boss.schedule(SESSION_CLEANUP_QUEUE, '17 3 * * *', {}, { tz: 'Asia/Ho_Chi_Minh' });
    await boss.createQueue(DEADLINE_SCAN_QUEUE, { name: DEADLINE_SCAN_QUEUE, policy: 'stately', retryLimit: 0 });
    await boss.work(DEADLINE_SCAN_QUEUE, async () => {
      await services.dossierWorkflow.scanDeadlines();
    });
    // Hourly during the day: a step that falls due is noticed within the hour, and nobody is woken at night.
    await boss.schedule(DEADLINE_SCAN_QUEUE, '7 7-18 * * *', {}, { tz: 'Asia/Ho_Chi_Minh' });
    await boss.createQueue(INTEGRITY_SWEEP_QUEUE, { name: INTEGRITY_SWEEP_QUEUE, policy: 'stately', retryLimit: 0 });
    await boss.work(INTEGRITY_SWEEP_QUEUE, async () => {
      const report = await services.integrity.sweep({}, null);
      if (report.faulty.length > 0) log.error({ faulty: report.faulty }, 'integrity sweep found faulty files');
    });
    // At night, when nobody waits on the disk; the report is kept and audited.
    await boss.schedule(INTEGRITY_SWEEP_QUEUE, '23 1 * * *', {}, { tz: 'Asia/Ho_Chi_Minh' });
    await startEmailQueue();
    services.tasks.setDispatcher(async (taskId) => {
      // The job id is the task id: sending twice (after a restart) enqueues once.
      await boss.send(TASK_QUEUE, { taskId }, { id: taskId });
      if (workerId) boss.notifyWorker(workerId);
    });
    // Tasks recorded while no worker was running (or just before a crash) are sent now.
    for (const taskId of await services.tasks.unfinishedIds()) await services.tasks.send(taskId);
  }

  /** Notification e-mails: every minute, and right after a change that queued some (stately: one waiting, one running). */
  async function startEmailQueue() {
    await boss.createQueue(NOTIFICATION_EMAIL_QUEUE, { name: NOTIFICATION_EMAIL_QUEUE, policy: 'stately', retryLimit: 0 });
    const emailWorkerId = await boss.work(NOTIFICATION_EMAIL_QUEUE, async () => {
      for (;;) {
        const run = await services.notifications.sendQueuedEmails(EMAIL_BATCH);
        if (run.failed > 0) log.warn({ failed: run.failed, errors: run.errors }, 'notification e-mails failed');
        if (run.sent + run.failed + run.noAddress < EMAIL_BATCH) return;
      }
    });
    if (!services.config.smtp) {
      await boss.unschedule(NOTIFICATION_EMAIL_QUEUE);
      return;
    }
    await boss.schedule(NOTIFICATION_EMAIL_QUEUE, '* * * * *');
    services.notifications.setEmailDispatcher(async () => {
      try {
        await boss.send(NOTIFICATION_EMAIL_QUEUE, {});
        boss.notifyWorker(emailWorkerId);
      } catch (error) {
        log.warn({ err: error }, 'could not queue notification e-mails now; the minutely run will send them');
      }
    });
  }

  async function stop() {
    services.tasks.setDispatcher(null);
    services.notifications.setEmailDispatcher(null);
    await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }

  return { start, stop };
}

export type Worker = ReturnType<typeof createWorker>;
