import type { AcceptanceSettings, AcceptanceSettingsView } from '@nghiemthu/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPut } from '../../app/api-client';

export function useAcceptanceSettings() {
  return useQuery({ queryKey: ['acceptance-settings'], queryFn: () => apiGet<AcceptanceSettingsView>('/api/settings/acceptance') });
}

export function usePutAcceptanceSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AcceptanceSettings) => apiPut<AcceptanceSettingsView>('/api/settings/acceptance', body),
    onSuccess: (view) => queryClient.setQueryData(['acceptance-settings'], view),
  });
}
