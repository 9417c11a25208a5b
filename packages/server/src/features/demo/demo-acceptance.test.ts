import path from 'node:path';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOSSIER_STATES, localDate, type Dossier, type DossierDetail, type Order, type OrderDetail } from '@nghiemthu/shared';
import { agencies, orders, users } from '../../db/schema.js';
import { createFsBlobStore } from '../files/blob-store.js';
import { buildTestApp, type SignedIn, type TestApp } from '../../testing/test-app.js';
import { seedDemoAcceptance } from './demo-acceptance.js';
import { seedDemo } from './demo.service.js';

/**
 * The demo province with its acceptance history (`npm start`, `cli seed-demo`,
 * the browser journeys), loaded once on a Friday in November 2026 and read
 * through the API from each role's seat.
 */
const TODAY = new Date('2026-11-20T03:00:00.000Z'); // Friday, 10:00 in Vietnam

function depsOf(t: TestApp) {
  return { config: t.config, database: t.database, clock: t.clock, storage: createFsBlobStore(path.join(t.dataDir, 'files')) };
}

describe('the demo acceptance history', () => {
  let t: TestApp;
  let admin: SignedIn;
  let dossiers: Dossier[];
  let orderList: Order[];
  const get = async <T>(who: SignedIn, url: string): Promise<T> => {
    const response = await t.app.inject({ method: 'GET', url, headers: who.headers });
    expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
    return response.json() as T;
  };
  const dossier = (id: string) => get<DossierDetail>(admin, `/api/dossiers/${id}`);
  const order = (id: string) => get<OrderDetail>(admin, `/api/orders/${id}`);

  beforeAll(async () => {
    t = await buildTestApp({ demo: false });
    t.clock.set(TODAY);
    expect(await seedDemo(depsOf(t), { userAgent: 'test', acceptance: true })).toBe('seeded');
    admin = await t.signIn('admin');
    dossiers = (await get<{ items: Dossier[] }>(admin, '/api/dossiers?pageSize=200')).items;
    orderList = (await get<{ items: Order[] }>(admin, '/api/orders?pageSize=200')).items;
  }, 600_000);
  afterAll(async () => t?.close());

  it('has dossiers in every state of the workflow, some late, one due soon, one extended', async () => {
    expect(new Set(dossiers.map((d) => d.state))).toEqual(new Set(DOSSIER_STATES));
    const officer = await t.signIn('officer');
    expect((await get<{ total: number }>(officer, '/api/dossiers?deadline=overdue')).total).toBeGreaterThanOrEqual(1);
    expect((await get<{ total: number }>(officer, '/api/dossiers?deadline=due_soon')).total).toBeGreaterThanOrEqual(1);
    expect(dossiers.some((d) => d.stepExtended && d.deadline === 'on_time')).toBe(true);
    expect(Math.max(...dossiers.map((d) => d.supplementRounds))).toBeGreaterThanOrEqual(2);
  });

  it('gives every role something to see or do', async () => {
    for (const username of ['officer', 'leader', 'provider', 'council2']) {
      const work = await get<{ total: number }>(await t.signIn(username), '/api/my-work');
      expect(work.total, username).toBeGreaterThanOrEqual(1);
    }
    const inspector = await t.signIn('inspector');
    expect((await get<{ total: number }>(inspector, '/api/orders')).total).toBe(orderList.length);
  });

  it('dates the history: past steps, due dates and payments carry the dates of the story', async () => {
    const first = dossiers.find((d) => d.periodLabel === 'Quý III/2025')!;
    const detail = await dossier(first.id);
    expect(detail.submittedAt!.slice(0, 7)).toBe('2025-10');
    expect(detail.supplementRounds).toBe(1);
    expect(detail.timeline.map((e) => e.action)).toEqual([
      'submit', 'request_supplement', 'answer_supplement', 'receive', 'assign_appraiser', 'complete_appraisal', 'close_council_review', 'approve', 'issue_minutes', 'record_final_payment',
    ]);
    expect(detail.timeline.map((e) => e.actor.username)).toEqual(['provider', 'officer', 'provider', 'officer', 'leader', 'officer', 'council1', 'leader', 'officer', 'officer']);
    expect(detail.payments.every((p) => p.paidOn.startsWith('2025-'))).toBe(true);
    expect(detail.minutes?.number).toBe('01/BB-SKHCN');
    // Evidence the provider uploaded, as PDFs; the minutes from the real renderer.
    expect(detail.files.map((f) => f.documentType)).toEqual(['completion_report', 'self_assessment', 'kpi_evidence', 'supplement']);
    expect(detail.files.every((f) => f.mediaType === 'application/pdf' && f.addedBy.username === 'provider')).toBe(true);
    const minutes = await t.app.inject({ method: 'GET', url: `/api/files/${detail.minutes!.fileId}/content`, headers: admin.headers });
    expect(minutes.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // Every step of the story happened before "today".
    const latest = dossiers.map((d) => d.updatedAt).sort().at(-1)!;
    expect(new Date(latest).getTime()).toBeLessThan(TODAY.getTime());
  });

  it('has a rejection with its reason, and a decision taken by the officer acting for the leader', async () => {
    const rejected = await dossier(dossiers.find((d) => d.state === 'rejected')!.id);
    expect(rejected.conclusion).toBe('not_accepted');
    expect(rejected.timeline.at(-1)).toMatchObject({ action: 'reject', reason: expect.stringContaining('điểm danh') });
    const decided = await Promise.all(dossiers.filter((d) => ['approved', 'minutes_issued', 'paid'].includes(d.state)).map((d) => dossier(d.id)));
    const acting = decided.find((d) => d.decidedActingFor);
    expect(acting).toMatchObject({ decidedBy: { username: 'officer' }, decidedActingFor: { username: 'leader' } });
    const events = await t.services.audit.list({ entityId: acting!.id, page: 1, pageSize: 100, sort: 'seq', order: 'asc' }, { kind: 'all' });
    expect(events.items.find((e) => e.action === 'dossier.approve')).toMatchObject({ actor: { username: 'officer' }, onBehalfOf: { username: 'leader' } });
    expect(decided.some((d) => d.kpis.some((k) => (k.deduction ?? 0) > 0))).toBe(true);
    expect(decided.some((d) => d.payments.some((p) => p.kind === 'interim'))).toBe(true);
  });

  it('keeps the money rules: nothing accepted above plan, nothing paid above what was accepted, no payment before its acceptance', async () => {
    for (const d of dossiers) {
      if (d.acceptedValue !== null) expect(d.acceptedValue, d.code ?? '').toBeLessThanOrEqual(d.plannedValue);
      expect(d.paidTotal, d.code ?? '').toBeLessThanOrEqual(d.acceptedValue ?? 0);
    }
    for (const summary of orderList) {
      const detail = await order(summary.id);
      const advances = detail.payments.filter((p) => p.kind === 'advance').reduce((sum, p) => sum + p.amount, 0);
      expect(detail.paidValue, detail.code).toBeLessThanOrEqual(detail.totalValue);
      expect(advances, detail.code).toBeLessThanOrEqual(detail.advanceLimit);
      // Advances go ahead of acceptance; once anything else is paid, the total stays within what was accepted.
      if (detail.payments.some((p) => p.kind !== 'advance')) expect(detail.paidValue, detail.code).toBeLessThanOrEqual(detail.acceptedValue);
    }
    for (const d of dossiers.filter((x) => x.paidTotal > 0)) {
      const detail = await dossier(d.id);
      for (const payment of detail.payments) expect(payment.paidOn >= localDate(new Date(detail.decidedAt!))).toBe(true);
    }
  });

  it('takes one 2025 order through to the end, and amends, cancels and tenders others', async () => {
    expect(new Set(orderList.map((o) => o.budgetYear))).toEqual(new Set([2025, 2026]));
    const archived = await order(orderList.find((o) => o.status === 'archived')!.id);
    expect(archived.budgetYear).toBe(2025);
    expect(archived.liquidation).not.toBeNull();
    expect(archived.settlement).toMatchObject({ refundDue: 0, paidValue: archived.acceptedValue });
    expect(archived.settlement!.returnedToBudget).toBeGreaterThan(0);
    const amended = await order(orderList.find((o) => o.version === 2)!.id);
    expect(amended.versions.at(-1)).toMatchObject({ version: 2, reason: expect.stringContaining('quý III/2026'), approvedBy: { username: 'leader' } });
    expect(amended.content.fundingSources.map((f) => f.source).sort()).toEqual(['retained_fees', 'state_budget']);
    expect(orderList.filter((o) => o.status === 'cancelled')).toHaveLength(1);
    const tendered = orderList.find((o) => o.method === 'tendering')!;
    expect(tendered.providerAgency.code).toBe('H99.DN.0000001');
    const tenderedDetail = await order(tendered.id);
    expect(tenderedDetail.content.periodKind).toBe('milestones');
    // The company's first milestone went through the order's council and was paid.
    expect(tenderedDetail.council).toMatchObject({ decisionNumber: expect.stringContaining('118/QĐ-SKHCN') });
    const milestone = tenderedDetail.periods[0]!.dossiers[0]!;
    expect(milestone).toMatchObject({ state: 'paid', isAccepted: true });
  });

  it('leaves the audit chain intact, and loads only once', async () => {
    expect(await t.services.audit.verify()).toMatchObject({ isIntact: true, firstBroken: null });
    const [before] = await t.db.select({ n: count() }).from(orders);
    expect(await seedDemo(depsOf(t), { userAgent: 'test', acceptance: true })).toBe('alreadyLoaded');
    expect(await seedDemoAcceptance(depsOf(t), { userAgent: 'test' })).toEqual({ outcome: 'alreadyLoaded' });
    const [after] = await t.db.select({ n: count() }).from(orders);
    expect(after!.n).toBe(before!.n);
  });
});

describe('loading the demo history too early', () => {
  it('fails as a whole: the installation stays empty', async () => {
    const t = await buildTestApp({ demo: false });
    try {
      t.clock.set(new Date('2026-10-01T03:00:00.000Z'));
      await expect(seedDemo(depsOf(t), { userAgent: 'test', acceptance: true })).rejects.toThrow(/today \(2026-10-01\) is too early/);
      for (const table of [agencies, users, orders]) expect((await t.db.select({ n: count() }).from(table))[0]!.n).toBe(0);
    } finally {
      await t.close();
    }
  }, 120_000);
});
