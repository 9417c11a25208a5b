/**
 * Latency samples and their summary (p50, p95, max), the machine's baseline
 * (a bare `SELECT 1` round trip on the database under test), how many SQL
 * statements a request sends, and the statements themselves, captured so a
 * slow case can be explained with EXPLAIN ANALYZE.
 */
import { NoopLogger, sql } from 'drizzle-orm';
import type { Db } from '../packages/server/src/db/client.js';

export type Latency = { n: number; p50: number; p95: number; max: number; mean: number };

/** Nearest-rank percentile of sorted samples. */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

export function summarize(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    max: sorted.at(-1)!,
    mean: sorted.reduce((sum, x) => sum + x, 0) / sorted.length,
  };
}

/**
 * Times `fn` one call at a time after a few untimed calls. Stops after
 * `requests` calls, or earlier once `budgetMs` (warm-up included) is spent and
 * at least `minRequests` were timed, so a slow case cannot stretch the whole
 * bench: a case taking seconds per call gets one warm-up and a few samples,
 * and the sample count printed beside its figures says so.
 */
export async function measure(
  fn: () => Promise<unknown>,
  options: { requests: number; warmup?: number; budgetMs?: number; minRequests?: number },
): Promise<Latency> {
  const started = performance.now();
  const budget = options.budgetMs ?? Infinity;
  for (let i = 0; i < (options.warmup ?? 5); i += 1) {
    await fn();
    if (performance.now() - started > budget / 10) break;
  }
  const samples: number[] = [];
  while (samples.length < options.requests) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
    if (performance.now() - started > budget && samples.length >= (options.minRequests ?? 30)) break;
  }
  return summarize(samples);
}

/**
 * How many SQL statements `fn` sends, inside transactions too: every drizzle
 * session of the app logs each statement to a NoopLogger (no logger is
 * configured), on PGlite and on PostgreSQL alike, so counting there sees them all.
 */
export async function countStatements<T>(fn: () => Promise<T>): Promise<{ result: T; statements: number }> {
  const original = NoopLogger.prototype.logQuery;
  let statements = 0;
  NoopLogger.prototype.logQuery = () => {
    statements += 1;
  };
  try {
    return { result: await fn(), statements };
  } finally {
    NoopLogger.prototype.logQuery = original;
  }
}

/** The baseline: one `SELECT 1` through the same driver and pool the app uses. */
export function selectOne(db: Db): () => Promise<unknown> {
  return () => db.execute(sql`select 1`);
}

export const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

export type CapturedQuery = { text: string; params: unknown[]; ms: number };

/**
 * Records every statement sent to the database client while `fn` runs, with
 * how long it took. Works on the drizzle instance's client: a PGlite, or a pg
 * Pool (queries outside a transaction, which is what the read endpoints run).
 * PGlite runs one statement at a time, so a statement sent alongside another
 * (Promise.all) waits for it: with `serial`, each one's time starts when the
 * one before it ended, not when it was sent.
 */
export async function captureQueries(db: Db, fn: () => Promise<unknown>, options: { serial?: boolean } = {}): Promise<CapturedQuery[]> {
  const client = (db as unknown as { $client: { query: (...args: unknown[]) => unknown } }).$client;
  const original = client.query;
  const captured: CapturedQuery[] = [];
  client.query = function (this: unknown, ...args: unknown[]) {
    const [first, second] = args;
    let entry: CapturedQuery | undefined;
    if (typeof first === 'string') entry = { text: first, params: Array.isArray(second) ? second : [], ms: NaN };
    else if (first && typeof first === 'object' && 'text' in first) {
      const q = first as { text: string; values?: unknown[] };
      entry = { text: q.text, params: Array.isArray(second) ? second : (q.values ?? []), ms: NaN };
    }
    const t0 = performance.now();
    const result = original.apply(this, args);
    if (entry) {
      captured.push(entry);
      spans.set(entry, { start: t0, end: NaN });
      if (result instanceof Promise) void result.then(() => { spans.get(entry)!.end = performance.now(); }, () => undefined);
    }
    return result;
  } as typeof client.query;
  const spans = new Map<CapturedQuery, { start: number; end: number }>();
  try {
    await fn();
  } finally {
    client.query = original;
  }
  let previousEnd = -Infinity;
  for (const [entry, span] of [...spans].sort((a, b) => a[1].end - b[1].end)) {
    entry.ms = span.end - (options.serial ? Math.max(span.start, previousEnd) : span.start);
    previousEnd = span.end;
  }
  return captured;
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of one captured statement, run through the same
 * client with the same parameters. `timing: false` leaves out per-node times,
 * whose clock reads cost a lot on PGlite (WebAssembly): row counts still show
 * where the work goes.
 */
export async function explainAnalyze(db: Db, query: Pick<CapturedQuery, 'text' | 'params'>, options: { timing?: boolean } = {}): Promise<{ plan: string; executionMs: number }> {
  const client = (db as unknown as { $client: { query: (text: string, params: unknown[]) => Promise<{ rows: Record<string, string>[] }> } }).$client;
  const result = await client.query(`explain (analyze, buffers${options.timing === false ? ', timing off' : ''}) ${query.text}`, query.params);
  const plan = result.rows.map((row) => Object.values(row)[0]).join('\n');
  const executionMs = Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? NaN);
  return { plan, executionMs };
}
