import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { and, count, eq, inArray } from 'drizzle-orm';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SmtpConfig } from '../../config.js';
import { withTransaction } from '../../db/client.js';
import { agencies, dossiers, notifications, orders, users } from '../../db/schema.js';
import { buildTestApp, type SignedIn, type TestApp } from '../../testing/test-app.js';
import { notificationTitle, renderNotificationEmail } from './notification-text.js';
import { createNotificationsService } from './notifications.service.js';

const SMTP_USER = 'nghiemthu';
const SMTP_PASSWORD = 'mật-khẩu-thư-đúng';
const FROM = '"NghiemThu" <nghiemthu@sokhcn.anbinh.gov.vn>';
const OFFICER_EMAIL = 'chuyen.nv@sokhcn.anbinh.gov.vn';
const BASE_URL = 'https://nghiemthu.anbinh.gov.vn';

/** A real SMTP server on localhost that insists on signing in and keeps what it receives. */
let received: { mail: ParsedMail; envelope: { from: string; to: string[] } }[] = [];
let refusedLogins = 0;
const smtpServer = new SMTPServer({
  secure: false,
  disabledCommands: ['STARTTLS'],
  authOptional: false,
  allowInsecureAuth: true, // plain text on localhost only
  logger: false,
  onAuth(auth, _session, callback) {
    if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) return callback(null, { user: auth.username });
    refusedLogins += 1;
    return callback(new Error('Invalid username or password'));
  },
  onData(stream, session, callback) {
    simpleParser(stream).then(
      (mail) => {
        const envelope = session.envelope;
        received.push({
          mail,
          envelope: { from: envelope.mailFrom ? envelope.mailFrom.address : '', to: envelope.rcptTo.map((r) => r.address) },
        });
        callback();
      },
      (error: Error) => callback(error),
    );
  },
});

let smtp: SmtpConfig;
let t: TestApp;
let officer: SignedIn;
let leader: SignedIn;
let dossierId: string;
let orderId: string;

beforeAll(async () => {
  await new Promise<void>((resolve) => smtpServer.listen(0, '127.0.0.1', resolve));
  const { port } = smtpServer.server.address() as AddressInfo;
  smtp = { host: '127.0.0.1', port, secure: false, auth: { user: SMTP_USER, password: SMTP_PASSWORD }, from: FROM, rejectUnauthorized: true };
  t = await buildTestApp({ config: { smtp, publicBaseUrl: BASE_URL } });
  // Demo users have made-up addresses: the officer gets a real-looking one, the leader none.
  await t.db.update(users).set({ email: OFFICER_EMAIL }).where(eq(users.username, 'officer'));
  await t.db.update(users).set({ email: null }).where(eq(users.username, 'leader'));
  ({ dossierId, orderId } = await insertDossier(t));
});
beforeEach(async () => {
  received = [];
  refusedLogins = 0;
  officer = await t.signIn('officer');
  leader = await t.signIn('leader');
});
afterAll(async () => {
  await t.close();
  await new Promise<void>((resolve) => smtpServer.close(() => resolve()));
});

/** The smallest order and dossier the foreign keys need, straight into the tables. */
async function insertDossier(app: TestApp) {
  const byCode = async (code: string) => (await app.db.select().from(agencies).where(eq(agencies.code, code)))[0]!.id;
  const [ordering, provider] = [await byCode('000.00.11.H99'), await byCode('000.01.11.H99')];
  const [creator] = await app.db.select().from(users).where(eq(users.username, 'officer'));
  const now = app.clock.now();
  const order = {
    id: randomUUID(), code: 'SKHCN-DH-2026-0001', title: 'Vận hành Cổng dịch vụ công tỉnh', method: 'ordering' as const,
    legalRegime: 'decree_32_2019' as const, orderingAgencyId: ordering, providerAgencyId: provider, budgetYear: 2026,
    startDate: '2026-01-01', endDate: '2026-12-31', status: 'in_progress' as const, version: 1, totalValue: 120_000_000,
    createdBy: creator!.id, createdAt: now, updatedAt: now,
  };
  await app.db.insert(orders).values(order);
  const dossier = {
    id: randomUUID(), code: '000.00.11.H99-260115-0001', orderId: order.id, orderVersion: 1, periodNo: 1, periodLabel: 'Quý I/2026',
    periodStart: '2026-01-01', periodEnd: '2026-03-31', orderingAgencyId: ordering, providerAgencyId: provider, state: 'in_appraisal' as const,
    completionReport: 'Báo cáo', selfAssessment: 'Đạt', stepStartedAt: now, plannedValue: 30_000_000, createdBy: creator!.id, createdAt: now, updatedAt: now,
  };
  await app.db.insert(dossiers).values(dossier);
  return { dossierId: dossier.id, orderId: order.id };
}

