import type { CreateDelegationBody, Delegation, DelegationCandidates, DelegationPage } from '@nghiemthu/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost } from '../../app/api-client';
import type { SortOrder } from '../../ui/use-list-params';

export const DELEGATION_SORTS = ['validFrom', 'createdAt'] as const;
export type DelegationSort = (typeof DELEGATION_SORTS)[number];

export const DELEGATION_SCOPES = ['given', 'received', 'all'] as const;
export type DelegationScope = (typeof DELEGATION_SCOPES)[number];

export const DELEGATION_STATUSES = ['scheduled', 'active', 'ended', 'revoked'] as const satisfies readonly Delegation['status'][];
export type DelegationStatus = Delegation['status'];

export type DelegationListParams = {
  scope: DelegationScope;
  page: number;
  pageSize: number;
  sort: DelegationSort;
  order: SortOrder;
  status?: DelegationStatus;
};

export function useDelegationList(params: DelegationListParams) {
  return useQuery({
    queryKey: ['delegations', 'list', params],
    queryFn: () => apiGet<DelegationPage>('/api/delegations', params),
    placeholderData: keepPreviousData,
  });
}

/** Delegations running now that were given to the signed-in user. */
export function useActiveReceivedDelegations() {
  return useQuery({
    queryKey: ['delegations', 'list', { scope: 'received', status: 'active' }],
    queryFn: () =>
      apiGet<DelegationPage>('/api/delegations', { scope: 'received', status: 'active', page: 1, pageSize: 10, sort: 'validFrom', order: 'asc' }),
  });
}

/**
 * The colleagues a leader may name as deputy: active users of the same agency, by name.
 * Only leaders may ask (GET /api/users is for administrators).
 */
export function useDelegationCandidates(enabled: boolean) {
  return useQuery({
    queryKey: ['delegations', 'candidates'],
    queryFn: () => apiGet<DelegationCandidates>('/api/delegations/candidates'),
    enabled,
  });
}

function useDelegationMutation<V, R>(mutationFn: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['delegations'] }),
  });
}

export function useCreateDelegation() {
  return useDelegationMutation((body: CreateDelegationBody) => apiPost<Delegation>('/api/delegations', body));
}

export function useRevokeDelegation() {
  return useDelegationMutation((id: string) => apiPost<Delegation>(`/api/delegations/${id}/revoke`));
}
