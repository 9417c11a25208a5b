import { peopleChoice, type PeopleChoice } from '../councils/people-choice';
import type {
  AppraisalBody,
  AttachDossierFileBody,
  CouncilBody,
  CreateDossierBody,
  DossierCandidate,
  DossierAction,
  DossierDetail,
  DossierListQuery,
  DossierPage,
  DossierTransitionBody,
  ExtendDeadlineBody,
  MyWork,
  Overview,
  OverviewGroupPage,
  OverviewGroupQuery,
  RecordPaymentBody,
  StoredFile,
  UpdateDossierBody,
  UserBrief,
  VoteBody,
} from '@nghiemthu/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiDelete, apiGet, apiPatch, apiPost, apiPut, apiUploadWithProgress, apiUrl } from '../../app/api-client';

/**
 * Every call the acceptance-dossier pages make (list, "My work", overview, the dossier page and its
 * steps). Each change answers with the dossier as it now is: it goes straight into the cache, and
 * the lists, queues and the order it belongs to refresh.
 */

export const DOSSIER_SORTS = ['stepDueDate', 'updatedAt', 'code', 'submittedAt', 'plannedValue', 'state'] as const;
export type DossierSort = (typeof DOSSIER_SORTS)[number];
/** The list query as the address bar carries it: several states travel comma-separated. */
export type DossierListParams = Omit<DossierListQuery, 'sort' | 'states'> & { sort: DossierSort; states?: string };

const dossierPath = (id: string) => `/api/dossiers/${id}`;
export const dossierKeys = {
  all: ['dossiers'] as const,
  list: (params: DossierListParams) => ['dossiers', 'list', params] as const,
  detail: (id: string | null) => ['dossiers', 'detail', id] as const,
  overview: ['dossiers', 'overview'] as const,
  myWork: ['my-work'] as const,
};

/** Where a file of the dossier (evidence, generated or signed minutes) downloads from; every download is recorded. */
export function dossierFileUrl(dossierId: string, fileId: string): string {
  return apiUrl(`${dossierPath(dossierId)}/files/${fileId}/content`);
}

export function useDossierList(params: DossierListParams) {
  return useQuery({
    queryKey: dossierKeys.list(params),
    queryFn: () => apiGet<DossierPage>('/api/dossiers', params),
    placeholderData: keepPreviousData,
  });
}

export function useDossier(id: string | null) {
  return useQuery({
    queryKey: dossierKeys.detail(id),
    queryFn: () => apiGet<DossierDetail>(dossierPath(id ?? '')),
    enabled: id !== null,
  });
}

export function useMyWork() {
  return useQuery({ queryKey: dossierKeys.myWork, queryFn: () => apiGet<MyWork>('/api/my-work') });
}

export function useDossierOverview() {
  return useQuery({ queryKey: dossierKeys.overview, queryFn: () => apiGet<Overview>('/api/dossiers/overview') });
}

/** One page of the overview's table by provider or by order; the previous page stays shown while the next loads. */
export function useOverviewGroups(by: 'provider' | 'order', query: Partial<OverviewGroupQuery>) {
  return useQuery({
    queryKey: [...dossierKeys.overview, by, query],
    queryFn: () => apiGet<OverviewGroupPage>(`/api/dossiers/overview/by-${by}`, query),
    placeholderData: keepPreviousData,
  });
}

function useDossierMutation<V>(mutationFn: (variables: V) => Promise<DossierDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async (dossier) => {
      queryClient.setQueryData(dossierKeys.detail(dossier.id), dossier);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['dossiers', 'list'] }),
        queryClient.invalidateQueries({ queryKey: dossierKeys.overview }),
        queryClient.invalidateQueries({ queryKey: dossierKeys.myWork }),
        queryClient.invalidateQueries({ queryKey: ['orders', 'detail', dossier.order.id] }),
        queryClient.invalidateQueries({ queryKey: ['notifications'] }),
      ]);
    },
  });
}

