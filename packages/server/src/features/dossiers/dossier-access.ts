import { and, eq, inArray, or, type SQL } from 'drizzle-orm';
import type { DossierRelations, Role } from '@nghiemthu/shared';
import type { Db } from '../../db/client.js';
import { councilMembers, councils, dossiers } from '../../db/schema.js';
import type { ScopeService } from '../agencies/agency-scope.js';
import { hasRole, type Actor } from '../auth/actor.js';
import type { DelegationsService } from '../delegations/delegations.service.js';

type DossierRow = typeof dossiers.$inferSelect;

/**
 * How a person stands to a dossier. Roles count only on their own side:
 * an officer or leader of the ordering agency's reach, a provider officer of
 * the provider's, a council member of this dossier's council. A deputy holds
 * the leader role while a delegation runs, and the step records for whom.
 */
export type DossierAccess = {
  roles: Role[];
  relations: DossierRelations;
  actingFor: { userId: string; username: string } | null;
  councilRole: 'chair' | 'secretary' | 'member' | null;
  isOrderingSide: boolean;
  isProviderSide: boolean;
};

export function createDossierAccess(deps: { db: Db; scope: ScopeService; delegations: DelegationsService }) {
  const { db, scope, delegations } = deps;

  /** Readable dossiers: everything for administrators and inspectors; one's agencies' dossiers; the councils one sits on. */
  async function visibility(actor: Actor): Promise<SQL | undefined> {
    if (hasRole(actor, 'system_admin', 'inspector')) return undefined;
    const reach = await scope.reachOf(actor.agencyId);
    // Uncorrelated on purpose: a correlated EXISTS OR'ed with the agency check made PostgreSQL price every
    // list at ~1.7M and JIT-compile it (0.2-0.9 s per statement with 100,000 dossiers, bench/dossier-list).
    const onCouncil = inArray(
      dossiers.id,
      db.select({ id: councils.dossierId }).from(councils)
        .innerJoin(councilMembers, eq(councilMembers.councilId, councils.id))
        .where(eq(councilMembers.userId, actor.userId)),
    );
    const conditions: (SQL | undefined)[] = [onCouncil];
    if (hasRole(actor, 'officer', 'leader', 'agency_admin')) conditions.push(inArray(dossiers.orderingAgencyId, reach));
    if (hasRole(actor, 'provider_officer')) conditions.push(inArray(dossiers.providerAgencyId, reach));
    return or(...conditions);
  }

  /** What a request needs once to judge many dossiers: the actor's reach and leader authority. */
  async function contextFor(actor: Actor): Promise<AccessContext> {
    const [reach, authority] = await Promise.all([scope.reachOf(actor.agencyId), delegations.actingFor(actor, ['leader'])]);
    return { actor, reach, authority };
  }

  /** Council roles of the actor on these dossiers, in one query. */
  async function councilRoles(actor: Actor, dossierIds: string[], tx: Db = db): Promise<Map<string, CouncilRole>> {
    if (dossierIds.length === 0) return new Map();
    const found = await tx.select({ dossierId: councils.dossierId, role: councilMembers.role }).from(councilMembers)
      .innerJoin(councils, eq(councils.id, councilMembers.councilId))
      .where(and(inArray(councils.dossierId, dossierIds), eq(councilMembers.userId, actor.userId)));
    return new Map(found.map((f) => [f.dossierId!, f.role]));
  }

  async function accessTo(actor: Actor, row: DossierRow, tx: Db = db): Promise<DossierAccess> {
    const context = await contextFor(actor);
    return accessFrom(context, row, (await councilRoles(actor, [row.id], tx)).get(row.id) ?? null);
  }

  return { visibility, contextFor, councilRoles, accessTo };
}

type CouncilRole = 'chair' | 'secretary' | 'member';
export type AccessContext = { actor: Actor; reach: string[]; authority: { userId: string; username: string } | 'self' | null };

export function accessFrom(context: AccessContext, row: Pick<DossierRow, 'orderingAgencyId' | 'providerAgencyId' | 'appraiserId'>, councilRole: CouncilRole | null): DossierAccess {
  const { actor, reach, authority } = context;
  const inOrderingReach = reach.includes(row.orderingAgencyId);
  const isProviderSide = reach.includes(row.providerAgencyId) && hasRole(actor, 'provider_officer');
  const hasLeaderAuthority = inOrderingReach && authority !== null;
  const roles: Role[] = [];
  if (inOrderingReach && hasRole(actor, 'officer')) roles.push('officer');
  if (hasLeaderAuthority) roles.push('leader');
  if (isProviderSide) roles.push('provider_officer');
  if (councilRole) roles.push('council_member');
  return {
    roles,
    relations: { isProviderOfDossier: isProviderSide, isAssignedAppraiser: row.appraiserId === actor.userId, isCouncilChair: councilRole === 'chair' },
    actingFor: hasLeaderAuthority && authority !== 'self' ? authority : null,
    councilRole,
    isOrderingSide: inOrderingReach && (hasRole(actor, 'officer', 'leader') || hasLeaderAuthority),
    isProviderSide,
  };
}


export type DossierAccessService = ReturnType<typeof createDossierAccess>;
