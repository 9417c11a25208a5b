import type { InformationSystem } from '@nghiemthu/shared';
import { hasRole, type Actor } from '../auth/actor.js';
import type { AgencyScope } from '../agencies/agency-scope.js';

/**
 * Every signed-in user reads the systems. System administrators change any;
 * an agency administrator changes the systems owned by agencies in their
 * reach (their agency, its units, agencies merged into it), and may register
 * systems only for those owners. Inspectors only read.
 */
function isInReach(reach: AgencyScope, agencyId: string): boolean {
  return reach.kind === 'all' || reach.agencyIds.includes(agencyId);
}

export function canManageSystemsOf(actor: Actor, ownerAgencyId: string, reach: AgencyScope): boolean {
  if (hasRole(actor, 'system_admin')) return true;
  return hasRole(actor, 'agency_admin') && isInReach(reach, ownerAgencyId);
}

export function canCreateInformationSystems(actor: Actor): boolean {
  return hasRole(actor, 'system_admin', 'agency_admin');
}

export function allowedInformationSystemActions(
  actor: Actor,
  system: { ownerAgencyId: string; status: 'active' | 'retired' },
  reach: AgencyScope,
): InformationSystem['allowedActions'] {
  if (system.status === 'retired') return [];
  return canManageSystemsOf(actor, system.ownerAgencyId, reach) ? ['update', 'retire'] : [];
}
