import type { Role } from '@nghiemthu/shared';

/**
 * Which dossier pages and filters a person is offered (navigation, not permission: the server
 * decides what each person reads and may do).
 */

/** The overview is for the ordering side and those who oversee it. */
const OVERVIEW_ROLES: readonly Role[] = ['officer', 'leader', 'inspector', 'agency_admin', 'system_admin'];

export function canSeeOverview(roles: readonly Role[]): boolean {
  return roles.some((role) => OVERVIEW_ROLES.includes(role));
}

/** Someone who sees only their own agency's dossiers as a provider (or the councils they sit on). */
export function isProviderOnly(roles: readonly Role[]): boolean {
  return roles.every((role) => role === 'provider_officer' || role === 'council_member');
}
