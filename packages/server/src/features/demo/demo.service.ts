import { eq, inArray } from 'drizzle-orm';
import { withTransaction, type Database } from '../../db/client.js';
import { agencies, settings, users } from '../../db/schema.js';
import type { AppDeps } from '../../app.js';
import { createServices } from '../../services.js';
import type { Actor } from '../auth/actor.js';
import type { AuditSource } from '../audit/audit.service.js';
import {
  DEMO_AGENCIES,
  DEMO_CATALOGUE,
  DEMO_INFORMATION_SYSTEMS,
  DEMO_NORM_REFERENCE,
  DEMO_PASSWORD,
  DEMO_PRICE_DECISIONS,
  DEMO_PROVINCE_NAME,
  DEMO_SYSTEM_OPERATOR_CODE,
  DEMO_USERS,
} from './demo-data.js';
import { DEMO_LOADED_KEY, PROVINCE_NAME_KEY } from '../settings/settings.service.js';
import { DEFAULT_HOLIDAY_YEARS } from '../calendar/vietnam-holidays.js';
import { seedDemoAcceptance } from './demo-acceptance.js';
import { seedDemoRecords } from './demo-records.js';

/** The installation itself acting (seeding, maintenance): full rights, recorded in the audit log with no user. */
export const SYSTEM_ACTOR: Actor = {
  userId: '00000000-0000-0000-0000-000000000000',
  username: 'system',
  fullName: 'NghiemThu',
  agencyId: '00000000-0000-0000-0000-000000000000',
  roles: ['system_admin'],
  onBehalfOf: null,
  sessionTokenHash: '',
  csrfToken: '',
};

export type SeedOutcome = 'seeded' | 'alreadyLoaded' | 'notEmpty';

/**
 * Loads the fictional demo province through the same services a person would
 * use, so every agency, code change, merger and user is audited. All of it is
 * one transaction: a failure leaves the database as it was. With
 * `acceptance`, also a year and a half of orders and dossiers
 * (demo-acceptance.ts); tests leave it off, `npm start` and the CLI turn it on.
 */
export async function seedDemo(deps: AppDeps, options: { userAgent: string; acceptance?: boolean }): Promise<SeedOutcome> {
  const { database } = deps;
  if (await isLoaded(database)) return 'alreadyLoaded';
  const codes = DEMO_AGENCIES.map((agency) => agency.code);
  const clash = await database.db.select({ id: agencies.id }).from(agencies).where(inArray(agencies.code, codes));
  const userClash = await database.db
    .select({ id: users.id })
    .from(users)
    .where(inArray(users.username, DEMO_USERS.map((user) => user.username)));
  if (clash.length > 0 || userClash.length > 0) return 'notEmpty';

  const source: AuditSource = { actor: null, ip: null, userAgent: options.userAgent };
  await withTransaction(database.db, async (tx) => {
    const services = createServices({ ...deps, database: { ...database, db: tx } });
    const ids = new Map<string, string>();
    for (const demo of DEMO_AGENCIES) {
      const first = demo.formerCodes?.[0];
      const created = await services.agencies.create(SYSTEM_ACTOR, {
        code: first?.code ?? demo.code,
        name: demo.name,
        shortName: demo.shortName,
        type: demo.type,
        parentId: demo.parentCode ? (ids.get(demo.parentCode) ?? null) : null,
        validFrom: first?.validFrom ?? demo.validFrom,
      }, source);
      ids.set(demo.code, created.id);
      if (first) {
        await services.agencies.changeCode(SYSTEM_ACTOR, created.id, { code: demo.code, validFrom: demo.validFrom, reason: first.reason }, source);
      }
    }
    for (const demo of DEMO_AGENCIES.filter((agency) => agency.closed)) {
      const { validTo, successorCode, reason } = demo.closed!;
      await services.agencies.close(SYSTEM_ACTOR, ids.get(demo.code)!, { validTo, successorId: ids.get(successorCode)!, reason }, source);
    }
    for (const demo of DEMO_USERS) {
      const user = await services.users.create(SYSTEM_ACTOR, {
        username: demo.username,
        fullName: demo.fullName,
        email: `${demo.username}@an-binh.demo.invalid`,
        roles: [demo.role],
        agencyId: ids.get(demo.agencyCode)!,
        password: DEMO_PASSWORD,
      }, source);
      // Demo accounts use the published password as they are; real accounts must change theirs.
      await tx.update(users).set({ mustChangePassword: false }).where(eq(users.id, user.id));
    }
    // Deadlines count working days: load the built-in public holidays (an administrator checks them each year).
    for (const year of DEFAULT_HOLIDAY_YEARS) await services.calendar.loadDefaults(SYSTEM_ACTOR, year, source);
    const systemIds = new Map<string, string>();
    for (const demo of DEMO_INFORMATION_SYSTEMS) {
      const system = await services.informationSystems.create(SYSTEM_ACTOR, {
        code: demo.code, name: demo.name, description: demo.description, ownerAgencyId: ids.get(demo.ownerCode)!,
        operatorAgencyId: ids.get(DEMO_SYSTEM_OPERATOR_CODE)!, securityLevel: demo.securityLevel,
        securityDecisionNumber: demo.securityDecisionNumber, securityDecisionDate: '2025-03-15', components: demo.components,
      }, source);
      systemIds.set(demo.code, system.id);
    }
    for (const demo of DEMO_CATALOGUE) {
      const service = await services.catalogue.create(SYSTEM_ACTOR, {
        code: demo.code, name: demo.name, unit: demo.unit, orderingMethods: demo.orderingMethods, normReference: DEMO_NORM_REFERENCE,
      }, source);
      for (const [index, unitPrice] of demo.prices.entries()) {
        await services.catalogue.addPrice(SYSTEM_ACTOR, service.id, { ...DEMO_PRICE_DECISIONS[index]!, unitPrice, validTo: null }, source);
      }
      for (const kpi of demo.kpis) await services.catalogue.addKpi(SYSTEM_ACTOR, service.id, kpi, source);
      for (const code of demo.systemCodes) await services.catalogue.linkSystem(SYSTEM_ACTOR, service.id, systemIds.get(code)!, source);
    }
    await services.settings.put(tx, DEMO_LOADED_KEY, true);
    await services.settings.put(tx, PROVINCE_NAME_KEY, DEMO_PROVINCE_NAME);
    const acceptance = options.acceptance ? await seedDemoAcceptance({ ...deps, database: { ...database, db: tx } }, { userAgent: options.userAgent }) : null;
    if (options.acceptance) await seedDemoRecords({ ...deps, database: { ...database, db: tx } }, { userAgent: options.userAgent });
    await services.audit.record(tx, source, {
      action: 'demo.seeded', entityType: 'installation', agencyId: null,
      after: { province: DEMO_PROVINCE_NAME, agencies: DEMO_AGENCIES.length, users: DEMO_USERS.map((u) => u.username), passwordChangeRequired: false,
        informationSystems: DEMO_INFORMATION_SYSTEMS.length, catalogueServices: DEMO_CATALOGUE.length, ...(acceptance ? { acceptance } : {}) },
    });
  });
  return 'seeded';
}

async function isLoaded(database: Database): Promise<boolean> {
  const [row] = await database.db.select().from(settings).where(eq(settings.key, DEMO_LOADED_KEY));
  return row?.value === true;
}
