import { canTransferRecordsWith } from '@nghiemthu/shared';
import type { Actor } from '../auth/actor.js';

/**
 * Handing records to the historical archive, and checking a package that
 * comes back, is records-office work (ARCHIVAL_TRANSFER_ROLES in shared);
 * which records they may put in a package is decided by agency reach
 * (transfer-records.ts).
 */
export function canTransferRecords(actor: Actor): boolean {
  return canTransferRecordsWith(actor.roles);
}
