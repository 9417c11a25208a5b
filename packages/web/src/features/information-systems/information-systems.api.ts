import type {
  CreateInformationSystemBody,
  InformationSystemDetail,
  InformationSystemPage,
  InformationSystemStatus,
  RetireInformationSystemBody,
  UpdateInformationSystemBody,
} from '@nghiemthu/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPatch, apiPost } from '../../app/api-client';
import type { SortOrder } from '../../ui/use-list-params';

export const SYSTEM_SORTS = ['code', 'name', 'securityLevel', 'updatedAt'] as const;
export type SystemSort = (typeof SYSTEM_SORTS)[number];

export type SystemListParams = {
  page: number;
  pageSize: number;
  sort: SystemSort;
  order: SortOrder;
  q?: string;
  status?: InformationSystemStatus;
  securityLevel?: number;
  ownerAgencyId?: string;
};

export function useSystemList(params: SystemListParams) {
  return useQuery({
    queryKey: ['information-systems', 'list', params],
    queryFn: () => apiGet<InformationSystemPage>('/api/information-systems', params),
    placeholderData: keepPreviousData,
  });
}

export function useSystem(id: string | null) {
  return useQuery({
    queryKey: ['information-systems', 'detail', id],
    queryFn: () => apiGet<InformationSystemDetail>(`/api/information-systems/${id}`),
    enabled: id !== null,
  });
}

/** Systems also appear on catalogue service pages: both are refreshed after a change. */
function useSystemMutation<V, R>(mutationFn: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['information-systems'] }),
        queryClient.invalidateQueries({ queryKey: ['catalogue'] }),
      ]);
    },
  });
}

export function useCreateSystem() {
  return useSystemMutation((body: CreateInformationSystemBody) => apiPost<InformationSystemDetail>('/api/information-systems', body));
}

export function useUpdateSystem(id: string) {
  return useSystemMutation((body: UpdateInformationSystemBody) => apiPatch<InformationSystemDetail>(`/api/information-systems/${id}`, body));
}

export function useRetireSystem(id: string) {
  return useSystemMutation((body: RetireInformationSystemBody) => apiPost<InformationSystemDetail>(`/api/information-systems/${id}/retire`, body));
}
