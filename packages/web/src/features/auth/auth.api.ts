import type { ChangePasswordBody, LoginBody, Me } from '@nghiemthu/shared';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { apiPost } from '../../app/api-client';
import { fetchMe, forgetSession, meQueryKey, rememberSession } from '../../app/session';
import { errorMessage } from '../../ui/error-message';

/** Drops everything cached for the previous user; the public configuration stays. */
function useForgetCachedData() {
  const queryClient = useQueryClient();
  return () => queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'public-config' });
}

export function useSignIn() {
  const queryClient = useQueryClient();
  const forgetCachedData = useForgetCachedData();
  return useMutation({
    mutationFn: (body: LoginBody) => apiPost<Me>('/api/auth/login', body, { isCredentialCheck: true }),
    onSuccess: (me) => {
      forgetCachedData();
      queryClient.setQueryData(meQueryKey, rememberSession(me));
    },
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  const forgetCachedData = useForgetCachedData();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => apiPost<void>('/api/auth/logout'),
    onSuccess: () => {
      void navigate('/sign-in', { replace: true });
      queryClient.setQueryData(meQueryKey, forgetSession());
      forgetCachedData();
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ChangePasswordBody) => apiPost<void>('/api/auth/password', body, { isCredentialCheck: true }),
    // The session may be renewed on a password change: read it again before going on.
    onSuccess: () => queryClient.fetchQuery({ queryKey: meQueryKey, queryFn: fetchMe, staleTime: 0 }),
  });
}
