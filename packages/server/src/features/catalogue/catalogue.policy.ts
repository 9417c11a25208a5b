import type { CatalogueService } from '@nghiemthu/shared';
import { hasRole, type Actor } from '../auth/actor.js';

/**
 * The catalogue is province-wide (the province issues the list of services,
 * norms and unit prices): only system administrators change it, import it
 * included. Every signed-in user reads and exports it.
 */
export function canManageCatalogue(actor: Actor): boolean {
  return hasRole(actor, 'system_admin');
}

export function allowedCatalogueServiceActions(actor: Actor, service: { status: 'active' | 'retired' }): CatalogueService['allowedActions'] {
  if (!canManageCatalogue(actor) || service.status === 'retired') return [];
  return ['update', 'retire', 'managePrices', 'manageKpis', 'manageSystems'];
}