const awaiting = (dossierCode = '000.00.11.H99-260115-0001') =>
  ({ dossierCode, orderTitle: 'Vận hành Cổng dịch vụ công tỉnh', stepLabel: 'thẩm định', dueDate: '2026-01-22' }) as const;

async function statuses(ids: string[]) {
  const found = await t.db.select({ id: notifications.id, emailStatus: notifications.emailStatus, userId: notifications.userId })
    .from(notifications).where(inArray(notifications.id, ids));
  return Object.fromEntries(found.map((row) => [row.userId, row.emailStatus]));
}

/** The same service on the same database, with other settings (no SMTP, a wrong password): no second app needed. */
const serviceWith = (changes: { smtp: SmtpConfig | null }) => createNotificationsService({ db: t.db, clock: t.clock, config: { publicBaseUrl: BASE_URL, ...changes } });

const get = (who: SignedIn, url: string, language = 'vi') => t.app.inject({ method: 'GET', url, headers: { ...who.headers, 'accept-language': language } });
const post = (who: SignedIn, url: string, language = 'vi') => t.app.inject({ method: 'POST', url, headers: { ...who.headers, 'accept-language': language } });

describe('e-mail copies over SMTP', () => {
  it('e-mails the recipient who has an address, once, in Vietnamese then English, with the dossier link', async () => {
    const ids = await withTransaction(t.db, (tx) =>
      t.services.notifications.notify(tx, { userIds: [officer.me.user.id, leader.me.user.id, officer.me.user.id], kind: 'dossier_awaiting_you', dossierId, params: awaiting() }));
    expect(ids).toHaveLength(2); // one per distinct user
    expect(await statuses(ids)).toEqual({ [officer.me.user.id]: 'queued', [leader.me.user.id]: 'no_address' });
    expect(received).toHaveLength(0); // notify itself sends nothing

    const run = await t.services.notifications.sendQueuedEmails(20);
    expect(run).toMatchObject({ sent: 1, failed: 0 });
    expect(received).toHaveLength(1);
    const { mail, envelope } = received[0]!;
    expect(envelope).toEqual({ from: 'nghiemthu@sokhcn.anbinh.gov.vn', to: [OFFICER_EMAIL] });
    expect((mail.to as AddressObject).value).toEqual([{ address: OFFICER_EMAIL, name: 'Nguyễn Văn Chuyên' }]);
    expect(mail.from?.value).toEqual([{ address: 'nghiemthu@sokhcn.anbinh.gov.vn', name: 'NghiemThu' }]);
    expect(mail.subject).toBe('NghiemThu: Hồ sơ 000.00.11.H99-260115-0001 (Vận hành Cổng dịch vụ công tỉnh) đang chờ bạn xử lý ở bước thẩm định, hạn 22/01/2026.');
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
    const [vi, en] = mail.text!.split(/\n-{40}\n/);
    expect(vi).toContain(`Xem chi tiết: ${BASE_URL}/dossiers/${dossierId}`);
    expect(en).toContain('Dossier 000.00.11.H99-260115-0001 (Vận hành Cổng dịch vụ công tỉnh) is waiting for you at the step thẩm định, due 22/01/2026.');
    expect(en).toContain(`Details: ${BASE_URL}/dossiers/${dossierId}`);

    expect(await statuses(ids)).toEqual({ [officer.me.user.id]: 'sent', [leader.me.user.id]: 'no_address' });
    const [sent] = await t.db.select().from(notifications).where(and(inArray(notifications.id, ids), eq(notifications.emailStatus, 'sent')));
    expect(sent!.emailedAt).toEqual(t.clock.now());
    expect(await t.services.notifications.sendQueuedEmails(20)).toMatchObject({ sent: 0, failed: 0 }); // nothing twice
    expect(received).toHaveLength(1);
  });

  it('marks the e-mail failed when the mail server refuses the password, without throwing or losing the notification', async () => {
    const [id] = await withTransaction(t.db, (tx) =>
      t.services.notifications.notify(tx, { userIds: [officer.me.user.id], kind: 'dossier_due_soon', dossierId, params: { dossierCode: 'X-1', dueDate: '2026-01-20' } }));
    const wrongPassword = serviceWith({ smtp: { ...smtp, auth: { user: SMTP_USER, password: 'sai-mật-khẩu' } } });
    const run = await wrongPassword.sendQueuedEmails(20);
    expect(run).toMatchObject({ sent: 0, failed: 1 });
    expect(run.errors[0]).toMatch(/^EAUTH/);
    expect(run.errors.join(' ')).not.toContain('sai-mật-khẩu');
    expect(refusedLogins).toBeGreaterThan(0);
    expect(received).toHaveLength(0);
    expect(await statuses([id!])).toEqual({ [officer.me.user.id]: 'failed' });
    const listed = (await get(officer, '/api/notifications?unread=true')).json();
    expect(listed.items.map((n: { id: string }) => n.id)).toContain(id);
  });

  it('keeps notifications in the app only when SMTP is not configured', async () => {
    const inAppOnly = serviceWith({ smtp: null });
    const ids = await withTransaction(t.db, (tx) =>
      inAppOnly.notify(tx, { userIds: [officer.me.user.id, leader.me.user.id], kind: 'dossier_assigned', dossierId, params: { dossierCode: 'X-2', orderTitle: 'Y', dueDate: '2026-02-02' } }));
    expect(await statuses(ids)).toEqual({ [officer.me.user.id]: 'not_sent', [leader.me.user.id]: 'not_sent' });
    expect(await inAppOnly.sendQueuedEmails(20)).toEqual({ sent: 0, failed: 0, noAddress: 0, errors: [] });
    await inAppOnly.afterCommit(); // nothing to nudge, and no error
  });

  it('leaves nothing behind when the transaction that notified rolls back', async () => {
    const countFor = async (userId: string) => (await t.db.select({ n: count() }).from(notifications).where(eq(notifications.userId, userId)))[0]!.n;
    const before = await countFor(officer.me.user.id);
    await expect(withTransaction(t.db, async (tx) => {
      await t.services.notifications.notify(tx, { userIds: [officer.me.user.id], kind: 'council_appointed', dossierId, params: { dossierCode: 'X-3', councilRole: 'chair' } });
      throw new Error('the change was refused');
    })).rejects.toThrow('the change was refused');
    expect(await countFor(officer.me.user.id)).toBe(before);
    expect((await t.services.notifications.sendQueuedEmails(20)).sent).toBe(0);
  });
});

