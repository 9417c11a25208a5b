import type { CreateUserBody, Role, UpdateUserBody, User, UserPage } from '@nghiemthu/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPatch, apiPost } from '../../app/api-client';
import type { SortOrder } from '../../ui/use-list-params';

export const USER_SORTS = ['username', 'fullName', 'createdAt', 'lastLoginAt'] as const;
export type UserSort = (typeof USER_SORTS)[number];

export type UserListParams = {
  page: number;
  pageSize: number;
  sort: UserSort;
  order: SortOrder;
  q?: string;
  agencyId?: string;
  role?: Role;
  isActive?: 'true' | 'false';
};

export function useUserList(params: UserListParams) {
  return useQuery({
    queryKey: ['users', 'list', params],
    queryFn: () => apiGet<UserPage>('/api/users', params),
    placeholderData: keepPreviousData,
  });
}

function useUserMutation<V, R>(mutationFn: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}

export function useCreateUser() {
  return useUserMutation((body: CreateUserBody) => apiPost<User>('/api/users', body));
}

export function useUpdateUser(id: string) {
  return useUserMutation((body: UpdateUserBody) => apiPatch<User>(`/api/users/${id}`, body));
}

/** An administrator sets a new password for someone who lost theirs. */
export function useResetPassword(id: string) {
  return useUserMutation((newPassword: string) => apiPost<void>(`/api/users/${id}/password`, { newPassword }));
}

export function useUnlockUser() {
  return useUserMutation((id: string) => apiPost<void>(`/api/users/${id}/unlock`));
}
