import { localDate, type DispositionAction, type DispositionStatus, type MessageKey } from '@nghiemthu/shared';
import { hasRole, type Actor } from '../auth/actor.js';

/**
 * Who may do what in retention and disposition, and when a record is expired.
 * Pure: the service loads the rows and the actor's reach, these decide.
 */

/** Leaders, agency administrators and system administrators guard records; inspectors may freeze them for an inspection. */
export const canChangeLegalHold = (actor: Actor) => hasRole(actor, 'leader', 'agency_admin', 'system_admin', 'inspector');

/** The people who keep the agency's archive draw up the list (officers, agency administrators). */
export const canPropose = (actor: Actor) => hasRole(actor, 'officer', 'agency_admin');

export const canApprove = (actor: Actor) => hasRole(actor, 'leader', 'agency_admin', 'system_admin');

export const canExecute = (actor: Actor) => hasRole(actor, 'officer', 'agency_admin', 'leader', 'system_admin');

/** The message a status is described with inside a sentence ("this batch {status}"). */
export const STATUS_WORDS: Record<DispositionStatus, MessageKey> = {
  proposed: 'dispositionStatusProposed',
  approved: 'dispositionStatusApproved',
  executed: 'dispositionStatusExecuted',
  cancelled: 'dispositionStatusCancelled',
};

type BatchFacts = { status: DispositionStatus; proposedBy: string; firstApprovedBy: string | null };

/**
 * What the actor may do with a batch now. `isOwnAgency`: the batch's agency is
 * within the actor's reach (system administrators act for every agency).
 * Inspectors read batches but never change them.
 */
export function allowedBatchActions(actor: Actor, batch: BatchFacts, isOwnAgency: boolean): DispositionAction[] {
  const actions: DispositionAction[] = [];
  if (!isOwnAgency && !hasRole(actor, 'system_admin')) return actions;
  const isOpen = batch.status === 'proposed' || batch.status === 'approved';
  if (batch.status === 'proposed' && canApprove(actor) && batch.proposedBy !== actor.userId && batch.firstApprovedBy !== actor.userId) actions.push('approve');
  if (batch.status === 'approved' && canExecute(actor)) actions.push('execute');
  if (isOpen && (batch.proposedBy === actor.userId || hasRole(actor, 'leader', 'agency_admin', 'system_admin'))) actions.push('cancel');
  return actions;
}

/** The year in Vietnam at that instant: retention counts in calendar years there. */
export function currentYear(now: Date): number {
  return Number(localDate(now).slice(0, 4));
}

type RecordFacts = { code: string; status: string; retentionYears: number | null; endDate: string | null; legalHold: string | null };

/**
 * Why a record may not be destroyed in `year`, or null if it may: it must be
 * closed, not permanent, past its retention (kept until the end of end year +
 * retention years) and free of any legal hold.
 */
export function dispositionProblem(record: RecordFacts, year: number): { key: MessageKey; params: Record<string, string | number> } | null {
  const code = record.code;
  if (record.status !== 'closed' || !record.endDate) return { key: 'dispositionRecordNotClosed', params: { code } };
  if (record.retentionYears === null) return { key: 'dispositionRecordPermanent', params: { code } };
  const keptUntil = Number(record.endDate.slice(0, 4)) + record.retentionYears;
  if (keptUntil >= year) return { key: 'dispositionRecordNotExpired', params: { code, year: keptUntil } };
  if (record.legalHold !== null) return { key: 'dispositionRecordHeld', params: { code, reason: record.legalHold } };
  return null;
}