describe('reading notifications', () => {
  // In-app only, so these tests never leave e-mails queued for the others.
  const inApp = () => serviceWith({ smtp: null });
  const notifyMany = (userId: string, n: number, code: string) =>
    withTransaction(t.db, async (tx) => {
      const ids: string[] = [];
      for (let i = 1; i <= n; i += 1) {
        t.clock.advance(1000); // distinct times, so "newest first" is well defined
        ids.push(...await inApp().notify(tx, { userIds: [userId], kind: 'dossier_overdue', dossierId, params: { dossierCode: `${code}-${i}`, dueDate: '2026-01-10', days: i } }));
      }
      return ids;
    });

  it('lists only your own, newest first, page by page, localized, with an unread filter and count', async () => {
    await post(leader, '/api/notifications/read-all');
    const ids = await notifyMany(leader.me.user.id, 5, 'L');
    await notifyMany(officer.me.user.id, 1, 'O');
    leader = await t.signIn('leader');

    const first = await get(leader, '/api/notifications?pageSize=2&unread=true');
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(first.json().items.map((n: { id: string }) => n.id)).toEqual([ids[4], ids[3]]);
    expect(first.json().items[0]).toMatchObject({
      kind: 'dossier_overdue', dossierId, orderId: null, readAt: null, params: { dossierCode: 'L-5', dueDate: '2026-01-10', days: 5 },
      title: 'Hồ sơ L-5 đã quá hạn 5 ngày làm việc (hạn 10/01/2026).',
    });
    const third = (await get(leader, '/api/notifications?pageSize=2&page=3&unread=true', 'en')).json();
    expect(third.items.map((n: { id: string; title: string }) => [n.id, n.title])).toEqual([[ids[0], 'Dossier L-1 is 1 working days overdue (due 10/01/2026).']]);
    const all = (await get(leader, '/api/notifications?pageSize=100')).json();
    expect(all.items.every((n: { params: { dossierCode: string } }) => !n.params.dossierCode.startsWith('O-'))).toBe(true);
    expect((await get(leader, '/api/notifications/unread-count')).json()).toEqual({ count: 5 });

    const read = await post(leader, `/api/notifications/${ids[1]}/read`);
    expect(read.statusCode).toBe(200);
    expect(read.json().readAt).toBe(t.clock.now().toISOString());
    t.clock.advance(60_000);
    expect((await post(leader, `/api/notifications/${ids[1]}/read`)).json().readAt).toBe(read.json().readAt); // stays as first read
    expect((await get(leader, '/api/notifications/unread-count')).json()).toEqual({ count: 4 });
    const readOnes = (await get(leader, '/api/notifications?unread=false&pageSize=100')).json();
    expect(readOnes.items.map((n: { id: string }) => n.id)).toContain(ids[1]);
    expect(readOnes.items.every((n: { readAt: string | null }) => n.readAt !== null)).toBe(true);
    expect((await get(leader, '/api/notifications?unread=true&pageSize=100')).json().total).toBe(4);

    expect((await post(leader, '/api/notifications/read-all')).json()).toEqual({ count: 4 });
    expect((await get(leader, '/api/notifications/unread-count')).json()).toEqual({ count: 0 });
    expect((await post(leader, '/api/notifications/read-all')).json()).toEqual({ count: 0 });
  });

  it('lets nobody read or mark someone else’s notification, and marking all read leaves others’ alone', async () => {
    const [theirs] = await notifyMany(officer.me.user.id, 1, 'P');
    const refused = await post(leader, `/api/notifications/${theirs}/read`, 'en');
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error).toEqual({ code: 'NOT_FOUND', message: 'The notification was not found.' });
    expect((await post(leader, `/api/notifications/${randomUUID()}/read`)).statusCode).toBe(404);
    await post(leader, '/api/notifications/read-all');
    const [row] = await t.db.select().from(notifications).where(eq(notifications.id, theirs!));
    expect(row!.readAt).toBeNull();
    const listed = (await get(leader, '/api/notifications?pageSize=200')).json();
    expect(listed.items.map((n: { id: string }) => n.id)).not.toContain(theirs);
  });

  it('does not keep an idle session alive by polling the unread count', async () => {
    const polling = await t.signIn('officer');
    for (let minute = 0; minute < 29; minute += 1) {
      t.clock.advance(60_000);
      expect((await get(polling, '/api/notifications/unread-count')).statusCode).toBe(200);
    }
    t.clock.advance(2 * 60_000); // 31 minutes without the person doing anything
    expect((await get(polling, '/api/notifications/unread-count')).statusCode).toBe(401);
    const working = await t.signIn('officer');
    t.clock.advance(20 * 60_000);
    expect((await get(working, '/api/notifications')).statusCode).toBe(200); // opening the list is activity
    t.clock.advance(20 * 60_000);
    expect((await get(working, '/api/notifications/unread-count')).statusCode).toBe(200);
  });

  it('needs a session, and refuses unknown filters', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/notifications/unread-count' })).statusCode).toBe(401);
    expect((await get(leader, '/api/notifications?unread=maybe')).statusCode).toBe(400);
    expect((await get(leader, '/api/notifications?userId=x')).statusCode).toBe(400);
  });
});

