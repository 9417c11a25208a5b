import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../db/client.js';
import { hasRole, type Actor } from '../auth/actor.js';

/** Which agencies' data an actor may read: all of them, or a set of agency ids. */
export type AgencyScope = { kind: 'all' } | { kind: 'agencies'; agencyIds: string[] };

export function createScopeService(deps: { db: Db }) {
  /**
   * An agency's reach: itself, the units under it, and every agency merged into
   * it (with their units), transitively. What was filed under a predecessor is
   * found under its successor this way.
   */
  async function reachOf(agencyId: string): Promise<string[]> {
    const result = await rows<{ id: string }>(deps.db, sql`
      with recursive reach(id) as (
        select id from agencies where id = ${agencyId}
        union
        select a.id from agencies a join reach r on a.parent_id = r.id or a.successor_id = r.id
      )
      select id from reach`);
    return result.map((row) => row.id);
  }

  /** System administrators and inspectors read across agencies; everyone else within their agency's reach. */
  async function readScope(actor: Actor): Promise<AgencyScope> {
    if (hasRole(actor, 'system_admin', 'inspector')) return { kind: 'all' };
    return { kind: 'agencies', agencyIds: await reachOf(actor.agencyId) };
  }

  async function isWithin(actor: Actor, agencyId: string): Promise<boolean> {
    const scope = await readScope(actor);
    return scope.kind === 'all' || scope.agencyIds.includes(agencyId);
  }

  return { reachOf, readScope, isWithin };
}

export type ScopeService = ReturnType<typeof createScopeService>;
