import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

/**
 * Every place a file row is held, as `table.column` (foreign keys to files.id)
 * plus the order content's attachment list (JSON). A file row is "held only by
 * destroyed records" when a document of a destroyed record holds it and
 * nothing else does; a row nothing holds (a fresh upload, an import's source)
 * counts as kept. file-holders.test.ts fails when a new foreign key to files
 * appears that this list does not know, so a new feature cannot have its
 * bytes deleted by a disposition behind its back.
 */
export const FILE_HOLDER_COLUMNS = [
  'documents.file_id',
  'documents.derivative_file_id',
  'dossier_files.file_id',
  'dossiers.minutes_file_id',
  'dossiers.minutes_signed_file_id',
  'disposition_batches.minutes_file_id',
  'archival_transfers.file_id',
] as const;

/**
 * SQL true when the file row `fileId` (a column of the outer query) is held by
 * a document of a destroyed record and by nothing that is kept. The first test
 * is an uncorrelated subquery, computed once per query (destroyed records are
 * few), so a sweep over every file pays for the rest only for their files.
 */
export function isHeldOnlyByDestroyedRecords(fileId: AnyColumn | SQL): SQL {
  return sql`(${fileId} in (select hd.file_id from documents hd join records hr on hr.id = hd.record_id where hr.status = 'destroyed'
      union all select hd.derivative_file_id from documents hd join records hr on hr.id = hd.record_id where hr.status = 'destroyed' and hd.derivative_file_id is not null)
    and not exists (select 1 from documents hd join records hr on hr.id = hd.record_id
      where hr.status <> 'destroyed' and (hd.file_id = ${fileId} or hd.derivative_file_id = ${fileId}))
    and not exists (select 1 from dossier_files h where h.file_id = ${fileId})
    and not exists (select 1 from dossiers h where h.minutes_file_id = ${fileId} or h.minutes_signed_file_id = ${fileId})
    and not exists (select 1 from disposition_batches h where h.minutes_file_id = ${fileId})
    and not exists (select 1 from archival_transfers h where h.file_id = ${fileId})
    and not exists (select 1 from order_versions h where h.content -> 'attachmentFileIds' @> jsonb_build_array(${fileId}::text)))`;
}
