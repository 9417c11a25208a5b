/**
 * How fast the dossier lists answer with 100,000 dossiers, on PGlite and on
 * PostgreSQL: p50 / p95 / max of the real HTTP handlers (app.inject, signed in
 * as the demo officer, provider, a council member and the inspector), against
 * the machine's baseline measured in the same run on the same database: a
 * bare `SELECT 1` round trip through the app's own driver.
 *
 * The app is built as the tests build it (buildTestApp: fresh database, demo
 * province, clock at 15 January 2026); three real orders are made through the
 * API, then dossier-generator.ts fills in the rest set-based. Per case: how
 * many dossiers match, how many SQL statements one request sends, n requests
 * timed. Cases whose p95 passes 300 ms on PostgreSQL or 1 s on PGlite
 * (BENCH_EXPLAIN_MS) get the time of each of their statements, and the slowest
 * statement of the slowest case per endpoint its EXPLAIN ANALYZE (BENCH_EXPLAIN_PLANS,
 * default 4). Prints figures, asserts nothing.
 *
 *   npx tsx bench/dossier-list.bench.ts
 *   BENCH_DOSSIERS=20000 BENCH_DB=postgres npx tsx bench/dossier-list.bench.ts
 *
 * BENCH_DOSSIERS (default 100000); BENCH_REQUESTS per case (default 200, fewer
 * once a case has spent BENCH_CASE_MS, default 1500, and has BENCH_MIN_REQUESTS,
 * default 3: the n column tells); BENCH_DB (see each-database.ts). On
 * PostgreSQL, server settings can be tried through the connection string, e.g.
 * TEST_DATABASE_URL='postgres://postgres@127.0.0.1:5432/postgres?options=-c%20jit%3Doff'.
 */
import os from 'node:os';
import { sql } from 'drizzle-orm';
import { runOnEachDatabase } from './each-database.js';
import { captureQueries, explainAnalyze, measure, ms, selectOne, type Latency } from './latency.js';

