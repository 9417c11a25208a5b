import { describe, expect, it } from 'vitest';
import {
  DeductionRule,
  computeDeduction,
  describeDeductionRule,
  formatDecimal,
  normalizeDecimal,
  parseDecimal,
  tiersOnFailingSide,
  type DeductionRule as Rule,
} from './deduction-rules.js';
import { translate } from './messages.js';

const perUnit: Rule = { kind: 'per_unit', percentPerUnit: '2', maxPercent: '10' };
const uptimeTiers: Rule = { kind: 'tiers', tiers: [{ threshold: '99.5', percent: '2' }, { threshold: '99', percent: '5' }, { threshold: '98', percent: '10' }] };

describe('decimals', () => {
  it('parses and prints exactly, without float drift', () => {
    expect(parseDecimal('99.5')).toBe(995_000n);
    expect(parseDecimal('-0.25')).toBe(-2_500n);
    expect(formatDecimal(parseDecimal('0.1') + parseDecimal('0.2'))).toBe('0.3');
    expect(normalizeDecimal('99.5000')).toBe('99.5');
    expect(normalizeDecimal('04')).toBe('4');
    expect(() => parseDecimal('1e3')).toThrow();
    expect(() => parseDecimal('1,5')).toThrow();
  });
});

describe('rule validation', () => {
  it('accepts the three kinds and refuses unknown kinds, extra fields and bad percents', () => {
    expect(DeductionRule.safeParse({ kind: 'none' }).success).toBe(true);
    expect(DeductionRule.safeParse(perUnit).success).toBe(true);
    expect(DeductionRule.safeParse(uptimeTiers).success).toBe(true);
    expect(DeductionRule.safeParse({ kind: 'flat', percent: '5' }).success).toBe(false);
    expect(DeductionRule.safeParse({ kind: 'none', percent: '5' }).success).toBe(false);
    expect(DeductionRule.safeParse({ kind: 'per_unit', percentPerUnit: '2', maxPercent: '101' }).success).toBe(false);
    expect(DeductionRule.safeParse({ kind: 'per_unit', percentPerUnit: 2, maxPercent: '10' }).success).toBe(false);
    expect(DeductionRule.safeParse({ kind: 'tiers', tiers: [] }).success).toBe(false);
    const duplicate = DeductionRule.safeParse({ kind: 'tiers', tiers: [{ threshold: '99', percent: '1' }, { threshold: '99.0', percent: '2' }] });
    expect(duplicate.success).toBe(false);
    expect(duplicate.error?.issues[0]?.message).toBe('tierThresholdsUnique');
  });

  it('checks tier thresholds lie on the failing side of the target', () => {
    expect(tiersOnFailingSide(uptimeTiers, '99.5', 'at_least')).toBe(true);
    expect(tiersOnFailingSide(uptimeTiers, '99', 'at_least')).toBe(false);
    expect(tiersOnFailingSide({ kind: 'tiers', tiers: [{ threshold: '8', percent: '5' }] }, '4', 'at_most')).toBe(true);
    expect(tiersOnFailingSide(uptimeTiers, '100', 'at_most')).toBe(false);
  });
});

