import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { CreateUserBody, ResetPasswordBody, Role, UpdateUserBody, User, UserListQuery, UserPage } from '@nghiemthu/shared';
import { withTransaction, type Db } from '../../db/client.js';
import { agencies, sessions, users } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, conflict, forbidden, notFound } from '../../lib/errors.js';
import type { ScopeService } from '../agencies/agency-scope.js';
import type { AuditService, AuditSource } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import { hashPassword } from '../auth/passwords.js';
import { allowedUserActions, canGrantRole, canListUsers, canManageUsers } from './users.policy.js';

type UserRow = typeof users.$inferSelect;
type AgencyRow = typeof agencies.$inferSelect;

const SORT = {
  username: users.username,
  fullName: users.fullName,
  createdAt: users.createdAt,
  lastLoginAt: users.lastLoginAt,
} as const;

/** What the audit log keeps of a user: never the password hash. */
function snapshot(row: UserRow) {
  const { passwordHash: _hash, ...rest } = row;
  return rest;
}

export function createUsersService(deps: { db: Db; clock: Clock; audit: AuditService; scope: ScopeService }) {
  const { db, clock, audit, scope } = deps;

  function present(actor: Actor, row: UserRow, agency: AgencyRow): User {
    const isLocked = row.lockedUntil !== null && row.lockedUntil > clock.now();
    return {
      id: row.id,
      username: row.username,
      fullName: row.fullName,
      email: row.email,
      roles: row.roles as Role[],
      agency: { id: agency.id, code: agency.code, name: agency.name, shortName: agency.shortName },
      isActive: row.isActive,
      isLocked,
      lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
      allowedActions: row.id === actor.userId ? [] : allowedUserActions(actor, { roles: row.roles as Role[], isLocked }),
    };
  }

  async function list(actor: Actor, query: UserListQuery): Promise<UserPage> {
    if (!canListUsers(actor)) throw forbidden();
    const reach = await scope.readScope(actor);
    const pattern = query.q ? `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    const where = and(
      reach.kind === 'agencies' ? inArray(users.agencyId, reach.agencyIds) : undefined,
      query.agencyId ? eq(users.agencyId, query.agencyId) : undefined,
      query.role ? sql`${query.role} = any(${users.roles})` : undefined,
      query.isActive === undefined ? undefined : eq(users.isActive, query.isActive),
      pattern ? or(ilike(users.username, pattern), ilike(users.fullName, pattern), ilike(users.email, pattern)) : undefined,
    );
    const column = SORT[query.sort];
    const [rows, [total]] = await Promise.all([
      db
        .select({ user: users, agency: agencies })
        .from(users)
        .innerJoin(agencies, eq(agencies.id, users.agencyId))
        .where(where)
        .orderBy(query.order === 'desc' ? desc(column) : asc(column), asc(users.id))
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize),
      db.select({ n: count() }).from(users).where(where),
    ]);
    return {
      items: rows.map((row) => present(actor, row.user, row.agency)),
      total: total?.n ?? 0,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** A user outside the actor's reach does not exist for them (404, not 403: no probing by id). */
  async function load(actor: Actor, id: string, tx: Db = db) {
    const [row] = await tx
      .select({ user: users, agency: agencies })
      .from(users)
      .innerJoin(agencies, eq(agencies.id, users.agencyId))
      .where(eq(users.id, id));
    const isSelf = row?.user.id === actor.userId;
    if (!row || (!isSelf && (!canListUsers(actor) || !(await scope.isWithin(actor, row.user.agencyId))))) {
      throw notFound('thingUser');
    }
    return row;
  }

  async function get(actor: Actor, id: string): Promise<User> {
    const row = await load(actor, id);
    return present(actor, row.user, row.agency);
  }

  function checkRoles(actor: Actor, roles: Role[]) {
    for (const role of roles) {
      if (!canGrantRole(actor, role)) throw new AppError('FORBIDDEN', 'roleNotAllowed', { role });
    }
  }

  async function create(actor: Actor, body: CreateUserBody, source: AuditSource): Promise<User> {
    if (!canManageUsers(actor)) throw forbidden();
    checkRoles(actor, body.roles);
    const [agency] = await db.select().from(agencies).where(eq(agencies.id, body.agencyId));
    if (!agency || !(await scope.isWithin(actor, agency.id))) {
      throw new AppError('VALIDATION_FAILED', 'agencyNotFound', {}, [{ path: 'agencyId', key: 'agencyNotFound' }]);
    }
    const passwordHash = await hashPassword(body.password);
    const now = clock.now();
    const row: UserRow = {
      id: randomUUID(),
      username: body.username.toLowerCase(),
      fullName: body.fullName,
      email: body.email,
      passwordHash,
      roles: [...new Set(body.roles)],
      agencyId: agency.id,
      isActive: true,
      // An account made by someone else starts with a password its owner must replace.
      mustChangePassword: true,
      failedLoginCount: 0,
      lockedUntil: null,
      passwordChangedAt: now,
      lastLoginAt: null,
      createdAt: now,
      updatedAt: now,
    };
    return withTransaction(db, async (tx) => {
      const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.username, row.username));
      if (taken) throw conflict('usernameTaken', { username: row.username });
      await tx.insert(users).values(row);
      await audit.record(tx, source, { action: 'user.created', entityType: 'user', entityId: row.id, agencyId: agency.id, after: snapshot(row) });
      return present(actor, row, agency);
    });
  }

  async function update(actor: Actor, id: string, body: UpdateUserBody, source: AuditSource): Promise<User> {
    return withTransaction(db, async (tx) => {
      const { user, agency } = await load(actor, id, tx);
      const allowed = user.id === actor.userId ? [] : allowedUserActions(actor, { roles: user.roles as Role[], isLocked: false });
      if (!allowed.includes('update')) throw forbidden();
      if (body.roles) checkRoles(actor, body.roles);
      const next: UserRow = {
        ...user,
        fullName: body.fullName ?? user.fullName,
        email: body.email === undefined ? user.email : body.email,
        roles: body.roles ? [...new Set(body.roles)] : user.roles,
        isActive: body.isActive ?? user.isActive,
        updatedAt: clock.now(),
      };
      await tx.update(users).set(next).where(eq(users.id, id));
      if (!next.isActive) await endSessions(tx, id);
      await audit.record(tx, source, {
        action: 'user.updated', entityType: 'user', entityId: id, agencyId: user.agencyId, before: snapshot(user), after: snapshot(next),
      });
      return present(actor, next, agency);
    });
  }

  async function resetPassword(actor: Actor, id: string, body: ResetPasswordBody, source: AuditSource): Promise<void> {
    const passwordHash = await hashPassword(body.newPassword);
    await withTransaction(db, async (tx) => {
      const { user } = await load(actor, id, tx);
      if (user.id === actor.userId || !allowedUserActions(actor, { roles: user.roles as Role[], isLocked: false }).includes('resetPassword')) {
        throw forbidden();
      }
      const now = clock.now();
      await tx
        .update(users)
        .set({ passwordHash, mustChangePassword: true, passwordChangedAt: now, failedLoginCount: 0, lockedUntil: null, updatedAt: now })
        .where(eq(users.id, id));
      await endSessions(tx, id);
      await audit.record(tx, source, { action: 'user.password_reset', entityType: 'user', entityId: id, agencyId: user.agencyId });
    });
  }

  async function unlock(actor: Actor, id: string, source: AuditSource): Promise<User> {
    return withTransaction(db, async (tx) => {
      const { user, agency } = await load(actor, id, tx);
      if (user.id === actor.userId || !allowedUserActions(actor, { roles: user.roles as Role[], isLocked: true }).includes('unlock')) {
        throw forbidden();
      }
      const next = { ...user, failedLoginCount: 0, lockedUntil: null, updatedAt: clock.now() };
      await tx.update(users).set({ failedLoginCount: 0, lockedUntil: null, updatedAt: next.updatedAt }).where(eq(users.id, id));
      await audit.record(tx, source, {
        action: 'user.unlocked', entityType: 'user', entityId: id, agencyId: user.agencyId,
        before: { lockedUntil: user.lockedUntil }, after: { lockedUntil: null },
      });
      return present(actor, next, agency);
    });
  }

  async function endSessions(tx: Db, userId: string) {
    await tx.update(sessions).set({ endedAt: clock.now() }).where(and(eq(sessions.userId, userId), sql`${sessions.endedAt} is null`));
  }

  return { list, get, create, update, resetPassword, unlock };
}

export type UsersService = ReturnType<typeof createUsersService>;

