/**
 * How many workflow steps per second the server takes, on PGlite and on
 * PostgreSQL: each a real HTTP request (app.inject) that checks the transition
 * table, changes the dossier, writes its timeline entry and its hash-chained
 * audit event, notifies the next people and answers with the dossier's detail,
 * all in one transaction. Against baselines measured in the same run on the
 * same database: a bare `SELECT 1` round trip, and a plain transaction that
 * updates one dossier row and inserts one event row.
 *
 * BENCH_CYCLES dossiers (default 12) are prepared by the provider through the
 * API (report, quantities, KPI actuals, three files), then taken together,
 * step by step, through the whole cycle with the demo roles: submit, a
 * supplement round, receive, assign, council and appraisal, votes, close,
 * approve, minutes, final payment. issue_minutes renders and stores a PDF, so
 * it is reported apart. A second supplement round runs BENCH_CONCURRENCY
 * (default 4) requests at once, to show what concurrent users get. Counts the
 * audit events and timeline entries written and the SQL statements each request
 * sends (the sql column: the session lookup included; BEGIN and COMMIT count on
 * PostgreSQL, not on PGlite, whose driver sends them itself), prints figures, asserts nothing.
 *
 *   npx tsx bench/dossier-workflow.bench.ts
 *   BENCH_CYCLES=6 BENCH_DB=pglite npx tsx bench/dossier-workflow.bench.ts
 */
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { runOnEachDatabase } from './each-database.js';
import { countStatements, measure, ms, selectOne, summarize, type Latency } from './latency.js';

const CYCLES = Number(process.env.BENCH_CYCLES ?? 12);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);

