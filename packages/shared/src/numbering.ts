import { DISPLAY_TIME_ZONE } from './dates.js';

/**
 * Official numbers (Decree 30/2020 for documents; the one-stop dossier code
 * form `<agency code>-YYMMDD-XXXX`, Decree 118/2025, for acceptance dossiers).
 * Only the formats live here; the counters are in the database.
 */

const localParts = new Intl.DateTimeFormat('en-CA', { timeZone: DISPLAY_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date of an instant in Vietnam, as YYYY-MM-DD: a dossier sent at 23:30 UTC is dated the next day. */
export function localDate(instant: Date): string {
  return localParts.format(instant);
}

/** `000.00.11.H99-261122-0001`: the agency's code, the day (YYMMDD, Vietnam time), a daily sequence of four digits. */
export function formatDossierCode(agencyCode: string, day: string, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 9999) throw new RangeError(`dossier sequence out of range: ${sequence}`);
  const [year, month, date] = day.split('-');
  return `${agencyCode}-${year!.slice(2)}${month}${date}-${String(sequence).padStart(4, '0')}`;
}

/**
 * Number and symbol of a document: `15/BB-SKHCN`. Numbers start at 01 each
 * year, written with at least two digits; the symbol is the document type's
 * abbreviation and the issuing agency's (CV, the official letter, has no type
 * abbreviation and is written `15/SKHCN`).
 */
export function formatDocumentNumber(number: number, typeAbbreviation: string | null, issuerShortName: string): string {
  if (!Number.isInteger(number) || number < 1) throw new RangeError(`document number out of range: ${number}`);
  const symbol = typeAbbreviation ? `${typeAbbreviation}-${issuerShortName}` : issuerShortName;
  return `${String(number).padStart(2, '0')}/${symbol}`;
}
