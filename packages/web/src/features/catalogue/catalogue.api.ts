import type {
  CatalogueServiceDetail,
  CatalogueServicePage,
  CatalogueServiceStatus,
  OrderingMethod,
  Task,
} from '@nghiemthu/shared';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { apiGet, apiUpload, apiUrl } from '../../app/api-client';
import type { SortOrder } from '../../ui/use-list-params';

export const CATALOGUE_SORTS = ['code', 'name', 'updatedAt'] as const;
export type CatalogueSort = (typeof CATALOGUE_SORTS)[number];

export type CatalogueListParams = {
  page: number;
  pageSize: number;
  sort: CatalogueSort;
  order: SortOrder;
  q?: string;
  status?: CatalogueServiceStatus;
  orderingMethod?: OrderingMethod;
};

export function useCatalogueList(params: CatalogueListParams) {
  return useQuery({
    queryKey: ['catalogue', 'list', params],
    queryFn: () => apiGet<CatalogueServicePage>('/api/catalogue/services', params),
    placeholderData: keepPreviousData,
  });
}

export function useCatalogueService(id: string | null) {
  return useQuery({
    queryKey: ['catalogue', 'detail', id],
    queryFn: () => apiGet<CatalogueServiceDetail>(`/api/catalogue/services/${id}`),
    enabled: id !== null,
  });
}

export const CATALOGUE_EXPORT_URL = apiUrl('/api/catalogue/export');

export function useStartCatalogueImport() {
  return useMutation({ mutationFn: (file: File) => apiUpload<Task>('/api/catalogue/import', file) });
}