describe('notification texts', () => {
  it('writes dates dd/MM/yyyy, decisions and council roles in words, and what people typed as typed', () => {
    expect(notificationTitle('vi', 'dossier_decided', { dossierCode: 'A-1', decision: 'sent_back', reason: 'Thiếu biên bản' }))
      .toBe('Hồ sơ A-1 đã bị trả lại để xử lý lại. Ghi chú: Thiếu biên bản');
    expect(notificationTitle('en', 'dossier_decided', { dossierCode: 'A-1', decision: 'approved', reason: '' }))
      .toBe('Dossier A-1 was approved. Remarks: none.');
    expect(notificationTitle('vi', 'council_appointed', { dossierCode: 'A-1', councilRole: 'secretary' }))
      .toBe('Bạn được cử làm thư ký hội đồng nghiệm thu hồ sơ A-1.');
    expect(notificationTitle('en', 'dossier_supplement_requested', { dossierCode: 'A-1', reason: 'forbidden', dueDate: '2026-03-02' }))
      .toBe('Dossier A-1 needs more documents: forbidden. Supplement due 02/03/2026.');
    expect(notificationTitle('vi', 'dossier_escalated', { dossierCode: 'A-1', dueDate: '2026-03-02', responsible: 'Nguyễn Văn Chuyên' }))
      .toBe('Hồ sơ A-1 đã quá hạn xử lý (hạn 02/03/2026); người đang giữ hồ sơ: Nguyễn Văn Chuyên.');
  });

  it('links an order when there is no dossier, and nothing when there is neither', () => {
    const params = { dossierCode: 'A-1', dueDate: '2026-03-02' };
    expect(renderNotificationEmail({ kind: 'dossier_due_soon', params, dossierId: null, orderId }, BASE_URL).text).toContain(`${BASE_URL}/orders/${orderId}`);
    const bare = renderNotificationEmail({ kind: 'dossier_due_soon', params, dossierId: null, orderId: null }, BASE_URL);
    expect(bare.text).not.toContain('Xem chi tiết');
    expect(bare.text).toContain(`${BASE_URL}/notifications`);
    expect(bare.subject).toBe('NghiemThu: Hồ sơ A-1 sắp đến hạn xử lý (02/03/2026).');
  });
});

