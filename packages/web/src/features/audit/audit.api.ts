import type { AuditPage, Task } from '@nghiemthu/shared';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { apiGet, apiPost, apiUrl } from '../../app/api-client';
import type { SortOrder } from '../../ui/use-list-params';

export const AUDIT_FILTERS = ['action', 'entityType', 'entityId', 'actor', 'agencyId', 'from', 'to'] as const;
export type AuditFilter = (typeof AUDIT_FILTERS)[number];

/** Filters as the page keeps them: `from` and `to` are calendar days (YYYY-MM-DD) in Vietnam. */
export type AuditFilters = Record<AuditFilter, string>;

export type AuditListParams = { page: number; pageSize: number; order: SortOrder; filters: AuditFilters };

/** Vietnam has no daylight saving time, so a day there always runs from 00:00 to 24:00 at +07:00. */
const VIETNAM_OFFSET = '+07:00';

function toApiFilters(filters: AuditFilters) {
  return {
    ...filters,
    from: filters.from ? `${filters.from}T00:00:00${VIETNAM_OFFSET}` : undefined,
    to: filters.to ? `${filters.to}T23:59:59.999${VIETNAM_OFFSET}` : undefined,
  };
}

export function useAuditEvents({ page, pageSize, order, filters }: AuditListParams) {
  return useQuery({
    queryKey: ['audit', 'list', page, pageSize, order, filters],
    queryFn: () => apiGet<AuditPage>('/api/audit', { page, pageSize, sort: 'seq', order, ...toApiFilters(filters) }),
    placeholderData: keepPreviousData,
  });
}

export function auditExportUrl(filters: AuditFilters): string {
  return apiUrl('/api/audit/export', { ...toApiFilters(filters), format: 'csv' });
}

/** Starts re-computing the hash chain of the whole log in the background. */
export function useStartAuditVerify() {
  return useMutation({ mutationFn: () => apiPost<Task>('/api/audit/verify') });
}
