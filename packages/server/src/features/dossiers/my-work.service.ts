import { and, asc, count, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { type MyWork } from '@nghiemthu/shared';
import type { Db } from '../../db/client.js';
import { agencies, councilMembers, councils, dossiers, orders, users } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { hasRole, type Actor } from '../auth/actor.js';
import type { ScopeService } from '../agencies/agency-scope.js';
import type { DossierAccessService } from './dossier-access.js';
import type { DossierDeadlines } from './dossier-deadlines.js';
import type { DossiersService } from './dossiers.service.js';

/** The step each allowed action stands for in a queue, most pressing first. */
const TASK_ORDER = [
  'answer_supplement', 'submit', 'receive', 'request_supplement', 'assign_appraiser', 'appraise', 'complete_appraisal',
  'declareConflict', 'vote', 'close_council_review', 'approve', 'issue_minutes', 'record_final_payment',
] as const;
const LIVE = sql`${dossiers.state} not in ('paid', 'rejected', 'withdrawn')`;

/**
 * "My work": each person's queue, by due date. The queue is
 * narrowed in SQL to the states the person's roles act in, then each
 * candidate is judged by the same allowed-actions rule the dossier page uses.
 */
export function createMyWorkService(deps: { db: Db; clock: Clock; scope: ScopeService; access: DossierAccessService; deadlines: DossierDeadlines; dossiers: DossiersService }) {
  const { db, clock, scope, access, deadlines } = deps;

  async function candidates(actor: Actor): Promise<SQL | undefined> {
    const reach = await scope.reachOf(actor.agencyId);
    const authority = await deps.access.contextFor(actor);
    const parts: SQL[] = [];
    if (hasRole(actor, 'provider_officer')) parts.push(and(inArray(dossiers.providerAgencyId, reach), inArray(dossiers.state, ['draft', 'supplement_requested']))!);
    if (hasRole(actor, 'officer')) {
      parts.push(and(inArray(dossiers.orderingAgencyId, reach), inArray(dossiers.state, ['submitted', 'approved', 'minutes_issued']))!);
      parts.push(and(eq(dossiers.appraiserId, actor.userId), eq(dossiers.state, 'in_appraisal'))!);
    }
    if (authority.authority) parts.push(and(inArray(dossiers.orderingAgencyId, reach), inArray(dossiers.state, ['received', 'awaiting_decision']))!);
    parts.push(and(inArray(dossiers.state, ['in_appraisal', 'in_council']), inArray(dossiers.id, db.select({ id: councils.dossierId }).from(councils)
      .innerJoin(councilMembers, eq(councilMembers.councilId, councils.id))
      .where(and(eq(councilMembers.userId, actor.userId), isNull(councilMembers.votedAt)))))!);
    return or(...parts);
  }

  async function myWork(actor: Actor): Promise<MyWork> {
    const where = and(await candidates(actor), await access.visibility(actor));
    const found = await deps.dossiers.baseQuery().where(where).orderBy(sql`${dossiers.stepDueDate} asc nulls last`, asc(dossiers.createdAt)).limit(200);
    const presented = await deps.dossiers.presentMany(actor, found);
    const context = await access.contextFor(actor);
    const principal = context.authority && context.authority !== 'self'
      ? (await db.select({ id: users.id, username: users.username, fullName: users.fullName }).from(users).where(eq(users.id, context.authority.userId)))[0] ?? null
      : null;
    const items = presented.flatMap((dossier) => {
      const task = TASK_ORDER.find((action) => (dossier.allowedActions as string[]).includes(action));
      if (!task) return [];
      const isLeaderTask = task === 'assign_appraiser' || task === 'approve';
      const actingFor = isLeaderTask && !actor.roles.includes('leader') ? principal : null;
      return [{ dossier, task, actingFor }];
    });
    return { items, total: items.length };
  }

  return { myWork };
}

export type MyWorkService = ReturnType<typeof createMyWorkService>;
