import { sql } from 'drizzle-orm';
import { rows, type Db } from '../db/client.js';

/** Tables whose content a refused request must leave exactly as it was (sessions change on every sign-in). */
const STORED_TABLES = [
  'agencies', 'agency_codes', 'users', 'audit_events', 'audit_head', 'files', 'tasks', 'settings',
  'information_systems', 'catalogue_services', 'service_prices', 'service_kpis', 'service_information_systems',
  'calendar_days', 'number_sequences', 'delegations',
  'orders', 'order_versions', 'dossiers', 'dossier_lines', 'dossier_kpis', 'dossier_files', 'dossier_events', 'dossier_comments',
  'councils', 'council_members', 'council_votes', 'payments', 'notifications',
] as const;

/** One digest per table over every row, in a fixed order: equal fingerprints mean nothing stored changed. */
export async function fingerprint(db: Db): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const table of STORED_TABLES) {
    const [row] = await rows<{ digest: string | null; n: number }>(
      db,
      sql.raw(`select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest, count(*)::int as n from ${table} t`),
    );
    result[table] = `${row?.n}:${row?.digest}`;
  }
  return result;
}
