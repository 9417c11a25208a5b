import type {
  CancelDispositionBody, CreateDispositionBatchBody, DispositionBatchDetail, DispositionBatchListQuery, DispositionBatchPage, ExpiredRecordPage,
  ExpiredRecordQuery, LegalHold,
} from '@nghiemthu/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiDelete, apiGet, apiPost, apiPut, apiUrl } from '../../app/api-client';

export const EXPIRED_SORTS = ['endDate', 'code', 'title'] as const;

const keys = {
  all: ['disposition'] as const,
  expired: (params: Partial<ExpiredRecordQuery>) => ['disposition', 'expired', params] as const,
  batches: (params: Partial<DispositionBatchListQuery>) => ['disposition', 'batches', params] as const,
  batch: (id: string | null) => ['disposition', 'batch', id] as const,
  hold: (recordId: string) => ['disposition', 'hold', recordId] as const,
};

export function useExpiredRecords(params: Partial<ExpiredRecordQuery>) {
  return useQuery({ queryKey: keys.expired(params), queryFn: () => apiGet<ExpiredRecordPage>('/api/disposition/expired', params), placeholderData: keepPreviousData });
}

export function useDispositionBatches(params: Partial<DispositionBatchListQuery>) {
  return useQuery({ queryKey: keys.batches(params), queryFn: () => apiGet<DispositionBatchPage>('/api/disposition/batches', params), placeholderData: keepPreviousData });
}

export function useDispositionBatch(id: string | null) {
  return useQuery({ queryKey: keys.batch(id), queryFn: () => apiGet<DispositionBatchDetail>(`/api/disposition/batches/${id}`), enabled: id !== null });
}

export function useLegalHold(recordId: string) {
  return useQuery({ queryKey: keys.hold(recordId), queryFn: () => apiGet<LegalHold>(`/api/records/${recordId}/legal-hold`) });
}

/** Every change here moves records in or out of the lists and changes the record pages: refresh both. */
function useDispositionMutation<V, R>(mutationFn: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async () => {
      await Promise.all([queryClient.invalidateQueries({ queryKey: keys.all }), queryClient.invalidateQueries({ queryKey: ['records'] })]);
    },
  });
}

export function useProposeBatch() {
  return useDispositionMutation((body: CreateDispositionBatchBody) => apiPost<DispositionBatchDetail>('/api/disposition/batches', body));
}

export function useBatchAction(id: string) {
  return useDispositionMutation((action: 'approve' | 'execute') => apiPost<DispositionBatchDetail>(`/api/disposition/batches/${id}/${action}`, {}));
}

export function useCancelBatch(id: string) {
  return useDispositionMutation((body: CancelDispositionBody) => apiPost<DispositionBatchDetail>(`/api/disposition/batches/${id}/cancel`, body));
}

export function usePlaceHold(recordId: string) {
  return useDispositionMutation((reason: string) => apiPut<LegalHold>(`/api/records/${recordId}/legal-hold`, { reason }));
}

/** The release reason goes in the query string: the API reads no body on DELETE. */
export function useReleaseHold(recordId: string) {
  return useDispositionMutation((reason: string) => apiDelete<LegalHold>(apiUrl(`/api/records/${recordId}/legal-hold`, { reason })));
}

/** The destruction minutes, downloaded as kept; the download is recorded. */
export function minutesUrl(fileId: string): string {
  return apiUrl(`/api/files/${fileId}/content`);
}
