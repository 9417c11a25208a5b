/**
 * What the tamper-evident audit chain costs, against baselines measured in the
 * same run on the same database: appending an event (head-row lock, canonical
 * JSON, SHA-256, insert) vs a plain insert of the same row in its own
 * transaction; verifying the chain vs hashing the same events in memory.
 * Runs on in-memory PGlite, and on PostgreSQL too when BENCH_DATABASE_URL names an empty database.
 * Prints figures, asserts nothing.
 *
 *   npx tsx bench/audit-chain.bench.ts
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { openPglite, openPostgres, type Database } from '../packages/server/src/db/client.js';
import { createAuditService } from '../packages/server/src/features/audit/audit.service.js';
import { hashEvent, GENESIS_HASH } from '../packages/server/src/features/audit/audit-chain.js';
import { createTasksService } from '../packages/server/src/features/tasks/tasks.service.js';
import { systemClock } from '../packages/server/src/lib/clock.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 3000);

const payload = (i: number) => ({
  id: randomUUID(), code: `000.00.${String(i % 100).padStart(2, '0')}.H99`, name: 'Sở Khoa học và Công nghệ', status: 'active', validFrom: '2025-07-01',
});

async function timed(fn: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function run(label: string, database: Database) {
  await database.migrate();
  const { db } = database;
  const audit = createAuditService({ db, clock: systemClock, tasks: createTasksService({ db, clock: systemClock }) });
  const source = { actor: null, ip: '127.0.0.1', userAgent: 'bench' };
  await db.execute(sql`create table bench_plain (seq bigint primary key, id uuid, occurred_at timestamptz, action text, after jsonb, hash char(64))`);

  const plain = await timed(async () => {
    for (let i = 1; i <= EVENTS; i += 1) {
      await db.transaction(async (tx) => {
        await tx.execute(sql`insert into bench_plain values (${i}, ${randomUUID()}, now(), 'agency.created', ${JSON.stringify(payload(i))}::jsonb, ${GENESIS_HASH})`);
      });
    }
  });
  const chained = await timed(async () => {
    for (let i = 1; i <= EVENTS; i += 1) {
      await audit.record(db, source, { action: 'agency.created', entityType: 'agency', entityId: String(i), agencyId: null, after: payload(i) });
    }
  });
  let verified = 0;
  const verify = await timed(async () => {
    verified = (await audit.verify()).checked;
  });
  // Baseline for verify: hashing the same number of events without reading them.
  const events = Array.from({ length: verified }, (_, i) => ({
    seq: i + 1, id: randomUUID(), occurredAt: new Date(), actorId: null, actorUsername: null, onBehalfOfId: null, onBehalfOfUsername: null,
    agencyId: null, action: 'agency.created', entityType: 'agency', entityId: String(i), ip: '127.0.0.1', userAgent: 'bench', before: null,
    after: payload(i), prevHash: GENESIS_HASH,
  }));
  const hashOnly = await timed(async () => {
    for (const event of events) hashEvent(event);
  });

  const perSecond = (n: number, ms: number) => Math.round((n / ms) * 1000).toLocaleString('en-US');
  console.log(`${label}: ${EVENTS} events`);
  console.log(`  append, plain insert (baseline)  ${perSecond(EVENTS, plain).padStart(9)} events/s`);
  console.log(`  append, hash-chained audit event ${perSecond(EVENTS, chained).padStart(9)} events/s   ${(chained / plain).toFixed(2)}× the baseline's time`);
  console.log(`  hash only, in memory (baseline)  ${perSecond(verified, hashOnly).padStart(9)} events/s`);
  console.log(`  verify whole chain from the db   ${perSecond(verified, verify).padStart(9)} events/s   ${(verify / hashOnly).toFixed(2)}× the baseline's time`);
  console.log(`  peak RSS ${Math.round(process.memoryUsage().rss / 1024 / 1024)} MiB`);
  await database.close();
}

await run('PGlite (in memory)', await openPglite(null));
if (process.env.BENCH_DATABASE_URL) await run('PostgreSQL', await openPostgres(process.env.BENCH_DATABASE_URL));
