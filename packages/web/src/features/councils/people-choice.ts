import type { UseQueryResult } from '@tanstack/react-query';
import type { DossierCandidate, UserBrief } from '@nghiemthu/shared';

export type PeopleChoice = { people: (UserBrief & { agencyShortName?: string; isProviderSide?: boolean })[]; isPending: boolean; isUnavailable: boolean };

/** Candidates from the server plus the people already named (always offered, even if no longer candidates), sorted by name. */
export function peopleChoice(candidates: UseQueryResult<DossierCandidate[]>, known: readonly UserBrief[]): PeopleChoice {
  const byId = new Map<string, PeopleChoice['people'][number]>();
  for (const person of known) byId.set(person.id, { id: person.id, username: person.username, fullName: person.fullName });
  for (const person of candidates.data ?? []) {
    byId.set(person.id, { id: person.id, username: person.username, fullName: person.fullName, agencyShortName: person.agency.shortName, isProviderSide: person.isProviderSide });
  }
  return {
    people: [...byId.values()].sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi')),
    isPending: candidates.isPending,
    isUnavailable: candidates.isError,
  };
}
