import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, isNull, lt, ne, or } from 'drizzle-orm';
import type { Me, Role } from '@nghiemthu/shared';
import type { Config } from '../../config.js';
import { withTransaction, type Db } from '../../db/client.js';
import { agencies, sessions, users } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import type { AuditService, AuditSource } from '../audit/audit.service.js';
import { canCreateAgencies, canImportAgencies } from '../agencies/agencies.policy.js';
import { canReadAudit, canVerifyAudit } from '../audit/audit.policy.js';
import { canListUsers, canManageUsers } from '../users/users.policy.js';
import type { Actor } from './actor.js';
import { decoyPasswordHash, hashPassword, verifyPassword } from './passwords.js';

export const SESSION_COOKIE = 'nt_session';
/** Sessions are touched at most this often, so reading a page is not a write every time. */
const TOUCH_INTERVAL_MS = 60_000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function tokensEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

type Deps = { db: Db; clock: Clock; audit: AuditService; config: Pick<Config, 'session' | 'login'> };

export type Authentication = { actor: Actor } | { actor: null; isExpired: boolean };

export function createAuthService(deps: Deps) {
  const { db, clock, audit, config } = deps;

  /**
   * Checks the password and opens a session. Failures are counted and audited
   * in their own committed transaction before the error is thrown, so a
   * refused sign-in still leaves its trace and still counts toward lockout.
   */
  async function login(username: string, password: string, source: Omit<AuditSource, 'actor'>) {
    const now = clock.now();
    const [user] = await db.select().from(users).where(eq(users.username, username.trim().toLowerCase()));
    if (!user) {
      await verifyPassword(await decoyPasswordHash(), password);
      await audit.record(db, { actor: null, ...source }, {
        action: 'auth.login_failed', entityType: 'user', agencyId: null, after: { username, reason: 'unknownUser' },
      });
      throw new AppError('UNAUTHENTICATED', 'loginFailed');
    }
    const asActor = { userId: user.id, username: user.username, agencyId: user.agencyId, onBehalfOf: null };
    if (user.lockedUntil && user.lockedUntil > now) {
      await audit.record(db, { actor: null, ...source }, {
        action: 'auth.login_refused_locked', entityType: 'user', entityId: user.id, agencyId: user.agencyId,
      });
      throw lockedError(user.lockedUntil, now);
    }
    if (!(await verifyPassword(user.passwordHash, password))) {
      const failures = user.failedLoginCount + 1;
      const isLocking = failures >= config.login.maxFailures;
      const lockedUntil = isLocking ? new Date(now.getTime() + config.login.lockMs) : null;
      await withTransaction(db, async (tx) => {
        await tx
          .update(users)
          .set({ failedLoginCount: isLocking ? 0 : failures, lockedUntil, updatedAt: now })
          .where(eq(users.id, user.id));
        await audit.record(tx, { actor: null, ...source }, {
          action: isLocking ? 'auth.account_locked' : 'auth.login_failed',
          entityType: 'user', entityId: user.id, agencyId: user.agencyId,
          after: { failedAttempts: failures, lockedUntil },
        });
      });
      throw isLocking ? lockedError(lockedUntil!, now) : new AppError('UNAUTHENTICATED', 'loginFailed');
    }
    if (!user.isActive) {
      await audit.record(db, { actor: null, ...source }, {
        action: 'auth.login_refused_disabled', entityType: 'user', entityId: user.id, agencyId: user.agencyId,
      });
      throw new AppError('FORBIDDEN', 'accountDisabled');
    }

    const token = randomBytes(32).toString('base64url');
    const session = {
      tokenHash: hashToken(token),
      userId: user.id,
      csrfToken: randomBytes(32).toString('base64url'),
      createdAt: now,
      lastSeenAt: now,
      idleExpiresAt: new Date(Math.min(now.getTime() + config.session.idleMs, now.getTime() + config.session.absoluteMs)),
      absoluteExpiresAt: new Date(now.getTime() + config.session.absoluteMs),
      ip: source.ip,
      userAgent: source.userAgent?.slice(0, 500) ?? null,
    };
    await withTransaction(db, async (tx) => {
      await tx.insert(sessions).values(session);
      await tx
        .update(users)
        .set({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: now, updatedAt: now })
        .where(eq(users.id, user.id));
      await audit.record(tx, { actor: asActor, ...source }, { action: 'auth.login', entityType: 'session', entityId: session.tokenHash.slice(0, 16) });
    });
    const actor = await authenticate(token);
    if (!actor.actor) throw new Error('a session just created could not be read back');
    return { token, actor: actor.actor, me: await me(actor.actor) };
  }

  /**
   * Resolves a session token to its actor, enforcing idle and absolute timeouts.
   * `isActivity: false` (background polling) does not push the idle timeout back.
   */
  async function authenticate(token: string, options: { isActivity?: boolean } = {}): Promise<Authentication> {
    const now = clock.now();
    const [row] = await db
      .select({ session: sessions, user: users })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.tokenHash, hashToken(token)));
    if (!row) return { actor: null, isExpired: false };
    const { session, user } = row;
    if (session.endedAt || !user.isActive) return { actor: null, isExpired: true };
    if (now >= session.idleExpiresAt || now >= session.absoluteExpiresAt) {
      await db.update(sessions).set({ endedAt: now }).where(and(eq(sessions.tokenHash, session.tokenHash), isNull(sessions.endedAt)));
      return { actor: null, isExpired: true };
    }
    if (options.isActivity !== false && now.getTime() - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
      const idleExpiresAt = new Date(Math.min(now.getTime() + config.session.idleMs, session.absoluteExpiresAt.getTime()));
      await db.update(sessions).set({ lastSeenAt: now, idleExpiresAt }).where(eq(sessions.tokenHash, session.tokenHash));
    }
    return {
      actor: {
        userId: user.id,
        username: user.username,
        fullName: user.fullName,
        agencyId: user.agencyId,
        roles: user.roles as Role[],
        onBehalfOf: null,
        sessionTokenHash: session.tokenHash,
        csrfToken: session.csrfToken,
      },
    };
  }

  async function logout(actor: Actor, source: AuditSource) {
    await withTransaction(db, async (tx) => {
      await tx.update(sessions).set({ endedAt: clock.now() }).where(eq(sessions.tokenHash, actor.sessionTokenHash));
      await audit.record(tx, source, { action: 'auth.logout', entityType: 'session', entityId: actor.sessionTokenHash.slice(0, 16) });
    });
  }

  /** Changes the password and ends every other session of the user; the current one stays. */
  async function changePassword(actor: Actor, currentPassword: string, newPassword: string, source: AuditSource) {
    const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
    if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
      throw new AppError('VALIDATION_FAILED', 'currentPasswordWrong', {}, [{ path: 'currentPassword', key: 'currentPasswordWrong' }]);
    }
    if (currentPassword === newPassword) {
      throw new AppError('VALIDATION_FAILED', 'passwordSameAsOld', {}, [{ path: 'newPassword', key: 'passwordSameAsOld' }]);
    }
    const passwordHash = await hashPassword(newPassword);
    const now = clock.now();
    await withTransaction(db, async (tx) => {
      await tx
        .update(users)
        .set({ passwordHash, passwordChangedAt: now, mustChangePassword: false, updatedAt: now })
        .where(eq(users.id, user.id));
      await tx
        .update(sessions)
        .set({ endedAt: now })
        .where(and(eq(sessions.userId, user.id), ne(sessions.tokenHash, actor.sessionTokenHash), isNull(sessions.endedAt)));
      await audit.record(tx, source, { action: 'auth.password_changed', entityType: 'user', entityId: user.id });
    });
  }

  async function me(actor: Actor): Promise<Me> {
    const [row] = await db
      .select({ user: users, agency: agencies, session: sessions })
      .from(users)
      .innerJoin(agencies, eq(agencies.id, users.agencyId))
      .innerJoin(sessions, eq(sessions.tokenHash, actor.sessionTokenHash))
      .where(eq(users.id, actor.userId));
    if (!row) throw new AppError('UNAUTHENTICATED', 'sessionExpired');
    const { user, agency, session } = row;
    return {
      user: {
        id: user.id,
        username: user.username,
        fullName: user.fullName,
        email: user.email,
        roles: user.roles as Role[],
        mustChangePassword: user.mustChangePassword,
      },
      agency: { id: agency.id, code: agency.code, name: agency.name, shortName: agency.shortName },
      permissions: {
        createAgencies: canCreateAgencies(actor),
        importAgencies: canImportAgencies(actor),
        readUsers: canListUsers(actor),
        createUsers: canManageUsers(actor),
        readAudit: canReadAudit(actor),
        verifyAudit: canVerifyAudit(actor),
      },
      csrfToken: session.csrfToken,
      session: {
        idleExpiresAt: session.idleExpiresAt.toISOString(),
        absoluteExpiresAt: session.absoluteExpiresAt.toISOString(),
      },
    };
  }

  /** Housekeeping: forget sessions that ended or expired more than 30 days ago. */
  async function purgeEndedSessions() {
    const cutoff = new Date(clock.now().getTime() - 30 * 24 * 3_600_000);
    await withTransaction(db, async (tx) => {
      const purged = await tx
        .delete(sessions)
        .where(or(lt(sessions.endedAt, cutoff), lt(sessions.absoluteExpiresAt, cutoff)))
        .returning({ tokenHash: sessions.tokenHash });
      if (purged.length > 0) {
        await audit.record(tx, { actor: null, ip: null, userAgent: null }, {
          action: 'sessions.purged', entityType: 'session', agencyId: null, after: { count: purged.length, before: cutoff },
        });
      }
    });
  }

  return { login, authenticate, logout, changePassword, me, purgeEndedSessions };
}

export type AuthService = ReturnType<typeof createAuthService>;

function lockedError(lockedUntil: Date, now: Date) {
  const minutes = Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 60_000));
  return new AppError('RATE_LIMITED', 'accountLocked', { minutes });
}
