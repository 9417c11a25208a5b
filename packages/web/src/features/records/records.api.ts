import type { RecordDetail, RecordListQuery, RecordPage } from '@nghiemthu/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet, apiUrl } from '../../app/api-client';

export const RECORD_SORTS = ['closedAt', 'code', 'title', 'endDate'] as const;
export type RecordSort = (typeof RECORD_SORTS)[number];

export function useRecordList(params: Partial<RecordListQuery>) {
  return useQuery({
    queryKey: ['records', 'list', params],
    queryFn: () => apiGet<RecordPage>('/api/records', params),
    placeholderData: keepPreviousData,
  });
}

export function useRecord(id: string | null) {
  return useQuery({ queryKey: ['records', 'detail', id], queryFn: () => apiGet<RecordDetail>(`/api/records/${id}`), enabled: id !== null });
}

/** The document's bytes as kept: opened in the browser (recorded as a view) or downloaded (recorded as a download). */
export function documentUrl(recordId: string, documentId: string, disposition: 'inline' | 'attachment'): string {
  return apiUrl(`/api/records/${recordId}/documents/${documentId}/content`, { disposition });
}
