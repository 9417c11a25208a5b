import { hasRole, type Actor } from '../auth/actor.js';

/**
 * Everyone who takes part in an acceptance may attach evidence; inspectors
 * only read. Reading a file is decided by agency reach (agency-scope.ts).
 */
export function canUploadFiles(actor: Actor): boolean {
  return hasRole(actor, 'system_admin', 'agency_admin', 'officer', 'leader', 'council_member', 'provider_officer');
}
