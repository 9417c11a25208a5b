import type { PublicConfig } from '@nghiemthu/shared';
import { useQuery } from '@tanstack/react-query';
import { apiGet } from './api-client';

export function usePublicConfig() {
  return useQuery({
    queryKey: ['public-config'],
    queryFn: () => apiGet<PublicConfig>('/api/public/config'),
    staleTime: Number.POSITIVE_INFINITY,
  });
}
