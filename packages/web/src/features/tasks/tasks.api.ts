import type { ErrorDetail, Task } from '@nghiemthu/shared';
import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../app/api-client';

const POLL_INTERVAL_MS = 500;

export function isTaskFinished(task: Task | undefined): boolean {
  return task?.status === 'succeeded' || task?.status === 'failed';
}

/** Follows a background task until it succeeds or fails. */
export function useTask(taskId: string | null) {
  return useQuery({
    queryKey: ['tasks', taskId],
    queryFn: () => apiGet<Task>(`/api/tasks/${taskId}`),
    enabled: taskId !== null,
    staleTime: 0,
    refetchInterval: (query) =>
      query.state.status === 'error' || isTaskFinished(query.state.data) ? false : POLL_INTERVAL_MS,
  });
}

/** The per-row problems of a failed task, when it reports them as {path, message} pairs. */
export function taskErrorDetails(task: Task): ErrorDetail[] {
  const details = task.error?.details;
  if (!Array.isArray(details)) return [];
  return details.filter(
    (detail): detail is ErrorDetail =>
      typeof detail === 'object' &&
      detail !== null &&
      typeof (detail as ErrorDetail).path === 'string' &&
      typeof (detail as ErrorDetail).message === 'string',
  );
}
