import { describe, expect, it } from 'vitest';
import {
  DEFAULT_STEP_DEADLINES,
  DOSSIER_ACTIONS,
  DOSSIER_STATES,
  DOSSIER_TRANSITIONS,
  FINAL_DOSSIER_STATES,
  allowedDossierActions,
  checkDossierTransition,
  type DossierState,
} from './dossier-workflow.js';

const none = { isProviderOfDossier: false, isAssignedAppraiser: false, isCouncilChair: false };

describe('dossier workflow table', () => {
  it('has at most one transition per action and state, and only known states', () => {
    const keys = DOSSIER_TRANSITIONS.map((t) => `${t.action}@${t.from}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const t of DOSSIER_TRANSITIONS) {
      expect(DOSSIER_STATES).toContain(t.from);
      expect(DOSSIER_STATES).toContain(t.to);
    }
  });

  it('uses every action, leaves no final state and reaches every state from draft', () => {
    expect(new Set(DOSSIER_TRANSITIONS.map((t) => t.action))).toEqual(new Set(DOSSIER_ACTIONS));
    for (const state of FINAL_DOSSIER_STATES) expect(DOSSIER_TRANSITIONS.filter((t) => t.from === state)).toEqual([]);
    const reached = new Set<DossierState>(['draft']);
    for (let changed = true; changed; ) {
      changed = false;
      for (const t of DOSSIER_TRANSITIONS) {
        if (reached.has(t.from) && !reached.has(t.to)) {
          reached.add(t.to);
          changed = true;
        }
      }
    }
    expect(reached).toEqual(new Set(DOSSIER_STATES));
  });

  it('can always end: every non-final state leads somewhere', () => {
    for (const state of DOSSIER_STATES.filter((s) => !FINAL_DOSSIER_STATES.includes(s))) {
      expect(DOSSIER_TRANSITIONS.some((t) => t.from === state), state).toBe(true);
    }
  });

  it('asks for a written reason when sending back, rejecting, requesting a supplement or withdrawing', () => {
    const withReason = new Set(DOSSIER_TRANSITIONS.filter((t) => t.needsReason).map((t) => t.action));
    expect(withReason).toEqual(new Set(['request_supplement', 'reject', 'send_back', 'withdraw']));
  });

  it('gives every state where someone must act a default deadline, and pauses the agency clock during a supplement', () => {
    for (const state of DOSSIER_STATES.filter((s) => !FINAL_DOSSIER_STATES.includes(s) && s !== 'draft' && s !== 'minutes_issued')) {
      expect(DEFAULT_STEP_DEADLINES[state], state).toBeDefined();
    }
    expect(DEFAULT_STEP_DEADLINES.supplement_requested?.party).toBe('provider');
  });
});

describe('who may act', () => {
  it('lets only the dossier’s own provider submit', () => {
    expect(checkDossierTransition('draft', 'submit', ['provider_officer'], { ...none, isProviderOfDossier: true })).toMatchObject({ isAllowed: true });
    expect(checkDossierTransition('draft', 'submit', ['provider_officer'], none)).toMatchObject({ isAllowed: false, reason: 'notYourStep' });
    expect(checkDossierTransition('draft', 'submit', ['officer', 'leader'], none)).toMatchObject({ isAllowed: false, reason: 'notYourStep' });
  });

  it('lets only the assigned officer complete the appraisal, and only the chair close the council review', () => {
    expect(allowedDossierActions('in_appraisal', ['officer'], none)).toEqual([]);
    expect(allowedDossierActions('in_appraisal', ['officer'], { ...none, isAssignedAppraiser: true })).toEqual(['complete_appraisal']);
    expect(allowedDossierActions('in_council', ['council_member'], none)).toEqual([]);
    expect(allowedDossierActions('in_council', ['council_member'], { ...none, isCouncilChair: true })).toEqual(['close_council_review']);
  });

  it('gives the leader the three decisions', () => {
    expect(allowedDossierActions('awaiting_decision', ['leader'], none)).toEqual(['approve', 'reject', 'send_back']);
  });

  it('never lets an inspector act', () => {
    const all = { isProviderOfDossier: true, isAssignedAppraiser: true, isCouncilChair: true };
    for (const state of DOSSIER_STATES) expect(allowedDossierActions(state, ['inspector'], all)).toEqual([]);
  });

  it('tells a wrong moment from a wrong person, naming the states the action is possible from', () => {
    expect(checkDossierTransition('approved', 'receive', ['officer'], none)).toEqual({
      isAllowed: false, reason: 'noSuchTransition', expectedStates: ['submitted'],
    });
    expect(checkDossierTransition('received', 'withdraw', ['provider_officer'], { ...none, isProviderOfDossier: true })).toEqual({
      isAllowed: false, reason: 'noSuchTransition', expectedStates: ['draft', 'submitted'],
    });
  });
});
