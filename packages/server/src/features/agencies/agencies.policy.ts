import type { Agency } from '@nghiemthu/shared';
import { hasRole, type Actor } from '../auth/actor.js';
import type { AgencyScope } from './agency-scope.js';

/**
 * The registry is readable by every signed-in user (it is the province's
 * directory). System administrators change anything; an agency administrator
 * changes the agencies in their reach and may close only units below their own.
 */
export function canCreateAgencyUnder(actor: Actor, parentId: string | null, reach: AgencyScope): boolean {
  if (hasRole(actor, 'system_admin')) return true;
  if (!hasRole(actor, 'agency_admin') || parentId === null) return false;
  return reach.kind === 'all' || reach.agencyIds.includes(parentId);
}

export function allowedAgencyActions(
  actor: Actor,
  agency: { id: string; status: 'active' | 'closed' },
  reach: AgencyScope,
): Agency['allowedActions'] {
  if (agency.status === 'closed') return [];
  if (hasRole(actor, 'system_admin')) return ['update', 'close', 'changeCode'];
  if (!hasRole(actor, 'agency_admin')) return [];
  const isInReach = reach.kind === 'all' || reach.agencyIds.includes(agency.id);
  if (!isInReach) return [];
  return agency.id === actor.agencyId ? ['update', 'changeCode'] : ['update', 'close', 'changeCode'];
}

/** Whether the actor may register agencies at all (where is checked against their reach). */
export function canCreateAgencies(actor: Actor): boolean {
  return hasRole(actor, 'system_admin', 'agency_admin');
}

/** An import may touch any agency of the province: system administrators only. */
export function canImportAgencies(actor: Actor): boolean {
  return hasRole(actor, 'system_admin');
}