describe('the background worker', () => {
  let withWorker: TestApp;
  beforeAll(async () => {
    withWorker = await buildTestApp({ worker: true, config: { smtp, publicBaseUrl: BASE_URL } });
    await withWorker.db.update(users).set({ email: OFFICER_EMAIL }).where(eq(users.username, 'officer'));
  });
  afterAll(() => withWorker.close());

  it('sends queued e-mails as soon as the change that queued them commits', async () => {
    const [officerRow] = await withWorker.db.select().from(users).where(eq(users.username, 'officer'));
    const { notifications: service } = withWorker.services;
    const [id] = await withTransaction(withWorker.db, (tx) =>
      service.notify(tx, { userIds: [officerRow!.id], kind: 'dossier_due_soon', params: { dossierCode: 'W-1', dueDate: '2026-01-20' } }));
    await service.afterCommit();
    const emailStatus = async () => (await withWorker.db.select().from(notifications).where(eq(notifications.id, id!)))[0]!.emailStatus;
    const deadline = Date.now() + 20_000;
    while ((await emailStatus()) === 'queued' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await emailStatus()).toBe('sent');
    expect(received.map((r) => r.mail.subject)).toEqual(['NghiemThu: Hồ sơ W-1 sắp đến hạn xử lý (20/01/2026).']);
  });
});