/** A provider prepares the dossier of one period of an order; the answer is the new draft. */
export function useCreateDossier() {
  return useDossierMutation((body: CreateDossierBody) => apiPost<DossierDetail>('/api/dossiers', body));
}

export function useUpdateDossier(id: string) {
  return useDossierMutation((body: UpdateDossierBody) => apiPatch<DossierDetail>(dossierPath(id), body));
}

/** A workflow step (submit, receive, approve…) with what that step needs (reason, appraiser, conclusion, payment…). */
export function useDossierStep(id: string) {
  return useDossierMutation(({ action, body = {} }: { action: DossierAction; body?: DossierTransitionBody }) =>
    apiPost<DossierDetail>(`${dossierPath(id)}/steps/${action}`, body),
  );
}

export function useAttachDossierFile(id: string) {
  return useDossierMutation((body: AttachDossierFileBody) => apiPost<DossierDetail>(`${dossierPath(id)}/files`, body));
}

export function useDetachDossierFile(id: string) {
  return useDossierMutation((attachmentId: string) => apiDelete<DossierDetail>(`${dossierPath(id)}/files/${attachmentId}`));
}

/** Uploads one file (POST /api/files), reporting progress from 0 to 1; the server refuses too large or wrong types. */
export function useUploadFile() {
  return useMutation({
    mutationFn: ({ file, onProgress }: { file: File; onProgress?: (fraction: number) => void }) =>
      apiUploadWithProgress<StoredFile>('/api/files', file, onProgress),
  });
}

export function useSaveAppraisal(id: string) {
  return useDossierMutation((body: AppraisalBody) => apiPut<DossierDetail>(`${dossierPath(id)}/appraisal`, body));
}

export function useSetupCouncil(id: string) {
  return useDossierMutation((body: CouncilBody) => apiPut<DossierDetail>(`${dossierPath(id)}/council`, body));
}

export function useDeclareConflict(id: string) {
  return useDossierMutation((body: { hasConflict: boolean; note: string | null }) =>
    apiPost<DossierDetail>(`${dossierPath(id)}/council/conflict`, body),
  );
}

export function useCouncilVote(id: string) {
  return useDossierMutation((body: VoteBody) => apiPut<DossierDetail>(`${dossierPath(id)}/council/votes`, body));
}

export function useExtendDeadline(id: string) {
  return useDossierMutation((body: ExtendDeadlineBody) => apiPost<DossierDetail>(`${dossierPath(id)}/extend-deadline`, body));
}

export function useRecordInterimPayment(id: string) {
  return useDossierMutation((body: RecordPaymentBody) => apiPost<DossierDetail>(`${dossierPath(id)}/payments`, body));
}

export function useAttachSignedMinutes(id: string) {
  return useDossierMutation((fileId: string) => apiPost<DossierDetail>(`${dossierPath(id)}/minutes/signed`, { fileId }));
}

export function useCommentOnDossier(id: string) {
  return useDossierMutation((body: string) => apiPost<DossierDetail>(`${dossierPath(id)}/comments`, { body }));
}

/**
 * People the ordering side may name on this dossier (GET /api/dossiers/:id/candidates): officers of the
 * ordering agency to appraise, council members, officers and leaders of any agency for the council, the
 * provider's own staff flagged. People already on the dossier are always offered.
 */
export function usePeopleToChoose(dossierId: string, purpose: 'appraiser' | 'council', known: readonly UserBrief[], enabled = true): PeopleChoice {
  const candidates = useQuery({
    queryKey: ['dossiers', 'candidates', dossierId, purpose],
    queryFn: () => apiGet<DossierCandidate[]>(`${dossierPath(dossierId)}/candidates`, { for: purpose }),
    enabled,
    retry: false,
    staleTime: 5 * 60_000,
  });
  return peopleChoice(candidates, known);
}
