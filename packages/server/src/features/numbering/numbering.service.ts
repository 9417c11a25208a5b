import { sql } from 'drizzle-orm';
import { formatDocumentNumber, formatDossierCode, localDate } from '@nghiemthu/shared';
import { rows, type Db } from '../../db/client.js';

/**
 * Hands out official numbers. Call it inside the transaction that records the
 * numbered thing: the counter row stays locked until that transaction ends, so
 * concurrent requests get consecutive numbers one after another, and a
 * rollback returns the number, leaving no gap in the register.
 */
export function createNumberingService() {
  /** The next value of a counter, starting at 1 for a new scope and period. */
  async function next(tx: Db, scope: string, period: string): Promise<number> {
    const [row] = await rows<{ last_value: number }>(tx, sql`
      insert into number_sequences (scope, period, last_value) values (${scope}, ${period}, 1)
      on conflict (scope, period) do update set last_value = number_sequences.last_value + 1
      returning last_value`);
    return row!.last_value;
  }

  /** `<agency code>-YYMMDD-XXXX`, the sequence restarting each day (Vietnam time) for each agency. */
  async function nextDossierCode(tx: Db, agency: { id: string; code: string }, at: Date): Promise<string> {
    const day = localDate(at);
    return formatDossierCode(agency.code, day, await next(tx, `dossier:${agency.id}`, day));
  }

  /**
   * The next document number of an issuing agency for the year, e.g.
   * `15/BB-SKHCN`. Confidential documents have a series of their own (Decree 30).
   */
  async function nextDocumentNumber(
    tx: Db,
    input: { issuer: { id: string; shortName: string }; typeAbbreviation: string | null; year: number; isConfidential: boolean },
  ): Promise<{ number: number; numberAndSymbol: string }> {
    const series = input.isConfidential ? 'confidential' : 'normal';
    const number = await next(tx, `document:${input.issuer.id}:${series}`, String(input.year));
    return { number, numberAndSymbol: formatDocumentNumber(number, input.typeAbbreviation, input.issuer.shortName) };
  }

  return { next, nextDossierCode, nextDocumentNumber };
}

export type NumberingService = ReturnType<typeof createNumberingService>;
