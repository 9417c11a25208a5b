import { z } from 'zod';
import type { MessageKey, MessageParams } from './messages.js';

/**
 * Quality deductions (giảm trừ khi không đạt chỉ tiêu chất lượng). The rules
 * themselves are [open] in the domain brief, so each KPI of the catalogue
 * carries one of these configurable kinds; this file is the only place that
 * computes an amount from them.
 *
 * Decimals (targets, measured values, percentages) travel as strings such as
 * "99.5" and are computed as integers scaled by 10^4 (the database's numeric
 * scale), so no binary floating point ever touches money.
 */

/** Up to 10 integer digits and 4 decimals, optional minus sign: "99.5", "4", "-0.25". */
export const DECIMAL_PATTERN = /^-?\d{1,10}(\.\d{1,4})?$/;
export const DecimalString = z.string().trim().regex(DECIMAL_PATTERN, { message: 'decimalForm' });

const SCALE = 10_000n;
const SCALE_DIGITS = 4;

/** "99.5" → 995000n (scaled by 10^4); throws on anything DECIMAL_PATTERN refuses. */
export function parseDecimal(text: string): bigint {
  const trimmed = text.trim();
  if (!DECIMAL_PATTERN.test(trimmed)) throw new Error(`not a decimal: ${text}`);
  const negative = trimmed.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? trimmed.slice(1) : trimmed).split('.');
  const scaled = BigInt(whole) * SCALE + BigInt(fraction.padEnd(SCALE_DIGITS, '0'));
  return negative ? -scaled : scaled;
}

