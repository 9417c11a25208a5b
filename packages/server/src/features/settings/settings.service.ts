import { eq } from 'drizzle-orm';
import type { PublicConfig, Role } from '@nghiemthu/shared';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { settings, users } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { DEMO_PASSWORD, DEMO_PROVINCE_NAME, DEMO_USERNAMES } from '../demo/demo-data.js';

export const DEMO_LOADED_KEY = 'demo.loaded';
export const PROVINCE_NAME_KEY = 'province.name';

export function createSettingsService(deps: { db: Db; clock: Clock; config: Pick<Config, 'provinceName'> }) {
  const { db, clock } = deps;

  async function get<T>(key: string): Promise<T | undefined> {
    const [row] = await db.select().from(settings).where(eq(settings.key, key));
    return row?.value as T | undefined;
  }

  /** Settings rows are written inside the caller's transaction (with its audit event). */
  async function put(tx: Db, key: string, value: unknown) {
    await tx
      .insert(settings)
      .values({ key, value, updatedAt: clock.now() })
      .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: clock.now() } });
  }

  async function isDemoLoaded(): Promise<boolean> {
    return (await get<boolean>(DEMO_LOADED_KEY)) === true;
  }

  /** The demo accounts appear on the sign-in page only while the demo data set is loaded. */
  async function publicConfig(): Promise<PublicConfig> {
    const isDemo = await isDemoLoaded();
    const provinceName = deps.config.provinceName ?? (await get<string>(PROVINCE_NAME_KEY)) ?? (isDemo ? DEMO_PROVINCE_NAME : '');
    if (!isDemo) return { provinceName, demoPassword: null, demoAccounts: [] };
    const rows = await db.select({ username: users.username, fullName: users.fullName, roles: users.roles, isActive: users.isActive }).from(users);
    const demo = rows.filter((row) => row.isActive && (DEMO_USERNAMES as readonly string[]).includes(row.username));
    demo.sort((a, b) => DEMO_USERNAMES.indexOf(a.username as never) - DEMO_USERNAMES.indexOf(b.username as never));
    return {
      provinceName,
      demoPassword: DEMO_PASSWORD,
      demoAccounts: demo.map((row) => ({ username: row.username, fullName: row.fullName, role: row.roles[0] as Role })),
    };
  }

  return { get, put, isDemoLoaded, publicConfig };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
