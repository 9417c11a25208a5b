import { z } from 'zod';
import { ORDERING_METHODS, type OrderingMethod } from './catalogue.schemas.js';
import { DEFAULT_STEP_DEADLINES, type DossierState } from './dossier-workflow.js';
import { DEFAULT_REQUIRED_DOCUMENTS, DossierDocumentType } from './dossiers.schemas.js';

/**
 * What domain.md §3 leaves open, as settings an administrator edits: the
 * working days each step has, and the documents a dossier must carry, per
 * ordering method. Defaults are the [practice] values in dossier-workflow.ts.
 */
export const DEADLINE_STEPS = Object.keys(DEFAULT_STEP_DEADLINES) as DossierState[];

const StepDays = z.number().int().min(1).max(60);
const MethodDeadlines = z.strictObject(Object.fromEntries(DEADLINE_STEPS.map((state) => [state, StepDays])) as Record<DossierState, typeof StepDays>);
const Documents = z.array(DossierDocumentType).max(8).refine((types) => new Set(types).size === types.length, { message: 'documentTypesUnique' });

export const AcceptanceSettings = z.strictObject({
  stepDeadlines: z.strictObject({ assignment: MethodDeadlines, ordering: MethodDeadlines, tendering: MethodDeadlines }),
  requiredDocuments: z.strictObject({ assignment: Documents, ordering: Documents, tendering: Documents }),
});
export type AcceptanceSettings = z.infer<typeof AcceptanceSettings>;

export const AcceptanceSettingsView = z.object({
  settings: AcceptanceSettings,
  defaults: AcceptanceSettings,
  canEdit: z.boolean(),
});
export type AcceptanceSettingsView = z.infer<typeof AcceptanceSettingsView>;

export function defaultAcceptanceSettings(): AcceptanceSettings {
  const days = Object.fromEntries(DEADLINE_STEPS.map((state) => [state, DEFAULT_STEP_DEADLINES[state]!.workingDays])) as Record<DossierState, number>;
  const perMethod = <T>(make: () => T) => Object.fromEntries(ORDERING_METHODS.map((method) => [method, make()])) as Record<OrderingMethod, T>;
  return { stepDeadlines: perMethod(() => ({ ...days })), requiredDocuments: perMethod(() => [...DEFAULT_REQUIRED_DOCUMENTS]) } as AcceptanceSettings;
}
