import { DECIMAL_PATTERN, formatDecimal, parseDecimal } from './deduction-rules.js';

/**
 * The money rules of acceptance (domain.md §3, [practice]), pure so the server
 * enforces them and the web app shows the same figures. Quantities are exact
 * decimals with up to 4 places; money is integer VND.
 */
const SCALE = 10_000n;

/** Quantity × unit price, rounded down to the đồng: an accepted line is never worth more than its exact value. */
export function lineAmount(quantity: string, unitPrice: number): number {
  if (!DECIMAL_PATTERN.test(quantity)) throw new Error(`not a decimal quantity: ${quantity}`);
  const value = (parseDecimal(quantity) * BigInt(unitPrice)) / SCALE;
  if (value < 0n || value > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`line amount out of range: ${value}`);
  return Number(value);
}

/** Compare two decimal strings exactly: negative, zero or positive like a sort comparator. */
export function compareDecimal(a: string, b: string): number {
  const difference = parseDecimal(a) - parseDecimal(b);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}

/** Sum of decimal strings, as an exact decimal string. */
export function sumDecimals(values: readonly string[]): string {
  return formatDecimal(values.reduce((sum, value) => sum + parseDecimal(value), 0n));
}

export type AcceptedLine = { unitPrice: number; acceptedQuantity: string; plannedValue: number; deduction: number };

/**
 * Accepted value of a line = accepted quantity × unit price − deductions, at
 * least 0 and never above the planned value of the line.
 */
export function acceptedLineValue(line: AcceptedLine): number {
  const gross = Math.min(lineAmount(line.acceptedQuantity, line.unitPrice), line.plannedValue);
  return Math.max(0, gross - line.deduction);
}

/** The advance limit of an order: its advance percent (a decimal string) of its total, rounded down to the đồng. */
export function advanceLimit(totalValue: number, advancePercent: string): number {
  return Number((BigInt(totalValue) * parseDecimal(advancePercent)) / (100n * SCALE));
}

export type PaymentCheck =
  | { isAllowed: true }
  | { isAllowed: false; key: 'paymentAboveAccepted' | 'paymentBeforeAcceptance' | 'advanceAboveLimit' | 'paymentAboveOrdered'; params: Record<string, string | number> };

/**
 * May this payment be recorded? Advances (tạm ứng) go against the order before
 * any acceptance, up to the advance limit the order sets; interim and final
 * payments go against an accepted dossier, are not dated before its
 * acceptance, and keep cumulative payments (advances included, since they
 * are recovered from later payments) within cumulative accepted value.
 * Nothing is ever paid above the order's value.
 */
export function checkPayment(input: {
  kind: 'advance' | 'interim' | 'final';
  amount: number;
  paidOn: string;
  orderValue: number;
  advanceLimit: number;
  paidSoFar: { advances: number; total: number };
  acceptedSoFar: number;
  acceptedOn: string | null;
}): PaymentCheck {
  const totalAfter = input.paidSoFar.total + input.amount;
  if (totalAfter > input.orderValue) {
    return { isAllowed: false, key: 'paymentAboveOrdered', params: { ordered: input.orderValue, paid: input.paidSoFar.total, amount: input.amount } };
  }
  if (input.kind === 'advance') {
    const advancesAfter = input.paidSoFar.advances + input.amount;
    return advancesAfter > input.advanceLimit
      ? { isAllowed: false, key: 'advanceAboveLimit', params: { limit: input.advanceLimit, advanced: input.paidSoFar.advances, amount: input.amount } }
      : { isAllowed: true };
  }
  if (!input.acceptedOn || input.paidOn < input.acceptedOn) {
    return { isAllowed: false, key: 'paymentBeforeAcceptance', params: { acceptedOn: input.acceptedOn ?? '—', paidOn: input.paidOn } };
  }
  if (totalAfter > input.acceptedSoFar) {
    return { isAllowed: false, key: 'paymentAboveAccepted', params: { accepted: input.acceptedSoFar, paid: input.paidSoFar.total, amount: input.amount } };
  }
  return { isAllowed: true };
}
