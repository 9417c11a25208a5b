import { AcceptanceSettings, defaultAcceptanceSettings, type AcceptanceSettingsView } from '@nghiemthu/shared';
import { withTransaction, type Db } from '../../db/client.js';
import { forbidden } from '../../lib/errors.js';
import type { AuditService, AuditSource } from '../audit/audit.service.js';
import { hasRole, type Actor } from '../auth/actor.js';
import type { SettingsService } from '../settings/settings.service.js';

export const ACCEPTANCE_SETTINGS_KEY = 'acceptance.settings';

/**
 * Step deadlines and required documents per ordering method: open in the
 * law (domain.md §3), so settings with [practice] defaults. Everyone who
 * works on dossiers may read them; system administrators change them.
 */
export function createAcceptanceSettingsService(deps: { db: Db; audit: AuditService; settings: SettingsService }) {
  const { db, audit, settings } = deps;

  async function current(): Promise<AcceptanceSettings> {
    const stored = await settings.get<unknown>(ACCEPTANCE_SETTINGS_KEY);
    if (stored === undefined) return defaultAcceptanceSettings();
    // Only put() below writes it, after validation: anything else is a damaged database, not a default to fall back on.
    return AcceptanceSettings.parse(stored);
  }

  const canEdit = (actor: Actor) => hasRole(actor, 'system_admin');

  async function view(actor: Actor): Promise<AcceptanceSettingsView> {
    return { settings: await current(), defaults: defaultAcceptanceSettings(), canEdit: canEdit(actor) };
  }

  async function put(actor: Actor, body: AcceptanceSettings, source: AuditSource): Promise<AcceptanceSettingsView> {
    if (!canEdit(actor)) throw forbidden();
    return withTransaction(db, async (tx) => {
      const before = await current();
      await settings.put(tx, ACCEPTANCE_SETTINGS_KEY, body);
      await audit.record(tx, source, { action: 'settings.acceptance_changed', entityType: 'settings', entityId: ACCEPTANCE_SETTINGS_KEY, agencyId: null, before, after: body });
      return { settings: body, defaults: defaultAcceptanceSettings(), canEdit: true };
    });
  }

  return { current, view, put };
}

export type AcceptanceSettingsService = ReturnType<typeof createAcceptanceSettingsService>;
