import { QueryClient } from '@tanstack/react-query';
import { ApiError, setUnauthenticatedHandler } from './api-client';
import { forgetSession, markSessionExpired, meQueryKey } from './session';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // Refusals (4xx) will not change on retry; network hiccups and 5xx get two more tries.
      retry: (failureCount, error) =>
        failureCount < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
    },
  },
});

setUnauthenticatedHandler(() => {
  if (queryClient.getQueryData(meQueryKey)) markSessionExpired();
  queryClient.setQueryData(meQueryKey, forgetSession());
});