async function main() {
  const { buildTestApp, TEST_DB } = await import('../packages/server/src/testing/test-app.js');
  type SignedIn = Awaited<ReturnType<Awaited<ReturnType<typeof buildTestApp>>['signIn']>>;
  const { acceptanceFactories } = await import('../packages/server/src/testing/acceptance-factories.js');
  const { rows } = await import('../packages/server/src/db/client.js');
  const label = TEST_DB === 'postgres' ? 'PostgreSQL' : 'PGlite (in memory)';
  const loadBefore = os.loadavg()[0]!;

  const t = await buildTestApp();
  try {
    const f = acceptanceFactories(t);
    const [provider, officer, leader, chair, member, secretary] = await Promise.all(['provider', 'officer', 'leader', 'council1', 'council2', 'council3'].map((u) => t.signIn(u))) as [SignedIn, SignedIn, SignedIn, SignedIn, SignedIn, SignedIn];
    const members = [chair, member, secretary];

    // Dossiers: one per month of as many monthly orders as needed, prepared through the API.
    const prepareStarted = performance.now();
    const ids: string[] = [];
    for (let n = 0; ids.length < CYCLES; n += 1) {
      const order = await f.createOrder({ signed: true, overrides: { periodKind: 'monthly', title: `Đặt hàng vận hành LGSP và thư điện tử năm 2026 (gói ${n + 1})` } });
      for (let period = 1; period <= 12 && ids.length < CYCLES; period += 1) ids.push(await f.preparedDossier(order.id, period));
    }
    const prepareSeconds = (performance.now() - prepareStarted) / 1000;

    // Baselines on the same database.
    const base = await measure(selectOne(t.db), { requests: 2000, warmup: 50 });
    await t.db.execute(sql`create table bench_plain_events (id uuid primary key, dossier_id uuid not null, at timestamptz not null, action text not null)`);
    let k = 0;
    const write = () => t.db.transaction(async (tx) => {
      const id = ids[k++ % ids.length]!;
      await tx.execute(sql`update dossiers set updated_at = now() where id = ${id}`);
      await tx.execute(sql`insert into bench_plain_events values (${randomUUID()}, ${id}, now(), 'bench')`);
    });
    const plainWrite = await measure(write, { requests: 1000, warmup: 20 });
    const writeStatements = (await countStatements(write)).statements;
    const getDetail = () => f.ok(f.send(officer, 'GET', `/api/dossiers/${ids[k++ % ids.length]}`), 'detail');
    const detail = await measure(getDetail, { requests: 200, warmup: 5 });
    const detailStatements = (await countStatements(getDetail)).statements;

    type Who = SignedIn;
    type Phase = { name: string; who: string; latency: Latency; isTransition: boolean; totalMs: number; statements: number };
    const phases: Phase[] = [];
    /** One request per dossier, one at a time; a transition phase's requests are steps of the workflow. */
    async function phase(name: string, who: string, isTransition: boolean, request: (id: string) => Promise<unknown>) {
      const samples: number[] = [];
      const { statements } = await countStatements(async () => {
        for (const id of ids) {
          const t0 = performance.now();
          await request(id);
          samples.push(performance.now() - t0);
        }
      });
      phases.push({ name, who, latency: summarize(samples), isTransition, totalMs: samples.reduce((a, b) => a + b, 0), statements: statements / ids.length });
    }
    const step = (who: [string, Who], action: string, body: (id: string) => object = () => ({})) =>
      phase(action, who[0], true, (id) => f.step(who[1], id, action, body(id)));
    const asProvider: [string, Who] = ['provider', provider];
    const asOfficer: [string, Who] = ['officer', officer];
    const asLeader: [string, Who] = ['leader', leader];

    const accepted = new Map<string, number>();
    const cycleStarted = performance.now();
    await step(asProvider, 'submit');
    await step(asOfficer, 'request_supplement', () => ({ reason: 'Bổ sung nhật ký giám sát tháng.' }));
    await step(asProvider, 'answer_supplement');

    // A second supplement round with several requests in flight: what concurrent users get.
    const concurrentStarted = performance.now();
    for (const action of ['request_supplement', 'answer_supplement'] as const) {
      const queue = [...ids];
      const who = action === 'request_supplement' ? officer : provider;
      await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
        for (let id = queue.shift(); id; id = queue.shift()) await f.step(who, id, action, action === 'request_supplement' ? { reason: 'Bổ sung lần hai.' } : {});
      }));
    }
    const concurrentMs = performance.now() - concurrentStarted;

    await step(asOfficer, 'receive');
    await step(asLeader, 'assign_appraiser', () => ({ appraiserId: officer.me.user.id }));
    await phase('PUT council', 'officer', false, (id) => f.ok(f.send(officer, 'PUT', `/api/dossiers/${id}/council`, {
      decisionNumber: '88/QĐ-SKHCN', decisionDate: '2026-01-10', quorum: 2,
      members: [{ userId: chair.me.user.id, role: 'chair' }, { userId: member.me.user.id, role: 'member' }, { userId: secretary.me.user.id, role: 'secretary' }],
    }), 'council'));
    await phase('PUT appraisal', 'officer', false, (id) => f.ok(f.send(officer, 'PUT', `/api/dossiers/${id}/appraisal`, {
      lines: [{ lineNo: 1, acceptedQuantity: '1' }, { lineNo: 2, acceptedQuantity: '1' }], remarks: 'Khối lượng đạt; chỉ tiêu sẵn sàng LGSP không đạt.',
    }), 'appraisal'));
    await step(asOfficer, 'complete_appraisal');
    await phase('council conflict ×3', 'council', false, async (id) => {
      for (const member of members) await f.ok(f.send(member, 'POST', `/api/dossiers/${id}/council/conflict`, { hasConflict: false }), 'declare');
    });
    await phase('council votes ×3', 'council', false, async (id) => {
      for (const member of members) {
        await f.ok(f.send(member, 'PUT', `/api/dossiers/${id}/council/votes`, { votes: [{ lineNo: 1, vote: 'agree', score: 90 }, { lineNo: 2, vote: 'agree', score: 90 }] }), 'vote');
      }
    });
    await step(['council1', chair], 'close_council_review', () => ({ summary: 'Hội đồng thống nhất đề nghị nghiệm thu.' }));
    await phase('approve', 'leader', true, async (id) => {
      const approved = await f.step(leader, id, 'approve', { conclusion: 'accepted', conclusionText: 'Đồng ý nghiệm thu, giảm trừ theo chỉ tiêu.' });
      accepted.set(id, approved.acceptedValue);
    });
    await step(asOfficer, 'issue_minutes', () => ({ place: 'An Bình' }));
    await step(asOfficer, 'record_final_payment', (id) => ({ payment: { amount: accepted.get(id), paidOn: '2026-01-15', treasuryReference: `KBNN-${id.slice(0, 8)}` } }));
    const cycleSeconds = (performance.now() - cycleStarted) / 1000;

    // Every step wrote its audit event and its timeline entry.
    const [written] = await rows<{ audited: number; timeline: number; paid: number }>(t.db, sql`select
      (select count(*)::int from audit_events where entity_type = 'dossier' and action in (${sql.join(phases.filter((p) => p.isTransition).map((p) => sql`${`dossier.${p.name}`}`), sql`, `)})) as audited,
      (select count(*)::int from dossier_events) as timeline,
      (select count(*)::int from dossiers where state = 'paid') as paid`);
    const transitionsPerDossier = phases.filter((p) => p.isTransition).length + 2;

    const perSecond = (l: Latency) => (1000 / l.mean).toFixed(0);
    const loadAfter = os.loadavg()[0]!;
    console.log(`${label}: ${ids.length} dossiers through the whole cycle; node ${process.version}, ${os.cpus().length} CPUs, load ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)}, RSS ${Math.round(process.memoryUsage().rss / 1024 / 1024)} MiB`);
    console.log(`  prepared through the API in ${prepareSeconds.toFixed(1)} s (orders signed; per dossier: create, fill in, 3 uploads, 3 attachments); the cycle took ${cycleSeconds.toFixed(1)} s`);
    console.log(`  written: ${written!.audited} audit events for ${ids.length * transitionsPerDossier} transitions, ${written!.timeline} timeline entries, ${written!.paid} dossiers paid`);
    console.log(`  ${'request'.padEnd(34)}${'who'.padEnd(10)}${'sql'.padStart(5)}${'n'.padStart(5)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}${'max ms'.padStart(9)}${'per s'.padStart(8)}${'p50/SELECT 1'.padStart(14)}${'p50/plain write'.padStart(17)}`);
    const line = (name: string, who: string, l: Latency, statements: number | string = '') =>
      console.log(`  ${name.padEnd(34)}${who.padEnd(10)}${String(typeof statements === 'number' ? Math.round(statements) : statements).padStart(5)}${String(l.n).padStart(5)}${ms(l.p50).padStart(9)}${ms(l.p95).padStart(9)}${ms(l.max).padStart(9)}${perSecond(l).padStart(8)}` +
        `${(l.p50 / base.p50).toFixed(0).padStart(13)}×${(l.p50 / plainWrite.p50).toFixed(1).padStart(16)}×`);
    line('baseline: SELECT 1', '', base, 1);
    line('baseline: UPDATE + INSERT in a tx', '', plainWrite, writeStatements);
    line('GET /api/dossiers/:id (the reply)', 'officer', detail, detailStatements);
    for (const p of phases) line(p.isTransition ? `step ${p.name}` : p.name, p.who, p.latency, p.statements);
    const counted = phases.filter((p) => p.isTransition && p.name !== 'issue_minutes');
    const n = counted.reduce((sum, p) => sum + p.latency.n, 0);
    const seconds = counted.reduce((sum, p) => sum + p.totalMs, 0) / 1000;
    const meanMs = (seconds * 1000) / n;
    console.log(`  transitions except issue_minutes: ${n} in ${seconds.toFixed(1)} s = ${(n / seconds).toFixed(1)} transitions/s one at a time ` +
      `(mean ${ms(meanMs)} ms: ${(meanMs / plainWrite.p50).toFixed(1)}× the plain write, ${(meanMs / base.p50).toFixed(0)}× SELECT 1)`);
    console.log(`  supplement round (request + answer) with ${CONCURRENCY} requests in flight: ${ids.length * 2} transitions in ${(concurrentMs / 1000).toFixed(1)} s = ${((ids.length * 2) / (concurrentMs / 1000)).toFixed(1)} transitions/s`);
  } finally {
    await t.close();
  }
}

await runOnEachDatabase(import.meta.filename, main);
