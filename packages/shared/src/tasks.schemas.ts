import { z } from 'zod';

/** A long operation run by the background worker, with progress the UI and CLI show. */
export const TASK_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export const TaskStatus = z.enum(TASK_STATUSES);

export const Task = z.object({
  id: z.uuid(),
  kind: z.string(),
  status: TaskStatus,
  progressDone: z.number().int(),
  progressTotal: z.number().int().nullable(),
  result: z.unknown().nullable(),
  error: z.object({ message: z.string(), details: z.unknown().optional() }).nullable(),
  createdAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
});
export type Task = z.infer<typeof Task>;
