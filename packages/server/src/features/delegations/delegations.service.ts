import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, gt, inArray, isNotNull, isNull, lte, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { formatDateTimeMinutes, type CreateDelegationBody, type Delegation, type DelegationListQuery, type DelegationPage, type Role } from '@nghiemthu/shared';
import { withTransaction, type Db } from '../../db/client.js';
import { delegations, users } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, conflict, forbidden, invalid, notFound } from '../../lib/errors.js';
import type { ScopeService } from '../agencies/agency-scope.js';
import type { AuditService, AuditSource } from '../audit/audit.service.js';
import { hasRole, type Actor } from '../auth/actor.js';
import { allowedDelegationActions, canDelegate } from './delegations.policy.js';

type DelegationRow = typeof delegations.$inferSelect;
type UserRow = typeof users.$inferSelect;

const delegator = alias(users, 'delegator');
const deputy = alias(users, 'deputy');

export function createDelegationsService(deps: { db: Db; clock: Clock; audit: AuditService; scope: ScopeService }) {
  const { db, clock, audit, scope } = deps;

  function status(row: DelegationRow, now: Date): Delegation['status'] {
    if (row.revokedAt) return 'revoked';
    if (now < row.validFrom) return 'scheduled';
    return now < row.validTo ? 'active' : 'ended';
  }

  function present(actor: Actor, row: DelegationRow, from: UserRow, to: UserRow, adminReach: string[] | 'all'): Delegation {
    const current = status(row, clock.now());
    const isInAdminReach = adminReach === 'all' || adminReach.includes(from.agencyId);
    return {
      id: row.id,
      delegator: { id: from.id, username: from.username, fullName: from.fullName },
      deputy: { id: to.id, username: to.username, fullName: to.fullName },
      validFrom: row.validFrom.toISOString(),
      validTo: row.validTo.toISOString(),
      reason: row.reason,
      status: current,
      revokedAt: row.revokedAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
      allowedActions: allowedDelegationActions(actor, { delegatorId: row.delegatorId, status: current }, isInAdminReach),
    };
  }

  async function adminReach(actor: Actor): Promise<string[] | 'all'> {
    if (hasRole(actor, 'system_admin')) return 'all';
    return hasRole(actor, 'agency_admin') ? scope.reachOf(actor.agencyId) : [];
  }

  async function create(actor: Actor, body: CreateDelegationBody, source: AuditSource): Promise<Delegation> {
    if (!canDelegate(actor)) throw new AppError('FORBIDDEN', 'delegationNotLeader');
    const validFrom = new Date(body.validFrom);
    const validTo = new Date(body.validTo);
    if (validTo <= validFrom || validTo <= clock.now()) throw invalid('validationFailed', {}, [{ path: 'validTo', key: 'delegationPeriod' }]);
    return withTransaction(db, async (tx) => {
      const [from] = await tx.select().from(users).where(eq(users.id, actor.userId));
      const [to] = await tx.select().from(users).where(eq(users.id, body.deputyId));
      if (!from || !to || to.id === from.id || !to.isActive || to.agencyId !== from.agencyId) {
        throw invalid('validationFailed', {}, [{ path: 'deputyId', key: 'delegationDeputyInvalid' }]);
      }
      // One deputy at a time: two overlapping delegations would make "acting for" ambiguous.
      const [overlap] = await tx
        .select({ row: delegations, deputy: users })
        .from(delegations)
        .innerJoin(users, eq(users.id, delegations.deputyId))
        .where(and(eq(delegations.delegatorId, from.id), isNull(delegations.revokedAt), gt(delegations.validTo, validFrom), lte(delegations.validFrom, validTo)));
      if (overlap) {
        throw conflict('delegationOverlap', {
          deputy: overlap.deputy.fullName, from: formatDateTimeMinutes(overlap.row.validFrom), to: formatDateTimeMinutes(overlap.row.validTo),
        });
      }
      const row: DelegationRow = {
        id: randomUUID(), delegatorId: from.id, deputyId: to.id, validFrom, validTo, reason: body.reason,
        createdAt: clock.now(), revokedAt: null, revokedBy: null,
      };
      await tx.insert(delegations).values(row);
      await audit.record(tx, source, { action: 'delegation.created', entityType: 'delegation', entityId: row.id, agencyId: from.agencyId, after: row });
      return present(actor, row, from, to, await adminReach(actor));
    });
  }

  async function revoke(actor: Actor, id: string, source: AuditSource): Promise<Delegation> {
    return withTransaction(db, async (tx) => {
      const [found] = await tx
        .select({ row: delegations, from: delegator, to: deputy })
        .from(delegations)
        .innerJoin(delegator, eq(delegator.id, delegations.delegatorId))
        .innerJoin(deputy, eq(deputy.id, delegations.deputyId))
        .where(eq(delegations.id, id))
        .for('update', { of: delegations });
      const reach = await adminReach(actor);
      const isVisible = found && (found.row.delegatorId === actor.userId || found.row.deputyId === actor.userId || reach === 'all' || reach.includes(found.from.agencyId) || hasRole(actor, 'inspector'));
      if (!found || !isVisible) throw notFound('thingDelegation');
      const current = status(found.row, clock.now());
      if (current === 'ended' || current === 'revoked') throw new AppError('INVALID_TRANSITION', 'delegationFinished');
      if (!allowedDelegationActions(actor, { delegatorId: found.row.delegatorId, status: current }, reach === 'all' || reach.includes(found.from.agencyId)).includes('revoke')) {
        throw forbidden();
      }
      const after: DelegationRow = { ...found.row, revokedAt: clock.now(), revokedBy: actor.userId };
      await tx.update(delegations).set({ revokedAt: after.revokedAt, revokedBy: after.revokedBy }).where(eq(delegations.id, id));
      await audit.record(tx, source, {
        action: 'delegation.revoked', entityType: 'delegation', entityId: id, agencyId: found.from.agencyId, before: found.row, after,
      });
      return present(actor, after, found.from, found.to, reach);
    });
  }

  async function list(actor: Actor, query: DelegationListQuery): Promise<DelegationPage> {
    const now = clock.now();
    const reach = await adminReach(actor);
    let visible: SQL | undefined;
    if (query.scope === 'given') visible = eq(delegations.delegatorId, actor.userId);
    else if (query.scope === 'received') visible = eq(delegations.deputyId, actor.userId);
    else if (reach === 'all' || hasRole(actor, 'inspector')) visible = undefined;
    else if (reach.length > 0) visible = inArray(delegator.agencyId, reach);
    else throw forbidden();
    const byStatus: Record<Delegation['status'], SQL | undefined> = {
      revoked: isNotNull(delegations.revokedAt),
      scheduled: and(isNull(delegations.revokedAt), gt(delegations.validFrom, now)),
      active: and(isNull(delegations.revokedAt), lte(delegations.validFrom, now), gt(delegations.validTo, now)),
      ended: and(isNull(delegations.revokedAt), lte(delegations.validTo, now)),
    };
    const where = and(visible, query.status ? byStatus[query.status] : undefined);
    const column = query.sort === 'validFrom' ? delegations.validFrom : delegations.createdAt;
    const base = () => db.select({ row: delegations, from: delegator, to: deputy }).from(delegations)
      .innerJoin(delegator, eq(delegator.id, delegations.delegatorId))
      .innerJoin(deputy, eq(deputy.id, delegations.deputyId));
    const [items, [total]] = await Promise.all([
      base().where(where).orderBy(query.order === 'asc' ? asc(column) : desc(column), asc(delegations.id))
        .limit(query.pageSize).offset((query.page - 1) * query.pageSize),
      db.select({ n: count() }).from(delegations).innerJoin(delegator, eq(delegator.id, delegations.delegatorId)).where(where),
    ]);
    return { items: items.map((i) => present(actor, i.row, i.from, i.to, reach)), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
  }

  /**
   * Whose authority the actor may use at this moment for a step that needs one
   * of these roles: themselves if they hold the role, else the delegator of a
   * delegation running now who holds it. The workflow records the result as
   * "acting for".
   */
  async function actingFor(actor: Actor, roles: readonly Role[], at: Date = clock.now()): Promise<{ userId: string; username: string } | null | 'self'> {
    if (roles.some((role) => actor.roles.includes(role))) return 'self';
    const running = await db
      .select({ from: delegator })
      .from(delegations)
      .innerJoin(delegator, eq(delegator.id, delegations.delegatorId))
      .where(and(eq(delegations.deputyId, actor.userId), isNull(delegations.revokedAt), lte(delegations.validFrom, at), gt(delegations.validTo, at), eq(delegator.isActive, true)));
    const principal = running.map((r) => r.from).find((from) => (from.roles as Role[]).some((role) => roles.includes(role)));
    return principal ? { userId: principal.id, username: principal.username } : null;
  }

  /** Who a leader may name as deputy: active colleagues of the same agency, by name. */
  async function candidates(actor: Actor): Promise<{ id: string; username: string; fullName: string }[]> {
    if (!canDelegate(actor)) throw new AppError('FORBIDDEN', 'delegationNotLeader');
    const colleagues = await db
      .select({ id: users.id, username: users.username, fullName: users.fullName })
      .from(users)
      .where(and(eq(users.agencyId, actor.agencyId), eq(users.isActive, true)))
      .orderBy(asc(users.fullName));
    return colleagues.filter((user) => user.id !== actor.userId);
  }

  return { create, revoke, list, actingFor, candidates };
}

export type DelegationsService = ReturnType<typeof createDelegationsService>;