describe('computeDeduction', () => {
  it('deducts nothing under rule none, whatever the value', () => {
    const result = computeDeduction({ kind: 'none' }, { target: '99.5', direction: 'at_least', actual: '50', lineValue: 1_000_000 });
    expect(result).toEqual({ amount: 0, percent: '0', explanation: { key: 'deductionRuleNone', params: { target: '99.5', actual: '50' } } });
  });

  it('deducts nothing on the exact target, in both directions', () => {
    expect(computeDeduction(perUnit, { target: '99.5', direction: 'at_least', actual: '99.50', lineValue: 1_000_000 }).amount).toBe(0);
    expect(computeDeduction(perUnit, { target: '4', direction: 'at_most', actual: '4', lineValue: 1_000_000 }).explanation.key).toBe('deductionTargetMet');
    expect(computeDeduction(uptimeTiers, { target: '99.5', direction: 'at_least', actual: '99.5', lineValue: 1_000_000 }).amount).toBe(0);
  });

  it('per unit, at least: proportional to the shortfall, exact for decimal shortfalls', () => {
    // 99.5 − 99.2 = 0.3 units × 2 % = 0.6 % of 10 000 000 = 60 000 (0.1 + 0.2 style sums stay exact).
    const result = computeDeduction(perUnit, { target: '99.5', direction: 'at_least', actual: '99.2', lineValue: 10_000_000 });
    expect(result.amount).toBe(60_000);
    expect(result.percent).toBe('0.6');
    expect(result.explanation).toEqual({
      key: 'deductionPerUnit',
      params: { target: '99.5', actual: '99.2', shortfall: '0.3', percentPerUnit: '2', maxPercent: '10', percent: '0.6', amount: 60_000 },
    });
    expect(translate('vi', result.explanation.key, result.explanation.params)).toContain('thiếu hụt 0.3');
  });

  it('per unit, at most: hours over the limit, capped at maxPercent', () => {
    const over = computeDeduction(perUnit, { target: '4', direction: 'at_most', actual: '6.5', lineValue: 3_000_000 });
    expect(over).toMatchObject({ amount: 150_000, percent: '5' }); // 2.5 h × 2 %
    const capped = computeDeduction(perUnit, { target: '4', direction: 'at_most', actual: '48', lineValue: 3_000_000 });
    expect(capped).toMatchObject({ amount: 300_000, percent: '10', explanation: { key: 'deductionPerUnitCapped' } });
    expect(computeDeduction(perUnit, { target: '4', direction: 'at_most', actual: '3', lineValue: 3_000_000 }).amount).toBe(0);
  });

  it('rounds down to the whole đồng', () => {
    // 1 % of 999 999 = 9 999.99 → 9 999
    const result = computeDeduction({ kind: 'per_unit', percentPerUnit: '1', maxPercent: '100' }, { target: '10', direction: 'at_least', actual: '9', lineValue: 999_999 });
    expect(result.amount).toBe(9_999);
    // 0.0001 % of 1 000 000 = 1 đồng exactly; of 999 999 = 0.99 → 0
    const tiny: Rule = { kind: 'per_unit', percentPerUnit: '0.0001', maxPercent: '100' };
    expect(computeDeduction(tiny, { target: '1', direction: 'at_least', actual: '0', lineValue: 1_000_000 }).amount).toBe(1);
    expect(computeDeduction(tiny, { target: '1', direction: 'at_least', actual: '0', lineValue: 999_999 }).amount).toBe(0);
  });

  it('never goes above the line value, and works on large values exactly', () => {
    const all: Rule = { kind: 'per_unit', percentPerUnit: '100', maxPercent: '100' };
    expect(computeDeduction(all, { target: '10', direction: 'at_least', actual: '0', lineValue: 5_000_000 }).amount).toBe(5_000_000);
    const big = Number.MAX_SAFE_INTEGER; // 9 007 199 254 740 991
    expect(computeDeduction({ kind: 'per_unit', percentPerUnit: '1', maxPercent: '100' }, { target: '1', direction: 'at_least', actual: '0', lineValue: big }).amount)
      .toBe(90_071_992_547_409);
    expect(computeDeduction(all, { target: '1', direction: 'at_least', actual: '0', lineValue: 0 }).amount).toBe(0);
  });

  it('tiers, at least: the furthest threshold passed applies, whatever order they are listed in', () => {
    const input = { target: '99.5', direction: 'at_least' as const, lineValue: 20_000_000 };
    expect(computeDeduction(uptimeTiers, { ...input, actual: '99.4' })).toMatchObject({ amount: 400_000, percent: '2' });
    expect(computeDeduction(uptimeTiers, { ...input, actual: '99' })).toMatchObject({ amount: 400_000, percent: '2' }); // equal to 99 is not beyond it
    expect(computeDeduction(uptimeTiers, { ...input, actual: '98.99' })).toMatchObject({ amount: 1_000_000, percent: '5' });
    const reversed: Rule = { kind: 'tiers', tiers: [...(uptimeTiers as Extract<Rule, { kind: 'tiers' }>).tiers].reverse() };
    expect(computeDeduction(reversed, { ...input, actual: '90' })).toMatchObject({ amount: 2_000_000, percent: '10', explanation: { key: 'deductionTier', params: { threshold: '98' } } });
  });

  it('tiers, at most: above the threshold; a miss below every threshold deducts nothing', () => {
    const response: Rule = { kind: 'tiers', tiers: [{ threshold: '8', percent: '3' }, { threshold: '24', percent: '10' }] };
    const input = { target: '4', direction: 'at_most' as const, lineValue: 1_000_000 };
    expect(computeDeduction(response, { ...input, actual: '6' })).toMatchObject({ amount: 0, explanation: { key: 'deductionNoTier' } });
    expect(computeDeduction(response, { ...input, actual: '8.5' }).amount).toBe(30_000);
    expect(computeDeduction(response, { ...input, actual: '30' }).amount).toBe(100_000);
  });

  it('refuses a line value that is not integer VND', () => {
    expect(() => computeDeduction(perUnit, { target: '1', direction: 'at_least', actual: '0', lineValue: 1.5 })).toThrow();
    expect(() => computeDeduction(perUnit, { target: '1', direction: 'at_least', actual: '0', lineValue: -1 })).toThrow();
  });
});

describe('describeDeductionRule', () => {
  it('words each rule in Vietnamese and English with the same facts', () => {
    const words = describeDeductionRule(perUnit, { target: '99.50', direction: 'at_least', unit: '%' });
    expect(translate('vi', words.key, words.params)).toBe('Chỉ tiêu tối thiểu 99.5 %; mỗi % thấp hơn giảm trừ 2% giá trị, tối đa 10%.');
    const tiers = describeDeductionRule(uptimeTiers, { target: '99.5', direction: 'at_least', unit: '%' });
    expect(translate('en', tiers.key, tiers.params)).toBe('At least 99.5 %; below a threshold the deduction follows the tiers: 99.5 → 2 %; 99 → 5 %; 98 → 10 %.');
  });
});
