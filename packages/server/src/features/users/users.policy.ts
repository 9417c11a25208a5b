import type { Role, User } from '@nghiemthu/shared';
import { hasRole, type Actor } from '../auth/actor.js';

/** Roles an agency administrator may grant: never the province-wide ones. */
const AGENCY_ADMIN_GRANTABLE: readonly Role[] = ['agency_admin', 'officer', 'leader', 'council_member', 'provider_officer'];

export function canListUsers(actor: Actor): boolean {
  return hasRole(actor, 'system_admin', 'agency_admin', 'inspector');
}

/** Who may create or change users at all; which agency is checked against the actor's reach. */
export function canManageUsers(actor: Actor): boolean {
  return hasRole(actor, 'system_admin', 'agency_admin');
}

export function canGrantRole(actor: Actor, role: Role): boolean {
  return hasRole(actor, 'system_admin') || (hasRole(actor, 'agency_admin') && AGENCY_ADMIN_GRANTABLE.includes(role));
}

/**
 * Actions on one user the actor may take (the target is already known to be in
 * the actor's reach). An agency administrator cannot touch a system
 * administrator or inspector.
 */
export function allowedUserActions(actor: Actor, target: { roles: Role[]; isLocked: boolean }): User['allowedActions'] {
  if (!canManageUsers(actor)) return [];
  if (!target.roles.every((role) => canGrantRole(actor, role))) return [];
  return target.isLocked ? ['update', 'resetPassword', 'unlock'] : ['update', 'resetPassword'];
}
