import { describe, expect, it } from 'vitest';
import { formatDocumentNumber, formatDossierCode, localDate } from './numbering.js';

describe('numbering formats', () => {
  it('dates a dossier by the day in Vietnam', () => {
    expect(localDate(new Date('2026-11-22T16:59:59Z'))).toBe('2026-11-22');
    expect(localDate(new Date('2026-11-22T17:00:00Z'))).toBe('2026-11-23'); // midnight in Hà Nội
    expect(localDate(new Date('2026-12-31T17:30:00Z'))).toBe('2027-01-01');
  });

  it('writes dossier codes as <agency code>-YYMMDD-XXXX', () => {
    expect(formatDossierCode('000.00.11.H99', '2026-11-22', 1)).toBe('000.00.11.H99-261122-0001');
    expect(formatDossierCode('000.00.11.H99', '2027-01-05', 9999)).toBe('000.00.11.H99-270105-9999');
    expect(() => formatDossierCode('000.00.11.H99', '2026-11-22', 10_000)).toThrow(RangeError);
    expect(() => formatDossierCode('000.00.11.H99', '2026-11-22', 0)).toThrow(RangeError);
  });

  it('writes document numbers from 01 with the type and issuer in the symbol', () => {
    expect(formatDocumentNumber(1, 'BB', 'SKHCN')).toBe('01/BB-SKHCN');
    expect(formatDocumentNumber(15, 'BB', 'SKHCN')).toBe('15/BB-SKHCN');
    expect(formatDocumentNumber(123, 'QĐ', 'UBND')).toBe('123/QĐ-UBND');
    expect(formatDocumentNumber(7, null, 'SKHCN')).toBe('07/SKHCN');
  });
});
