import type {
  AmendOrderBody,
  CatalogueServicePage,
  CouncilBody,
  DossierCandidate,
  LiquidateOrderBody,
  OrderDetail,
  OrderingMethod,
  OrderInput,
  OrderPage,
  OrderStatus,
  OrderVersionDetail,
  RecordPaymentBody,
  ServicePrice,
  SettleOrderBody,
  UserBrief,
} from '@nghiemthu/shared';
import { peopleChoice, type PeopleChoice } from '../councils/people-choice';
import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiGet, apiPost, apiPut } from '../../app/api-client';
import type { SortOrder } from '../../ui/use-list-params';

export const ORDER_SORTS = ['updatedAt', 'code', 'title', 'budgetYear', 'totalValue', 'status'] as const;
export type OrderSort = (typeof ORDER_SORTS)[number];

export type OrderListParams = {
  page: number;
  pageSize: number;
  sort: OrderSort;
  order: SortOrder;
  q?: string;
  status?: OrderStatus;
  method?: OrderingMethod;
  budgetYear?: number;
  providerAgencyId?: string;
};

const orderPath = (id: string) => `/api/orders/${id}`;

export function useOrderList(params: OrderListParams) {
  return useQuery({
    queryKey: ['orders', 'list', params],
    queryFn: () => apiGet<OrderPage>('/api/orders', params),
    placeholderData: keepPreviousData,
  });
}

export function useOrder(id: string | null) {
  return useQuery({
    queryKey: ['orders', 'detail', id],
    queryFn: () => apiGet<OrderDetail>(orderPath(id ?? '')),
    enabled: id !== null,
  });
}

export function useOrderVersion(id: string, version: number | null) {
  return useQuery({
    queryKey: ['orders', 'version', id, version],
    queryFn: () => apiGet<OrderVersionDetail>(`${orderPath(id)}/versions/${version}`),
    enabled: version !== null,
    // A version never changes once written.
    staleTime: Infinity,
  });
}

/** Every change answers with the order as it now is: it goes straight into the cache, and lists refresh. */
function useOrderMutation<V>(mutationFn: (variables: V) => Promise<OrderDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async (order) => {
      queryClient.setQueryData(['orders', 'detail', order.id], order);
      await queryClient.invalidateQueries({ queryKey: ['orders', 'list'] });
    },
  });
}

export function useCreateOrder() {
  return useOrderMutation((body: OrderInput) => apiPost<OrderDetail>('/api/orders', body));
}

export function useUpdateOrder(id: string) {
  return useOrderMutation((body: OrderInput) => apiPut<OrderDetail>(orderPath(id), body));
}

export function useAmendOrder(id: string) {
  return useOrderMutation((body: AmendOrderBody) => apiPost<OrderDetail>(`${orderPath(id)}/amendments`, body));
}

export type SimpleOrderStep = 'sign' | 'start' | 'complete' | 'archive' | 'cancel';

export function useOrderStep(id: string) {
  return useOrderMutation(({ step, reason }: { step: SimpleOrderStep; reason?: string }) =>
    apiPost<OrderDetail>(`${orderPath(id)}/${step}`, reason ? { reason } : {}),
  );
}

export function useLiquidateOrder(id: string) {
  return useOrderMutation((body: LiquidateOrderBody) => apiPost<OrderDetail>(`${orderPath(id)}/liquidate`, body));
}

export function useSettleOrder(id: string) {
  return useOrderMutation((body: SettleOrderBody) => apiPost<OrderDetail>(`${orderPath(id)}/settle`, body));
}

export function useSetupOrderCouncil(id: string) {
  return useOrderMutation((body: CouncilBody) => apiPut<OrderDetail>(`${orderPath(id)}/council`, body));
}

/** People the ordering side may seat on the order's council, provider staff flagged; those already on it are always offered. */
export function useOrderCouncilCandidates(id: string, known: readonly UserBrief[]): PeopleChoice {
  const candidates = useQuery({
    queryKey: ['orders', 'council-candidates', id],
    queryFn: () => apiGet<DossierCandidate[]>(`${orderPath(id)}/council/candidates`),
    retry: false,
    staleTime: 5 * 60_000,
  });
  return peopleChoice(candidates, known);
}

export function useRecordAdvance(id: string) {
  return useOrderMutation((body: RecordPaymentBody) => apiPost<OrderDetail>(`${orderPath(id)}/advances`, body));
}

/** The active catalogue, for the line picker (the catalogue is a few dozen services; 200 is the API's page limit). */
export function useActiveServices() {
  return useQuery({
    queryKey: ['catalogue', 'list', { status: 'active', pageSize: 200, sort: 'code' }],
    queryFn: () =>
      apiGet<CatalogueServicePage>('/api/catalogue/services', { status: 'active', page: 1, pageSize: 200, sort: 'code', order: 'asc' }),
    staleTime: 5 * 60_000,
  });
}

/**
 * The unit price of each service valid on a date (the order's start date is what the
 * server prices with). Null for a service without a price that day.
 */
export function usePricesOn(serviceIds: readonly string[], date: string | null) {
  const results = useQueries({
    queries: serviceIds.map((serviceId) => ({
      queryKey: ['catalogue', 'price', serviceId, date],
      queryFn: () =>
        apiGet<ServicePrice>(`/api/catalogue/services/${serviceId}/price`, { date }).catch((error: unknown) => {
          if (error instanceof ApiError && error.status === 404) return null;
          throw error;
        }),
      enabled: date !== null,
      staleTime: 5 * 60_000,
    })),
  });
  return new Map(serviceIds.map((serviceId, index) => [serviceId, results[index]?.data]));
}
