import type { SavedSearch, SaveSearchBody, SearchPage, SearchQuery } from '@nghiemthu/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiDelete, apiGet, apiPost } from '../../app/api-client';

export const SEARCH_SORTS = ['relevance', 'issueDate', 'recordCode'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

export function useSearch(params: Partial<SearchQuery>, enabled: boolean) {
  return useQuery({
    queryKey: ['search', params],
    queryFn: () => apiGet<SearchPage>('/api/search', params),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useSavedSearches() {
  return useQuery({ queryKey: ['saved-searches'], queryFn: () => apiGet<SavedSearch[]>('/api/saved-searches') });
}

export function useSaveSearch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SaveSearchBody) => apiPost<SavedSearch>('/api/saved-searches', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['saved-searches'] }),
  });
}

export function useDeleteSavedSearch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiDelete(`/api/saved-searches/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['saved-searches'] }),
  });
}
