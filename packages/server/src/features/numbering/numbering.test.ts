import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTransaction } from '../../db/client.js';
import { buildTestApp, type TestApp } from '../../testing/test-app.js';
import { createNumberingService } from './numbering.service.js';

let t: TestApp;
const numbering = createNumberingService();
const dost = { id: '11111111-1111-4111-8111-111111111111', code: '000.00.11.H99', shortName: 'SKHCN' };
const finance = { id: '22222222-2222-4222-8222-222222222222', code: '000.00.05.H99', shortName: 'STC' };

beforeAll(async () => {
  t = await buildTestApp({ demo: false });
});
afterAll(() => t.close());

const inTransaction = <T>(fn: Parameters<typeof withTransaction<T>>[1]) => withTransaction(t.db, fn);

describe('dossier codes', () => {
  it('count per agency and per day in Vietnam, from 0001', async () => {
    const morning = new Date('2026-03-02T01:00:00Z'); // 08:00 in Hà Nội
    const lateEvening = new Date('2026-03-02T16:30:00Z'); // 23:30 the same day there
    const nextDay = new Date('2026-03-02T17:05:00Z'); // 00:05 on 3 March there
    const codes = await inTransaction(async (tx) => [
      await numbering.nextDossierCode(tx, dost, morning),
      await numbering.nextDossierCode(tx, dost, lateEvening),
      await numbering.nextDossierCode(tx, finance, lateEvening),
      await numbering.nextDossierCode(tx, dost, nextDay),
    ]);
    expect(codes).toEqual([
      '000.00.11.H99-260302-0001',
      '000.00.11.H99-260302-0002',
      '000.00.05.H99-260302-0001',
      '000.00.11.H99-260303-0001',
    ]);
  });
});

describe('document numbers', () => {
  it('restart at 01 each year, per issuer, with a separate series for confidential documents', async () => {
    const take = (year: number, isConfidential = false, issuer = dost) =>
      inTransaction((tx) => numbering.nextDocumentNumber(tx, { issuer, typeAbbreviation: 'BB', year, isConfidential }));
    expect((await take(2026)).numberAndSymbol).toBe('01/BB-SKHCN');
    expect((await take(2026)).numberAndSymbol).toBe('02/BB-SKHCN');
    expect((await take(2026, true)).numberAndSymbol).toBe('01/BB-SKHCN');
    expect((await take(2026, false, finance)).numberAndSymbol).toBe('01/BB-STC');
    expect((await take(2027)).numberAndSymbol).toBe('01/BB-SKHCN');
    expect((await take(2026)).numberAndSymbol).toBe('03/BB-SKHCN');
  });

  it('gives a number back when the change that took it rolls back, leaving no gap', async () => {
    const take = (tx: Parameters<Parameters<typeof withTransaction>[1]>[0]) =>
      numbering.nextDocumentNumber(tx, { issuer: finance, typeAbbreviation: 'QĐ', year: 2030, isConfidential: false });
    await expect(inTransaction(async (tx) => {
      await take(tx);
      throw new Error('the minutes could not be stored');
    })).rejects.toThrow('could not be stored');
    expect((await inTransaction(take)).numberAndSymbol).toBe('01/QĐ-STC');
  });

  it('hands out unique, consecutive numbers to concurrent requests', async () => {
    const requests = Array.from({ length: 30 }, () =>
      inTransaction(async (tx) => {
        const taken = await numbering.nextDocumentNumber(tx, { issuer: dost, typeAbbreviation: 'TB', year: 2031, isConfidential: false });
        // Hold the transaction open a moment, as a real request writing its document would.
        await new Promise((resolve) => setTimeout(resolve, 5));
        return taken.number;
      }),
    );
    const numbers = (await Promise.all(requests)).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });
});
