import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, lt, or } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type {
  Language,
  Notification,
  NotificationCount,
  NotificationKind,
  NotificationListQuery,
  NotificationPage,
  NotificationParamsByKind,
} from '@nghiemthu/shared';
import type { SmtpConfig } from '../../config.js';
import { withTransaction, type Db } from '../../db/client.js';
import { notifications, users } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { notFound } from '../../lib/errors.js';
import type { Actor } from '../auth/actor.js';
import { notificationTitle, renderNotificationEmail } from './notification-text.js';

type NotificationRow = typeof notifications.$inferSelect;

export type NotifyInput<K extends NotificationKind> = {
  userIds: readonly string[];
  kind: K;
  dossierId?: string | null;
  orderId?: string | null;
  params: NotificationParamsByKind[K];
};

/** Asks the worker to send queued e-mails now; set by the worker when it starts (absent in processes without one). */
export type EmailDispatcher = () => Promise<void>;

export type EmailRun = { sent: number; failed: number; noAddress: number; errors: string[] };

/**
 * A row being sent is still 'queued', with emailedAt set to when a worker took it: another worker leaves it
 * alone until this lease runs out, so a worker that died mid-send does not strand it (it is sent again).
 */
const SEND_LEASE_MS = 15 * 60_000;

/** Errors of the connection or sign-in rather than of one message: the rest of the batch would fail the same way. */
const TRANSPORT_ERRORS = new Set(['EAUTH', 'ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'ENOAUTH', 'EOAUTH2']);

export function createNotificationsService(deps: { db: Db; clock: Clock; config: { smtp: SmtpConfig | null; publicBaseUrl: string } }) {
  const { db, clock, config } = deps;
  let dispatch: EmailDispatcher | null = null;

  function present(row: NotificationRow, language: Language): Notification {
    const params = row.params as Notification['params'];
    const kind = row.kind as NotificationKind;
    return {
      id: row.id,
      kind,
      title: notificationTitle(language, kind, params),
      dossierId: row.dossierId,
      orderId: row.orderId,
      params,
      createdAt: row.createdAt.toISOString(),
      readAt: row.readAt?.toISOString() ?? null,
    };
  }

  /**
   * Records one notification per distinct user in the caller's transaction, so it
   * commits or rolls back with the change it tells about. Sends nothing: call
   * `afterCommit()` once the transaction has committed.
   */
  async function notify<K extends NotificationKind>(tx: Db, input: NotifyInput<K>): Promise<string[]> {
    const userIds = [...new Set(input.userIds)];
    if (userIds.length === 0) return [];
    const recipients = await tx.select({ id: users.id, email: users.email }).from(users).where(inArray(users.id, userIds));
    const emails = new Map(recipients.map((user) => [user.id, user.email?.trim() || null]));
    const now = clock.now();
    const rows: NotificationRow[] = userIds.map((userId) => ({
      id: randomUUID(),
      userId,
      kind: input.kind,
      dossierId: input.dossierId ?? null,
      orderId: input.orderId ?? null,
      params: input.params,
      createdAt: now,
      readAt: null,
      emailStatus: !config.smtp ? 'not_sent' : emails.get(userId) ? 'queued' : 'no_address',
      emailedAt: null,
    }));
    await tx.insert(notifications).values(rows);
    return rows.map((row) => row.id);
  }

  /** Nudges the worker to e-mail what was just committed; never throws (the minutely run catches up). */
  async function afterCommit(): Promise<void> {
    if (config.smtp && dispatch) await dispatch();
  }

  function setEmailDispatcher(dispatcher: EmailDispatcher | null) {
    dispatch = dispatcher;
  }

  async function list(actor: Actor, query: NotificationListQuery, language: Language): Promise<NotificationPage> {
    const readFilter = query.unread === undefined ? undefined : query.unread ? isNull(notifications.readAt) : isNotNull(notifications.readAt);
    const where = and(eq(notifications.userId, actor.userId), readFilter);
    const direction = query.order === 'asc' ? asc : desc;
    const [items, [total]] = await Promise.all([
      db.select().from(notifications).where(where)
        .orderBy(direction(notifications.createdAt), direction(notifications.id))
        .limit(query.pageSize).offset((query.page - 1) * query.pageSize),
      db.select({ n: count() }).from(notifications).where(where),
    ]);
    return { items: items.map((row) => present(row, language)), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
  }

  async function unreadCount(actor: Actor): Promise<NotificationCount> {
    const [row] = await db.select({ n: count() }).from(notifications)
      .where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt)));
    return { count: row?.n ?? 0 };
  }

  // Reading a notification changes nothing anyone else sees, so it is not audited.
  async function markRead(actor: Actor, id: string, language: Language): Promise<Notification> {
    const own = and(eq(notifications.id, id), eq(notifications.userId, actor.userId));
    const [updated] = await db.update(notifications).set({ readAt: clock.now() })
      .where(and(own, isNull(notifications.readAt))).returning();
    if (updated) return present(updated, language);
    const [already] = await db.select().from(notifications).where(own);
    if (!already) throw notFound('thingNotification');
    return present(already, language);
  }

  async function markAllRead(actor: Actor): Promise<NotificationCount> {
    const marked = await db.update(notifications).set({ readAt: clock.now() })
      .where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt)))
      .returning({ id: notifications.id });
    return { count: marked.length };
  }

  /** Takes up to `limit` queued rows no other worker is sending, in a short transaction (never held over the network). */
  async function claimQueued(limit: number) {
    const now = clock.now();
    return withTransaction(db, async (tx) => {
      const claimed = await tx
        .select({ row: notifications, email: users.email, fullName: users.fullName })
        .from(notifications)
        .innerJoin(users, eq(users.id, notifications.userId))
        .where(and(
          eq(notifications.emailStatus, 'queued'),
          or(isNull(notifications.emailedAt), lt(notifications.emailedAt, new Date(now.getTime() - SEND_LEASE_MS))),
        ))
        .orderBy(asc(notifications.createdAt), asc(notifications.id))
        .limit(limit)
        .for('update', { of: notifications, skipLocked: true });
      if (claimed.length > 0) {
        await tx.update(notifications).set({ emailedAt: now }).where(inArray(notifications.id, claimed.map((c) => c.row.id)));
      }
      return claimed;
    });
  }

  async function mark(id: string, emailStatus: 'sent' | 'failed' | 'no_address') {
    await db.update(notifications).set({ emailStatus, emailedAt: clock.now() }).where(eq(notifications.id, id));
  }

  /**
   * E-mails up to `limit` queued notifications and marks each sent, failed or
   * no_address. A failure is counted and described (for the log), never thrown.
   */
  async function sendQueuedEmails(limit = 20): Promise<EmailRun> {
    const run: EmailRun = { sent: 0, failed: 0, noAddress: 0, errors: [] };
    const smtp = config.smtp;
    if (!smtp) return run;
    const claimed = await claimQueued(limit);
    if (claimed.length === 0) return run;
    const transport = nodemailer.createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      auth: smtp.auth ? { user: smtp.auth.user, pass: smtp.auth.password } : undefined,
      tls: { rejectUnauthorized: smtp.rejectUnauthorized },
      pool: true,
      maxConnections: 1,
      connectionTimeout: 20_000,
      greetingTimeout: 20_000,
      socketTimeout: 60_000,
    });
    let transportError: string | null = null;
    try {
      for (const { row, email, fullName } of claimed) {
        const address = email?.trim();
        if (!address) {
          await mark(row.id, 'no_address');
          run.noAddress += 1;
          continue;
        }
        if (transportError) {
          await mark(row.id, 'failed');
          run.failed += 1;
          continue;
        }
        const message = renderNotificationEmail(
          { kind: row.kind as NotificationKind, params: row.params as Notification['params'], dossierId: row.dossierId, orderId: row.orderId },
          config.publicBaseUrl,
        );
        try {
          await transport.sendMail({
            from: smtp.from,
            to: { name: fullName, address },
            subject: message.subject,
            text: message.text,
            headers: { 'Auto-Submitted': 'auto-generated' }, // RFC 3834: no out-of-office replies
          });
          await mark(row.id, 'sent');
          run.sent += 1;
        } catch (error) {
          await mark(row.id, 'failed');
          run.failed += 1;
          const { code, message: reason } = error as { code?: string; message?: string };
          const described = `${code ?? 'ERROR'}: ${reason ?? String(error)}`;
          if (!run.errors.includes(described)) run.errors.push(described);
          if (code && TRANSPORT_ERRORS.has(code)) transportError = described;
        }
      }
    } finally {
      transport.close();
    }
    return run;
  }

  return { notify, afterCommit, setEmailDispatcher, list, unreadCount, markRead, markAllRead, sendQueuedEmails };
}

export type NotificationsService = ReturnType<typeof createNotificationsService>;
