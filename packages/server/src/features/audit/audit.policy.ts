import { hasRole, type Actor } from '../auth/actor.js';

/** Who may read the audit log: administrators (their agency's reach) and inspectors (everything). */
export function canReadAudit(actor: Actor): boolean {
  return hasRole(actor, 'system_admin', 'agency_admin', 'inspector');
}

/** Verifying the whole chain reads every event, so only those who may read every event run it. */
export function canVerifyAudit(actor: Actor): boolean {
  return hasRole(actor, 'system_admin', 'inspector');
}
