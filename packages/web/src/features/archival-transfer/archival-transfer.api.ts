import type { ArchivalTransferDetail, ArchivalTransferListQuery, ArchivalTransferPage, CreateArchivalTransferBody } from '@nghiemthu/shared';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { apiGet, apiPost, apiUploadWithProgress, apiUrl } from '../../app/api-client';

const POLL_INTERVAL_MS = 1000;

export function useArchivalTransferList(params: Partial<ArchivalTransferListQuery>) {
  return useQuery({
    queryKey: ['archival-transfers', 'list', params],
    queryFn: () => apiGet<ArchivalTransferPage>('/api/archival-transfers', params),
    placeholderData: keepPreviousData,
  });
}

/** One transfer, followed while it runs: its bytes so far, then the export's summary or the import's report. */
export function useArchivalTransfer(id: string | null) {
  return useQuery({
    queryKey: ['archival-transfers', 'detail', id],
    queryFn: () => apiGet<ArchivalTransferDetail>(`/api/archival-transfers/${id}`),
    enabled: id !== null,
    refetchInterval: (query) => (query.state.status === 'error' || (query.state.data && query.state.data.status !== 'running') ? false : POLL_INTERVAL_MS),
  });
}

export function useStartArchivalExport() {
  return useMutation({ mutationFn: (body: CreateArchivalTransferBody) => apiPost<ArchivalTransferDetail>('/api/archival-transfers', body) });
}

/** The upload reports how much has been sent: a package can be large. */
export function useStartArchivalImport(onProgress: (fraction: number) => void) {
  return useMutation({ mutationFn: (file: File) => apiUploadWithProgress<ArchivalTransferDetail>('/api/archival-transfers/import', file, onProgress) });
}

export function packageUrl(id: string): string {
  return apiUrl(`/api/archival-transfers/${id}/package`);
}

export function reportUrl(id: string): string {
  return apiUrl(`/api/archival-transfers/${id}/report`);
}
