import type { Me } from '@nghiemthu/shared';
import { useQuery } from '@tanstack/react-query';
import { createContext, use } from 'react';
import { ApiError, apiGet, setCsrfToken } from './api-client';

export const meQueryKey = ['auth', 'me'] as const;

/**
 * Set when a request is refused because the session ended while someone was working,
 * so the sign-in page can say why they are there. Cleared by the next successful sign-in.
 */
let sessionHasExpired = false;

/** The signed-in user, or null when nobody is signed in. */
export async function fetchMe(): Promise<Me | null> {
  try {
    return rememberSession(await apiGet<Me>('/api/auth/me'));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return forgetSession();
    throw error;
  }
}

export function rememberSession(me: Me): Me {
  setCsrfToken(me.csrfToken);
  sessionHasExpired = false;
  return me;
}

export function forgetSession(): null {
  setCsrfToken(null);
  return null;
}

export function useSession() {
  return useQuery({ queryKey: meQueryKey, queryFn: fetchMe, staleTime: 60_000, retry: false });
}

export function markSessionExpired(): void {
  sessionHasExpired = true;
}

export function hasSessionExpired(): boolean {
  return sessionHasExpired;
}

export const MeContext = createContext<Me | null>(null);

/** The signed-in user; only inside the routes guarded by RequireSession. */
export function useMe(): Me {
  const me = use(MeContext);
  if (!me) throw new Error('useMe() used outside a signed-in route');
  return me;
}
