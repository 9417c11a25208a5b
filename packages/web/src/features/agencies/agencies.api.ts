import type {
  Agency,
  AgencyCodeLookup,
  AgencyDetail,
  AgencyFileFormat,
  AgencyPage,
  AgencyStatus,
  AgencyType,
  ChangeAgencyCodeBody,
  CloseAgencyBody,
  CreateAgencyBody,
  Task,
  UpdateAgencyBody,
} from '@nghiemthu/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPatch, apiPost, apiUpload, apiUrl } from '../../app/api-client';
import type { SortOrder } from '../../ui/use-list-params';

export const AGENCY_SORTS = ['code', 'name', 'type', 'validFrom', 'updatedAt'] as const;
export type AgencySort = (typeof AGENCY_SORTS)[number];

export type AgencyListParams = {
  page: number;
  pageSize: number;
  sort: AgencySort;
  order: SortOrder;
  q?: string;
  type?: AgencyType;
  status?: AgencyStatus;
  parentId?: string;
};

export function useAgencyList(params: AgencyListParams) {
  return useQuery({
    queryKey: ['agencies', 'list', params],
    queryFn: () => apiGet<AgencyPage>('/api/agencies', params),
    placeholderData: keepPreviousData,
  });
}

export function useAgency(id: string | null) {
  return useQuery({
    queryKey: ['agencies', 'detail', id],
    queryFn: () => apiGet<AgencyDetail>(`/api/agencies/${id}`),
    enabled: id !== null,
  });
}

/** Who holds a code today, old codes of merged agencies included. */
export function useAgencyCodeLookup(code: string | null) {
  return useQuery({
    queryKey: ['agencies', 'by-code', code],
    queryFn: () => apiGet<AgencyCodeLookup>(`/api/agencies/by-code/${encodeURIComponent(code ?? '')}`),
    enabled: code !== null,
  });
}

export function agencyExportUrl(format: AgencyFileFormat): string {
  return apiUrl('/api/agencies/export', { format });
}

function useAgencyMutation<V, R>(mutationFn: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['agencies'] }),
  });
}

export function useCreateAgency() {
  return useAgencyMutation((body: CreateAgencyBody) => apiPost<Agency>('/api/agencies', body));
}

export function useUpdateAgency(id: string) {
  return useAgencyMutation((body: UpdateAgencyBody) => apiPatch<Agency>(`/api/agencies/${id}`, body));
}

/** Closing, and for a merger naming the agency that takes over. */
export function useCloseAgency(id: string) {
  return useAgencyMutation((body: CloseAgencyBody) => apiPost<Agency>(`/api/agencies/${id}/close`, body));
}

export function useChangeAgencyCode(id: string) {
  return useAgencyMutation((body: ChangeAgencyCodeBody) => apiPost<Agency>(`/api/agencies/${id}/code`, body));
}

/** Starts an import; the returned task is followed until the registry is updated. */
export function useStartAgencyImport() {
  return useMutation({ mutationFn: (file: File) => apiUpload<Task>('/api/agencies/import', file) });
}