const DOSSIERS = Number(process.env.BENCH_DOSSIERS ?? 100_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const CASE_MS = Number(process.env.BENCH_CASE_MS ?? 1500);
const MIN_REQUESTS = Number(process.env.BENCH_MIN_REQUESTS ?? 3);
const PLANS = Number(process.env.BENCH_EXPLAIN_PLANS ?? 4);

async function main() {
  const { buildTestApp, TEST_DB } = await import('../packages/server/src/testing/test-app.js');
  const { acceptanceFactories } = await import('../packages/server/src/testing/acceptance-factories.js');
  const { generateDossiers } = await import('./dossier-generator.js');
  const { localDate } = await import('@nghiemthu/shared');
  const { rows } = await import('../packages/server/src/db/client.js');
  const label = TEST_DB === 'postgres' ? 'PostgreSQL' : 'PGlite (in memory)';
  const explainOver = Number(process.env.BENCH_EXPLAIN_MS ?? (TEST_DB === 'postgres' ? 300 : 1000));

  const loadBefore = os.loadavg()[0]!;
  const setupStarted = performance.now();
  const t = await buildTestApp();
  try {
    const f = acceptanceFactories(t);
    const officer = await t.signIn('officer');
    const titles = ['Đặt hàng dịch vụ vận hành LGSP và thư điện tử công vụ năm 2026', 'Đặt hàng vận hành LGSP và thư điện tử cho các xã năm 2026', 'Đặt hàng vận hành LGSP và thư điện tử dự phòng năm 2026'];
    const templates = [];
    for (const title of titles) {
      const order = await f.createOrder({ signed: true, overrides: { periodKind: 'monthly', title } });
      const detail = await f.ok(f.send(officer, 'GET', `/api/orders/${order.id}`), 'order');
      templates.push({ id: order.id as string, lines: detail.content.lines });
    }
    const setupSeconds = (performance.now() - setupStarted) / 1000;

    const generated = await generateDossiers(t.db, { dossiers: DOSSIERS, today: localDate(t.clock.now()), templates });
    const generationSeconds = Object.values(generated.seconds).reduce((a, b) => a + b, 0);

    const [provider, council, inspector] = [await t.signIn('provider'), await t.signIn('council1'), await t.signIn('inspector')];
    // A code the officer can see, cut to agency + submission day: what someone types to find "that dossier from the 3rd".
    const sample = await f.ok(f.send(officer, 'GET', '/api/dossiers?state=in_council&pageSize=1'), 'sample');
    const codePrefix = String(sample.items[0]?.code ?? '000.00.11.H99-2512').slice(0, 20);

    type Who = typeof officer;
    const who: Record<string, Who> = { officer, provider, council1: council, inspector };
    const lists = [
      ['default (stepDueDate asc)', '/api/dossiers'],
      ['sort=updatedAt desc', '/api/dossiers?sort=updatedAt&order=desc'],
      ['state=in_appraisal', '/api/dossiers?state=in_appraisal'],
      ['deadline=overdue', '/api/dossiers?deadline=overdue'],
      ['open=true (from the overview)', '/api/dossiers?open=true'],
      [`q=${codePrefix} (code prefix)`, `/api/dossiers?q=${encodeURIComponent(codePrefix)}`],
      ['q=LGSP (order title)', '/api/dossiers?q=LGSP'],
      ['page=500', '/api/dossiers?page=500'],
      ['my-work', '/api/my-work'],
      ['overview', '/api/dossiers/overview'],
      ['orders', '/api/orders'],
    ] as const;
    const casesByUser: Record<string, readonly string[]> = {
      officer: lists.map(([name]) => name),
      inspector: ['default (stepDueDate asc)', 'sort=updatedAt desc', lists[5][0], 'page=500', 'overview', 'orders'],
      provider: ['default (stepDueDate asc)', 'page=500', 'my-work', 'overview', 'orders'],
      council1: ['default (stepDueDate asc)', 'my-work', 'overview', 'orders'],
    };

    // The baseline before the cases (the ratios use it) and again after them, to show the machine stayed the same.
    const base = await measure(selectOne(t.db), { requests: 2000, warmup: 50 });
    const health = await measure(async () => {
      const response = await t.app.inject({ method: 'GET', url: '/api/health' });
      if (response.statusCode !== 200) throw new Error(response.body);
    }, { requests: 500, warmup: 20 });

    type Row = { who: string; name: string; url: string; latency: Latency; total: number | string; queries: number };
    const results: Row[] = [];
    const casesStarted = performance.now();
    for (const [username, names] of Object.entries(casesByUser)) {
      for (const name of names) {
        const url = lists.find(([n]) => n === name)![1];
        const request = async () => {
          const response = await t.app.inject({ method: 'GET', url, headers: who[username]!.headers });
          if (response.statusCode !== 200) throw new Error(`${username} ${url}: ${response.statusCode} ${response.body}`);
          return response;
        };
        let total: number | string = '';
        const captured = await captureQueries(t.db, async () => {
          const body = (await request()).json();
          total = body.total ?? (body.byState ? body.byState.reduce((s: number, x: { count: number }) => s + x.count, 0) : '');
        });
        const latency = await measure(request, { requests: REQUESTS, warmup: 3, budgetMs: CASE_MS, minRequests: MIN_REQUESTS });
        results.push({ who: username, name, url, latency, total, queries: captured.length });
      }
    }
    const casesSeconds = (performance.now() - casesStarted) / 1000;
    const baseAfter = await measure(selectOne(t.db), { requests: 2000, warmup: 50 });

    const rss = Math.round(process.memoryUsage().rss / 1024 / 1024);
    console.log(`${label}: ${generated.dossiers.toLocaleString('en-US')} dossiers, ${generated.lines.toLocaleString('en-US')} lines, ${generated.orders.toLocaleString('en-US')} orders, ` +
      `${generated.councils.toLocaleString('en-US')} councils (${generated.councilMembers.toLocaleString('en-US')} members), ${generated.users} users; node ${process.version}, ${os.cpus().length} CPUs, load ${loadBefore.toFixed(1)} → ${os.loadavg()[0]!.toFixed(1)}, RSS ${rss} MiB`);
    console.log(`  states: ${Object.entries(generated.byState).map(([state, n]) => `${state} ${n.toLocaleString('en-US')}`).join(', ')}; ${generated.overdue.toLocaleString('en-US')} overdue`);
    console.log(`  setup (fresh db, migrations, demo, 3 orders via API) ${setupSeconds.toFixed(1)} s; generation ${generationSeconds.toFixed(1)} s (` +
      Object.entries(generated.seconds).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ') + `); requests ${casesSeconds.toFixed(0)} s`);
    if (TEST_DB === 'postgres') {
      const [settings] = await rows<Record<string, string>>(t.db, sql`select version() as version, current_setting('jit') as jit, current_setting('jit_above_cost') as jit_above_cost, current_setting('shared_buffers') as shared_buffers, current_setting('work_mem') as work_mem`);
      console.log(`  ${settings!.version!.split(' on ')[0]}: jit ${settings!.jit} (above cost ${settings!.jit_above_cost}), shared_buffers ${settings!.shared_buffers}, work_mem ${settings!.work_mem}`);
    }
    console.log(`  baseline SELECT 1 round trip: p50 ${ms(base.p50)} ms, p95 ${ms(base.p95)} ms (again after the cases: p50 ${ms(baseAfter.p50)} ms)`);
    console.log(`  GET /api/health (inject + SELECT 1): p50 ${ms(health.p50)} ms, p95 ${ms(health.p95)} ms, ${(health.p50 / base.p50).toFixed(1)}× SELECT 1`);
    console.log(`  ${'who'.padEnd(10)}${'case'.padEnd(40)}${'matches'.padStart(8)}${'sql'.padStart(5)}${'n'.padStart(5)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}${'max ms'.padStart(9)}${'p50/SELECT 1'.padStart(14)}${'p95/SELECT 1'.padStart(14)}`);
    for (const r of results) {
      const l = r.latency;
      console.log(`  ${r.who.padEnd(10)}${r.name.slice(0, 39).padEnd(40)}${String(r.total).padStart(8)}${String(r.queries).padStart(5)}${String(l.n).padStart(5)}${ms(l.p50).padStart(9)}${ms(l.p95).padStart(9)}${ms(l.max).padStart(9)}` +
        `${(l.p50 / base.p50).toFixed(0).padStart(13)}×${(l.p95 / base.p50).toFixed(0).padStart(13)}×`);
    }

    const slow = results.filter((r) => r.latency.p95 > explainOver).sort((a, b) => b.latency.p95 - a.latency.p95);
    if (slow.length === 0) console.log(`  every case's p95 is under ${explainOver} ms`);
    else console.log(`\n  ${slow.length} cases over ${explainOver} ms at p95; the time each of their statements took, slowest first:`);
    const planned = new Set<string>();
    const plans: string[] = [];
    for (const r of slow) {
      const captured = await captureQueries(t.db, () => t.app.inject({ method: 'GET', url: r.url, headers: who[r.who]!.headers }), { serial: TEST_DB === 'pglite' });
      captured.sort((a, b) => b.ms - a.ms);
      console.log(`  ${r.who.padEnd(10)}${r.url.slice(0, 56).padEnd(57)} p95 ${ms(r.latency.p95).padStart(6)} ms: ${captured.slice(0, 4).map((q) => ms(q.ms)).join(', ')}` +
        `${captured.length > 4 ? ` and ${captured.length - 4} more under ${ms(captured[4]!.ms)}` : ''} ms`);
      const endpoint = r.url.split('?')[0]!;
      if (!planned.has(endpoint) && planned.size < PLANS) {
        planned.add(endpoint);
        const worst = captured[0]!;
        const { plan, executionMs } = await explainAnalyze(t.db, worst, { timing: TEST_DB === 'postgres' });
        // The select list of the list query is ~100 columns: shorten it, keep the rest.
        const text = worst.text.replace(/\s+/g, ' ').trim().replace(/^select (?:"[a-z_]+"\."[a-z_]+", )+"[a-z_]+"\."[a-z_]+" from /, 'select … from ');
        plans.push(`\n  ${r.who} ${r.url}, its slowest statement (${ms(worst.ms)} ms in the request, ${ms(executionMs)} ms under EXPLAIN ANALYZE${TEST_DB === 'postgres' ? '' : ', node timing off'}):\n` +
          `  ${text}\n  params ${JSON.stringify(worst.params)}\n` + plan.split('\n').map((line) => `    ${line}`).join('\n'));
      }
    }
    for (const p of plans) console.log(p);
  } finally {
    await t.close();
  }
}

await runOnEachDatabase(import.meta.filename, main);
