/**
 * The archival_transfers row while its task runs and after: what the report
 * column holds, progress written as files and bytes go through, and the
 * failure kept in both languages so the list can say why later.
 */
import { eq, sql } from 'drizzle-orm';
import { translate, type ArchivalExportSummary, type ArchivalImportReport, type ArchivalTransferProgress } from '@nghiemthu/shared';
import { withTransaction, type Db } from '../../db/client.js';
import { archivalTransfers } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, localize } from '../../lib/errors.js';
import type { AuditService } from '../audit/audit.service.js';

export type TransferRow = typeof archivalTransfers.$inferSelect;

/** The report column: written at the start (task, package code), during the run (progress) and at the end. */
export type StoredReport = {
  taskId?: string;
  packageCode?: string;
  baggingDate?: string;
  progress?: ArchivalTransferProgress;
  error?: { vi: string; en: string };
  exported?: ArchivalExportSummary;
  imported?: ArchivalImportReport;
};

/** A progress row update at most this often: enough for a bar, and no write per 4 MiB on a fast disk. */
const PROGRESS_EVERY_MS = 500;

export function createTransferRows(deps: { db: Db; clock: Clock; audit: AuditService }) {
  const { db, clock, audit } = deps;

  async function find(id: string): Promise<TransferRow | undefined> {
    const [row] = await db.select().from(archivalTransfers).where(eq(archivalTransfers.id, id));
    return row;
  }

  /** Merges into the report (jsonb ||) so progress and the final result never overwrite what the start wrote. */
  async function patchReport(id: string, patch: StoredReport, tx: Db = db) {
    await tx.update(archivalTransfers).set({ report: sql`coalesce(${archivalTransfers.report}, '{}'::jsonb) || ${JSON.stringify(patch)}::jsonb` }).where(eq(archivalTransfers.id, id));
  }

  /**
   * Progress from a stream callback (synchronous, frequent) turned into row
   * and task updates one at a time, at most every PROGRESS_EVERY_MS; `settle`
   * waits for the last one so the final update comes after it.
   */
  function progressWriter(id: string, toTask: (progress: ArchivalTransferProgress) => Promise<void>) {
    let writing: Promise<void> = Promise.resolve();
    let latest: ArchivalTransferProgress | null = null;
    let writtenAt = 0;
    const write = () => {
      const progress = latest!;
      // Progress is for people watching: a failed write must not stop the transfer.
      writing = writing.then(() => Promise.all([patchReport(id, { progress }), toTask(progress)])).then(() => undefined, () => undefined);
    };
    return {
      report(progress: ArchivalTransferProgress) {
        latest = progress;
        if (performance.now() - writtenAt < PROGRESS_EVERY_MS) return;
        writtenAt = performance.now();
        write();
      },
      async settle() {
        if (latest) write();
        await writing;
      },
    };
  }

  /** Marks the transfer failed with the reason in both languages and audits it; the caller rethrows for the task. */
  async function markFailed(row: TransferRow, error: unknown, taskId: string) {
    const message = (language: 'vi' | 'en') =>
      error instanceof AppError ? localize(error, language).message : translate(language, 'internal', { requestId: taskId });
    const reason = { vi: message('vi'), en: message('en') };
    await withTransaction(db, async (tx) => {
      await tx.update(archivalTransfers).set({ status: 'failed', finishedAt: clock.now() }).where(eq(archivalTransfers.id, row.id));
      await patchReport(row.id, { error: reason }, tx);
      await audit.record(tx, { actor: null, ip: null, userAgent: null }, {
        action: 'archival_transfer.failed', entityType: 'archival_transfer', entityId: row.id, agencyId: null,
        after: { direction: row.direction, error: reason.en },
      });
    });
  }

  return { find, patchReport, progressWriter, markFailed };
}

export type TransferRows = ReturnType<typeof createTransferRows>;
