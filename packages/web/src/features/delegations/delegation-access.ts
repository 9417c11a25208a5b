import type { Me } from '@nghiemthu/shared';

/** Only leaders delegate their approvals (the server's canDelegate). */
export function canDelegate(me: Me): boolean {
  return me.user.roles.includes('leader');
}

/**
 * Who may list every delegation within reach (scope=all). Me carries no permission flag
 * for it, so this mirrors the server's rule in delegations.service list(): system and
 * agency administrators, and inspectors. Keep the two in step.
 */
export function canSeeAllDelegations(me: Me): boolean {
  return me.user.roles.some((role) => role === 'system_admin' || role === 'agency_admin' || role === 'inspector');
}
