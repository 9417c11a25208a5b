import type { Delegation } from '@nghiemthu/shared';
import { hasRole, type Actor } from '../auth/actor.js';

/** Only leaders delegate their approvals. */
export function canDelegate(actor: Actor): boolean {
  return hasRole(actor, 'leader');
}

/** The delegator may revoke, and so may the administrators of the agency's reach (the service checks the reach). */
export function allowedDelegationActions(
  actor: Actor,
  delegation: { delegatorId: string; status: Delegation['status'] },
  isInAdminReach: boolean,
): Delegation['allowedActions'] {
  if (delegation.status === 'ended' || delegation.status === 'revoked') return [];
  const isAdmin = hasRole(actor, 'system_admin') || (hasRole(actor, 'agency_admin') && isInAdminReach);
  return delegation.delegatorId === actor.userId || isAdmin ? ['revoke'] : [];
}
