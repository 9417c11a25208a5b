import { describe, expect, it } from 'vitest';
import { checkPeriods, numberPeriods, periodBounds, splitEvenly } from './acceptance-periods.js';
import { acceptedLineValue, checkPayment, lineAmount, sumDecimals } from './money-rules.js';

describe('acceptance periods', () => {
  it('cuts quarters at calendar quarters, clipped to the order dates', () => {
    expect(periodBounds('quarterly', '2026-02-15', '2026-12-31')).toEqual([
      { label: 'Quý I/2026', startDate: '2026-02-15', endDate: '2026-03-31' },
      { label: 'Quý II/2026', startDate: '2026-04-01', endDate: '2026-06-30' },
      { label: 'Quý III/2026', startDate: '2026-07-01', endDate: '2026-09-30' },
      { label: 'Quý IV/2026', startDate: '2026-10-01', endDate: '2026-12-31' },
    ]);
    expect(periodBounds('monthly', '2025-12-01', '2026-02-10').map((p) => p.label)).toEqual(['Tháng 12/2025', 'Tháng 01/2026', 'Tháng 02/2026']);
    expect(periodBounds('monthly', '2028-02-01', '2028-02-29')[0]!.endDate).toBe('2028-02-29');
    expect(periodBounds('yearly', '2025-07-01', '2026-06-30').map((p) => [p.startDate, p.endDate])).toEqual([['2025-07-01', '2025-12-31'], ['2026-01-01', '2026-06-30']]);
  });

  it('splits a quantity evenly to 4 decimals and gives the remainder to the last period, so the sum is exact', () => {
    const periods = splitEvenly('quarterly', '2026-01-01', '2026-12-31', [{ lineNo: 1, quantity: '10', unitPrice: 3 }]);
    expect(periods.map((p) => p.quantities[0]!.quantity)).toEqual(['2.5', '2.5', '2.5', '2.5']);
    const thirds = splitEvenly('monthly', '2026-01-01', '2026-03-31', [{ lineNo: 1, quantity: '1', unitPrice: 3 }]);
    expect(thirds.map((p) => p.quantities[0]!.quantity)).toEqual(['0.3333', '0.3333', '0.3334']);
    expect(checkPeriods(thirds, '2026-01-01', '2026-03-31', [{ lineNo: 1, quantity: '1', unitPrice: 3 }])).toEqual([]);
  });

  it('keeps the quantities of periods already taken and splits the rest over the others', () => {
    const kept = [{ startDate: '2026-01-01', endDate: '2026-03-31', quantities: [{ lineNo: 1, quantity: '3' }] }];
    const periods = splitEvenly('quarterly', '2026-01-01', '2026-12-31', [{ lineNo: 1, quantity: '9', unitPrice: 1 }], kept);
    expect(periods.map((p) => p.quantities[0]!.quantity)).toEqual(['3', '2', '2', '2']);
  });

  it('names each problem: outside the order, overlapping, unknown line, sums that do not match', () => {
    const lines = [{ lineNo: 1, quantity: '12', unitPrice: 1000 }];
    const problems = checkPeriods(
      [
        { label: 'Đợt 1', startDate: '2025-12-01', endDate: '2026-03-31', quantities: [{ lineNo: 1, quantity: '5' }] },
        { label: 'Đợt 2', startDate: '2026-03-31', endDate: '2026-06-30', quantities: [{ lineNo: 1, quantity: '5' }, { lineNo: 2, quantity: '1' }] },
      ],
      '2026-01-01', '2026-12-31', lines,
    );
    expect(problems).toEqual([
      { key: 'orderPeriodOutside', index: 0, label: 'Đợt 1' },
      { key: 'orderPeriodOutside', index: 1, label: 'Đợt 2' },
      { key: 'orderPeriodLineUnknown', index: 1, label: 'Đợt 2', line: 2 },
      { key: 'orderPeriodQuantities', line: 1, sum: '10', quantity: '12' },
    ]);
  });

  it('values each period per line, rounded down', () => {
    const lines = [{ lineNo: 1, quantity: '1', unitPrice: 1_000_001 }, { lineNo: 2, quantity: '3', unitPrice: 500 }];
    const [first] = numberPeriods([{ label: 'Đợt 1', startDate: '2026-01-01', endDate: '2026-12-31', quantities: [{ lineNo: 1, quantity: '0.5' }, { lineNo: 2, quantity: '3' }] }], lines);
    expect(first).toMatchObject({ periodNo: 1, plannedValue: 500_000 + 1_500, quantities: [{ lineNo: 1, quantity: '0.5' }, { lineNo: 2, quantity: '3' }] });
  });
});

describe('money rules', () => {
  it('computes line amounts exactly, rounding down to the đồng', () => {
    expect(lineAmount('1500.5', 12_000)).toBe(18_006_000);
    expect(lineAmount('0.3333', 100)).toBe(33);
    expect(lineAmount('12', 9_007_199_254)).toBe(108_086_391_048);
    expect(sumDecimals(['0.3333', '0.3333', '0.3334'])).toBe('1');
  });

  it('never accepts more than planned, never below zero', () => {
    expect(acceptedLineValue({ unitPrice: 1000, acceptedQuantity: '12', plannedValue: 10_000, deduction: 0 })).toBe(10_000);
    expect(acceptedLineValue({ unitPrice: 1000, acceptedQuantity: '8', plannedValue: 10_000, deduction: 500 })).toBe(7_500);
    expect(acceptedLineValue({ unitPrice: 1000, acceptedQuantity: '1', plannedValue: 10_000, deduction: 5_000 })).toBe(0);
  });

  const base = { orderValue: 1_000, advanceLimit: 300, paidSoFar: { advances: 0, total: 0 }, acceptedSoFar: 0, acceptedOn: null, paidOn: '2026-03-01' };
  it('caps advances at the order limit and payments at what was accepted, never dated before acceptance', () => {
    expect(checkPayment({ ...base, kind: 'advance', amount: 300 })).toEqual({ isAllowed: true });
    expect(checkPayment({ ...base, kind: 'advance', amount: 301 })).toMatchObject({ isAllowed: false, key: 'advanceAboveLimit' });
    expect(checkPayment({ ...base, kind: 'interim', amount: 100 })).toMatchObject({ isAllowed: false, key: 'paymentBeforeAcceptance' });
    const accepted = { ...base, acceptedSoFar: 500, acceptedOn: '2026-03-01', paidSoFar: { advances: 300, total: 300 } };
    expect(checkPayment({ ...accepted, kind: 'interim', amount: 200 })).toEqual({ isAllowed: true });
    expect(checkPayment({ ...accepted, kind: 'final', amount: 201 })).toMatchObject({ isAllowed: false, key: 'paymentAboveAccepted' });
    expect(checkPayment({ ...accepted, kind: 'final', amount: 100, paidOn: '2026-02-28' })).toMatchObject({ isAllowed: false, key: 'paymentBeforeAcceptance' });
    expect(checkPayment({ ...accepted, acceptedSoFar: 2_000, kind: 'final', amount: 701 })).toMatchObject({ isAllowed: false, key: 'paymentAboveOrdered' });
  });
});
