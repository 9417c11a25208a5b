import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Language, Task } from '@nghiemthu/shared';
import type { Db } from '../../db/client.js';
import { tasks } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { notFound } from '../../lib/errors.js';
import { hasRole, type Actor } from '../auth/actor.js';

type TaskRow = typeof tasks.$inferSelect;

/** Sends a queued task to the worker; set by the worker when it starts (absent in processes without one). */
export type TaskDispatcher = (taskId: string) => Promise<void>;

export function createTasksService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;
  let dispatch: TaskDispatcher | null = null;

  /** Records a task in the caller's transaction; call `dispatch` once that transaction has committed. */
  async function create(tx: Db, input: { kind: string; params: unknown; actor: Actor; language: Language }): Promise<string> {
    const id = randomUUID();
    await tx.insert(tasks).values({
      id,
      kind: input.kind,
      status: 'queued',
      params: input.params ?? {},
      createdBy: input.actor.userId,
      agencyId: input.actor.agencyId,
      language: input.language,
      createdAt: clock.now(),
    });
    return id;
  }

  async function send(taskId: string) {
    // Without a worker in this process, the task stays queued and a worker process picks it up at start.
    if (dispatch) await dispatch(taskId);
  }

  function setDispatcher(dispatcher: TaskDispatcher | null) {
    dispatch = dispatcher;
  }

  async function find(id: string): Promise<TaskRow | undefined> {
    const [row] = await db.select().from(tasks).where(eq(tasks.id, id));
    return row;
  }

  /** A task is visible to the person who started it and to system administrators. */
  async function getForActor(actor: Actor, id: string): Promise<Task> {
    const row = await find(id);
    if (!row || (row.createdBy !== actor.userId && !hasRole(actor, 'system_admin'))) throw notFound('thingTask');
    return present(row);
  }

  async function markRunning(id: string) {
    await db.update(tasks).set({ status: 'running', startedAt: clock.now(), progressDone: 0 }).where(eq(tasks.id, id));
  }

  async function progress(id: string, done: number, total: number | null) {
    await db.update(tasks).set({ progressDone: done, progressTotal: total }).where(eq(tasks.id, id));
  }

  async function succeed(id: string, result: unknown) {
    await db
      .update(tasks)
      .set({ status: 'succeeded', result: result ?? null, finishedAt: clock.now() })
      .where(eq(tasks.id, id));
  }

  async function fail(id: string, error: { message: string; details?: unknown }) {
    await db.update(tasks).set({ status: 'failed', error, finishedAt: clock.now() }).where(eq(tasks.id, id));
  }

  async function unfinishedIds(): Promise<string[]> {
    const rows = await db.select({ id: tasks.id }).from(tasks).where(and(inArray(tasks.status, ['queued'])));
    return rows.map((row) => row.id);
  }

  return { create, send, setDispatcher, find, getForActor, markRunning, progress, succeed, fail, unfinishedIds };
}

export type TasksService = ReturnType<typeof createTasksService>;

export function present(row: TaskRow): Task {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    progressDone: row.progressDone,
    progressTotal: row.progressTotal,
    result: row.result ?? null,
    error: (row.error as Task['error']) ?? null,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}
