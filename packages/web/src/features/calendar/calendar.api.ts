import type {
  CalendarDay,
  CalendarDefaultsResult,
  CalendarWeekend,
  CalendarYear,
  DueDate,
  PutCalendarDayBody,
  PutWeekendBody,
} from '@nghiemthu/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiDelete, apiGet, apiPost, apiPut } from '../../app/api-client';

export function useCalendarYear(year: number) {
  return useQuery({
    queryKey: ['calendar', 'year', year],
    queryFn: () => apiGet<CalendarYear>(`/api/calendar/${year}`),
    placeholderData: keepPreviousData,
  });
}

/** The due date on the stored calendar; waits until both inputs are valid. */
export function useDueDate(from: string | null, workingDays: number | null) {
  return useQuery({
    queryKey: ['calendar', 'due-date', from, workingDays],
    queryFn: () => apiGet<DueDate>('/api/calendar/due-date', { from, workingDays }),
    enabled: from !== null && workingDays !== null,
    placeholderData: keepPreviousData,
  });
}

/** Any change can move any due date: everything under 'calendar' is fetched again. */
function useCalendarMutation<V, R>(mutationFn: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['calendar'] }),
  });
}

export function usePutCalendarDay() {
  return useCalendarMutation(({ date, body }: { date: string; body: PutCalendarDayBody }) =>
    apiPut<CalendarDay>(`/api/calendar/days/${date}`, body),
  );
}

export function useDeleteCalendarDay() {
  return useCalendarMutation((date: string) => apiDelete(`/api/calendar/days/${date}`));
}

export function usePutWeekend() {
  return useCalendarMutation((body: PutWeekendBody) => apiPut<CalendarWeekend>('/api/calendar/weekend', body));
}

export function useLoadCalendarDefaults() {
  return useCalendarMutation((year: number) => apiPost<CalendarDefaultsResult>(`/api/calendar/${year}/defaults`));
}