/** 995000n → "99.5": no trailing zeros, no exponent. */
export function formatDecimal(scaled: bigint): string {
  const negative = scaled < 0n;
  const abs = negative ? -scaled : scaled;
  const whole = abs / SCALE;
  const fraction = (abs % SCALE).toString().padStart(SCALE_DIGITS, '0').replace(/0+$/, '');
  return `${negative && abs !== 0n ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** The same number written the one canonical way ("99.5000" → "99.5", "04" → "4"). */
export function normalizeDecimal(text: string): string {
  return formatDecimal(parseDecimal(text));
}

const Percent = DecimalString.refine((value) => parseDecimal(value) >= 0n && parseDecimal(value) <= 100n * SCALE, {
  message: 'percentRange',
});

export const DEDUCTION_RULE_KINDS = ['none', 'per_unit', 'tiers'] as const;
export type DeductionRuleKind = (typeof DEDUCTION_RULE_KINDS)[number];

export const DeductionTier = z.strictObject({ threshold: DecimalString, percent: Percent });
export type DeductionTier = z.infer<typeof DeductionTier>;

/**
 * - `none`: the KPI is reported but never deducted.
 * - `per_unit`: percentPerUnit % of the line value per unit of shortfall from
 *   the target (fractions of a unit count in proportion), at most maxPercent %.
 * - `tiers`: the percent of the furthest threshold the actual value falls
 *   beyond (below it for "at least", above it for "at most"); equal to a
 *   threshold is not beyond it.
 */
export const DeductionRule = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('none') }),
  z.strictObject({ kind: z.literal('per_unit'), percentPerUnit: Percent, maxPercent: Percent }),
  z.strictObject({
    kind: z.literal('tiers'),
    tiers: z
      .array(DeductionTier)
      .min(1)
      .max(20)
      .refine((tiers) => new Set(tiers.map((tier) => parseDecimal(tier.threshold))).size === tiers.length, {
        message: 'tierThresholdsUnique',
      }),
  }),
]);
export type DeductionRule = z.infer<typeof DeductionRule>;

export const KPI_DIRECTIONS = ['at_least', 'at_most'] as const;
export const KpiDirection = z.enum(KPI_DIRECTIONS);
export type KpiDirection = z.infer<typeof KpiDirection>;

export type DeductionInput = {
  target: string;
  direction: KpiDirection;
  actual: string;
  /** The value of the order line the KPI applies to, integer VND ≥ 0. */
  lineValue: number;
};

/** What to write in the acceptance minutes: a message key of the shared catalogue and its parameters. */
export type DeductionExplanation = { key: MessageKey; params: MessageParams };

export type DeductionResult = {
  /** Integer VND, rounded down, 0 ≤ amount ≤ lineValue. */
  amount: number;
  /** The percent of the line value deducted, as a decimal string ("3.5"). */
  percent: string;
  explanation: DeductionExplanation;
};

/** How far the actual value misses the target, scaled; zero or negative when the target is met. */
function shortfallOf(direction: KpiDirection, target: bigint, actual: bigint): bigint {
  return direction === 'at_least' ? target - actual : actual - target;
}

function isBeyond(direction: KpiDirection, actual: bigint, threshold: bigint): boolean {
  return direction === 'at_least' ? actual < threshold : actual > threshold;
}

export function computeDeduction(rule: DeductionRule, input: DeductionInput): DeductionResult {
  if (!Number.isSafeInteger(input.lineValue) || input.lineValue < 0) throw new Error(`line value must be an integer VND ≥ 0: ${input.lineValue}`);
  const target = parseDecimal(input.target);
  const actual = parseDecimal(input.actual);
  const shortfall = shortfallOf(input.direction, target, actual);
  const common = { target: formatDecimal(target), actual: formatDecimal(actual) };
  const none = (key: MessageKey, params: MessageParams = {}): DeductionResult => ({
    amount: 0, percent: '0', explanation: { key, params: { ...common, ...params } },
  });

  if (rule.kind === 'none') return none('deductionRuleNone');
  if (shortfall <= 0n) return none('deductionTargetMet');

  // Percent scaled by 10^4, like every decimal here.
  let percent: bigint;
  let explanation: DeductionExplanation;
  if (rule.kind === 'per_unit') {
    const perUnit = parseDecimal(rule.percentPerUnit);
    const max = parseDecimal(rule.maxPercent);
    const uncapped = (shortfall * perUnit) / SCALE; // exact up to 10^-4 %, rounded down
    percent = uncapped > max ? max : uncapped;
    explanation = {
      key: uncapped > max ? 'deductionPerUnitCapped' : 'deductionPerUnit',
      params: { ...common, shortfall: formatDecimal(shortfall), percentPerUnit: formatDecimal(perUnit), maxPercent: formatDecimal(max), percent: formatDecimal(percent) },
    };
  } else {
    const beyond = rule.tiers
      .map((tier) => ({ threshold: parseDecimal(tier.threshold), percent: parseDecimal(tier.percent) }))
      .filter((tier) => isBeyond(input.direction, actual, tier.threshold))
      // The furthest threshold from the target is the one that applies.
      .sort((a, b) => (input.direction === 'at_least' ? Number(a.threshold - b.threshold) : Number(b.threshold - a.threshold)));
    const tier = beyond[0];
    if (!tier) return none('deductionNoTier', { shortfall: formatDecimal(shortfall) });
    percent = tier.percent;
    explanation = { key: 'deductionTier', params: { ...common, threshold: formatDecimal(tier.threshold), percent: formatDecimal(percent) } };
  }
  const raw = (BigInt(input.lineValue) * percent) / (100n * SCALE); // bigint division rounds down for non-negative values
  const amount = Number(raw < 0n ? 0n : raw > BigInt(input.lineValue) ? BigInt(input.lineValue) : raw);
  return { amount, percent: formatDecimal(percent), explanation: { key: explanation.key, params: { ...explanation.params, amount } } };
}

/** The rule in words, for the catalogue and the minutes: a message key and its parameters. */
export function describeDeductionRule(rule: DeductionRule, kpi: { target: string; direction: KpiDirection; unit: string }): DeductionExplanation {
  const target = normalizeDecimal(kpi.target);
  const side = kpi.direction === 'at_least' ? 'below' : 'above';
  switch (rule.kind) {
    case 'none':
      return { key: 'deductionRuleNone', params: { target } };
    case 'per_unit':
      return {
        key: kpi.direction === 'at_least' ? 'deductionRulePerUnitBelow' : 'deductionRulePerUnitAbove',
        params: { target, unit: kpi.unit, percentPerUnit: normalizeDecimal(rule.percentPerUnit), maxPercent: normalizeDecimal(rule.maxPercent) },
      };
    case 'tiers':
      return {
        key: side === 'below' ? 'deductionRuleTiersBelow' : 'deductionRuleTiersAbove',
        params: {
          target,
          unit: kpi.unit,
          tiers: rule.tiers.map((tier) => `${normalizeDecimal(tier.threshold)} → ${normalizeDecimal(tier.percent)} %`).join('; '),
        },
      };
  }
}

/** Tier thresholds must lie on the failing side of the target (or on it): below for "at least", above for "at most". */
export function tiersOnFailingSide(rule: DeductionRule, target: string, direction: KpiDirection): boolean {
  if (rule.kind !== 'tiers') return true;
  const goal = parseDecimal(target);
  return rule.tiers.every((tier) => (direction === 'at_least' ? parseDecimal(tier.threshold) <= goal : parseDecimal(tier.threshold) >= goal));
}
