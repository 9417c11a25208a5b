import type {
  InformationSystemDetail,
  InformationSystemPage,
  InformationSystemStatus,
} from '@nghiemthu/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../app/api-client';
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
