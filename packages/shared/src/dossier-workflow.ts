import type { Role } from './roles.js';

/**
 * The acceptance-dossier workflow (hồ sơ nghiệm thu), as one table. Every
 * state change the server performs is a row here; the server refuses anything
 * else with INVALID_TRANSITION, and the web app shows only the actions the
 * server lists as allowed. Domain: ../shared/domain.md §3 (the default
 * process is [practice]; step deadlines are settings with these defaults).
 */
export const DOSSIER_STATES = [
  'draft', //                the provider prepares it
  'submitted', //            waiting for the ordering agency to receive it (completeness check)
  'supplement_requested', // back with the provider; the agency's clock is paused
  'received', //             complete; waiting for a leader to assign an appraising officer
  'in_appraisal', //         the assigned officer proposes accepted quantities, KPI verdicts, deductions
  'in_council', //           the acceptance council reviews, members vote per line
  'awaiting_decision', //    the chair closed the review; the leader decides
  'approved', //             accepted; minutes to be issued
  'minutes_issued', //       minutes issued; payments follow
  'paid', //                 the final payment for this dossier is recorded
  'rejected', //             not accepted (final)
  'withdrawn', //            the provider withdrew it before it was received (final)
] as const;
export type DossierState = (typeof DOSSIER_STATES)[number];

export const DOSSIER_ACTIONS = [
  'submit',
  'withdraw',
  'request_supplement',
  'answer_supplement',
  'receive',
  'assign_appraiser',
  'complete_appraisal',
  'close_council_review',
  'approve',
  'reject',
  'send_back',
  'issue_minutes',
  'record_final_payment',
] as const;
export type DossierAction = (typeof DOSSIER_ACTIONS)[number];

/** Who acts in a transition: a role, narrowed for some steps to the person the dossier names. */
export type DossierActor =
  | { role: Role; relation?: 'provider_of_dossier' | 'assigned_appraiser' | 'council_chair' };

export type DossierTransition = {
  action: DossierAction;
  from: DossierState;
  to: DossierState;
  by: readonly DossierActor[];
  /** The actor must write why (request for supplement, rejection, sending back). */
  needsReason: boolean;
};

const provider: DossierActor = { role: 'provider_officer', relation: 'provider_of_dossier' };
const officer: DossierActor = { role: 'officer' };
const appraiser: DossierActor = { role: 'officer', relation: 'assigned_appraiser' };
const leader: DossierActor = { role: 'leader' };
const chair: DossierActor = { role: 'council_member', relation: 'council_chair' };

export const DOSSIER_TRANSITIONS: readonly DossierTransition[] = [
  { action: 'submit', from: 'draft', to: 'submitted', by: [provider], needsReason: false },
  { action: 'withdraw', from: 'draft', to: 'withdrawn', by: [provider], needsReason: true },
  { action: 'withdraw', from: 'submitted', to: 'withdrawn', by: [provider], needsReason: true },
  { action: 'request_supplement', from: 'submitted', to: 'supplement_requested', by: [officer], needsReason: true },
  { action: 'answer_supplement', from: 'supplement_requested', to: 'submitted', by: [provider], needsReason: false },
  { action: 'receive', from: 'submitted', to: 'received', by: [officer], needsReason: false },
  { action: 'assign_appraiser', from: 'received', to: 'in_appraisal', by: [leader], needsReason: false },
  { action: 'complete_appraisal', from: 'in_appraisal', to: 'in_council', by: [appraiser], needsReason: false },
  { action: 'close_council_review', from: 'in_council', to: 'awaiting_decision', by: [chair], needsReason: false },
  { action: 'approve', from: 'awaiting_decision', to: 'approved', by: [leader], needsReason: false },
  { action: 'reject', from: 'awaiting_decision', to: 'rejected', by: [leader], needsReason: true },
  { action: 'send_back', from: 'awaiting_decision', to: 'in_appraisal', by: [leader], needsReason: true },
  { action: 'issue_minutes', from: 'approved', to: 'minutes_issued', by: [officer], needsReason: false },
  { action: 'record_final_payment', from: 'minutes_issued', to: 'paid', by: [officer], needsReason: false },
];

export const FINAL_DOSSIER_STATES: readonly DossierState[] = ['paid', 'rejected', 'withdrawn'];

/**
 * States in which the ordering agency's clock runs, with the default number of
 * working days it has for the step ([practice], editable per ordering method).
 * In `supplement_requested` the agency's clock is paused and the provider's
 * runs instead.
 */
export const DEFAULT_STEP_DEADLINES: Readonly<Partial<Record<DossierState, { workingDays: number; party: 'agency' | 'provider' }>>> = {
  submitted: { workingDays: 3, party: 'agency' },
  supplement_requested: { workingDays: 5, party: 'provider' },
  received: { workingDays: 2, party: 'agency' },
  in_appraisal: { workingDays: 10, party: 'agency' },
  in_council: { workingDays: 10, party: 'agency' },
  awaiting_decision: { workingDays: 5, party: 'agency' },
  approved: { workingDays: 3, party: 'agency' },
};

/** What the actor stands in relation to this dossier, as the server knows it. */
export type DossierRelations = {
  isProviderOfDossier: boolean;
  isAssignedAppraiser: boolean;
  isCouncilChair: boolean;
};

function fits(actor: DossierActor, roles: readonly Role[], relations: DossierRelations): boolean {
  if (!roles.includes(actor.role)) return false;
  switch (actor.relation) {
    case undefined:
      return true;
    case 'provider_of_dossier':
      return relations.isProviderOfDossier;
    case 'assigned_appraiser':
      return relations.isAssignedAppraiser;
    case 'council_chair':
      return relations.isCouncilChair;
  }
}

export type TransitionCheck =
  | { isAllowed: true; transition: DossierTransition }
  | { isAllowed: false; reason: 'noSuchTransition' | 'notYourStep'; expectedStates: DossierState[] };

/**
 * Whether this person may take this action on a dossier in this state. The
 * reason distinguishes a wrong moment (409 INVALID_TRANSITION, naming the
 * states it is possible from) from the wrong person (403 FORBIDDEN).
 */
export function checkDossierTransition(
  state: DossierState,
  action: DossierAction,
  roles: readonly Role[],
  relations: DossierRelations,
): TransitionCheck {
  const candidates = DOSSIER_TRANSITIONS.filter((t) => t.action === action);
  const transition = candidates.find((t) => t.from === state);
  if (!transition) return { isAllowed: false, reason: 'noSuchTransition', expectedStates: candidates.map((t) => t.from) };
  if (!transition.by.some((actor) => fits(actor, roles, relations))) {
    return { isAllowed: false, reason: 'notYourStep', expectedStates: [transition.from] };
  }
  return { isAllowed: true, transition };
}

/** The actions this person may take now: what responses carry as allowedActions. */
export function allowedDossierActions(state: DossierState, roles: readonly Role[], relations: DossierRelations): DossierAction[] {
  return DOSSIER_TRANSITIONS.filter((t) => t.from === state && t.by.some((actor) => fits(actor, roles, relations))).map((t) => t.action);
}
