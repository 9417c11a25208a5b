import type {
  AddServicePriceBody,
  CatalogueServiceDetail,
  CatalogueServicePage,
  CatalogueServiceStatus,
  CreateCatalogueServiceBody,
  OrderingMethod,
  RetireCatalogueServiceBody,
  ServiceKpiBody,
  Task,
  UpdateCatalogueServiceBody,
  UpdateServiceKpiBody,
} from '@nghiemthu/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPatch, apiPost, apiUpload, apiUrl } from '../../app/api-client';
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

/** Services also appear on information system pages: both are refreshed after a change. */
function useCatalogueMutation<V>(mutationFn: (variables: V) => Promise<CatalogueServiceDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['catalogue'] }),
        queryClient.invalidateQueries({ queryKey: ['information-systems'] }),
      ]);
    },
  });
}

const servicePath = (id: string) => `/api/catalogue/services/${id}`;

export function useCreateService() {
  return useCatalogueMutation((body: CreateCatalogueServiceBody) => apiPost<CatalogueServiceDetail>('/api/catalogue/services', body));
}

export function useUpdateService(id: string) {
  return useCatalogueMutation((body: UpdateCatalogueServiceBody) => apiPatch<CatalogueServiceDetail>(servicePath(id), body));
}

export function useRetireService(id: string) {
  return useCatalogueMutation((body: RetireCatalogueServiceBody) => apiPost<CatalogueServiceDetail>(`${servicePath(id)}/retire`, body));
}

/** A new price period; the server ends the open one the day before and refuses overlaps. */
export function useAddPrice(id: string) {
  return useCatalogueMutation((body: AddServicePriceBody) => apiPost<CatalogueServiceDetail>(`${servicePath(id)}/prices`, body));
}

export function useAddKpi(id: string) {
  return useCatalogueMutation((body: ServiceKpiBody) => apiPost<CatalogueServiceDetail>(`${servicePath(id)}/kpis`, body));
}

export function useUpdateKpi(id: string, kpiId: string) {
  return useCatalogueMutation((body: UpdateServiceKpiBody) => apiPatch<CatalogueServiceDetail>(`${servicePath(id)}/kpis/${kpiId}`, body));
}

export function useRemoveKpi(id: string) {
  return useCatalogueMutation((kpiId: string) => apiPost<CatalogueServiceDetail>(`${servicePath(id)}/kpis/${kpiId}/remove`));
}

export function useLinkSystem(id: string) {
  return useCatalogueMutation((informationSystemId: string) =>
    apiPost<CatalogueServiceDetail>(`${servicePath(id)}/systems`, { informationSystemId }));
}

export function useUnlinkSystem(id: string) {
  return useCatalogueMutation((systemId: string) => apiPost<CatalogueServiceDetail>(`${servicePath(id)}/systems/${systemId}/unlink`));
}
