import { formatDecimal, parseDecimal } from './deduction-rules.js';
import { lineAmount } from './money-rules.js';
import type { AcceptancePeriod, AcceptancePeriodInput, PeriodKind } from './orders.schemas.js';

/**
 * Acceptance periods of an order (monthly, quarterly, yearly or milestones)
 * and how much of each line falls in each. Pure: the server validates with it
 * and the order form previews with it.
 */
type Line = { lineNo: number; quantity: string; unitPrice: number };

const ROMAN = ['I', 'II', 'III', 'IV'];
const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Calendar months, quarters or years overlapping [start, end], clipped to it. */
export function periodBounds(kind: Exclude<PeriodKind, 'milestones'>, start: string, end: string): { label: string; startDate: string; endDate: string }[] {
  const months = kind === 'monthly' ? 1 : kind === 'quarterly' ? 3 : 12;
  const result: { label: string; startDate: string; endDate: string }[] = [];
  let year = Number(start.slice(0, 4));
  // First month of the period containing the start date.
  let month = Math.floor((Number(start.slice(5, 7)) - 1) / months) * months + 1;
  for (;;) {
    const periodStart = `${year}-${pad(month)}-01`;
    if (periodStart > end) break;
    const lastMonth = month + months - 1;
    const periodEnd = `${year}-${pad(lastMonth)}-${pad(lastDayOfMonth(year, lastMonth))}`;
    const label = kind === 'monthly' ? `Tháng ${pad(month)}/${year}` : kind === 'quarterly' ? `Quý ${ROMAN[(month - 1) / 3]}/${year}` : `Năm ${year}`;
    result.push({ label, startDate: periodStart < start ? start : periodStart, endDate: periodEnd > end ? end : periodEnd });
    month += months;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return result;
}

/**
 * Each line's quantity split evenly over the periods, to 4 decimals, the
 * remainder going to the last period. Periods already taken by dossiers
 * (`kept`, when amending a running order) keep their quantities; what is
 * left of each line is split over the others.
 */
export function splitEvenly(
  kind: Exclude<PeriodKind, 'milestones'>, start: string, end: string, lines: readonly Line[],
  kept: readonly Pick<AcceptancePeriodInput, 'startDate' | 'endDate' | 'quantities'>[] = [],
): AcceptancePeriodInput[] {
  const bounds = periodBounds(kind, start, end);
  const keptOf = (bound: { startDate: string; endDate: string }) => kept.find((k) => k.startDate === bound.startDate && k.endDate === bound.endDate);
  const free = bounds.filter((bound) => !keptOf(bound));
  const n = BigInt(Math.max(free.length, 1));
  const remaining = new Map(lines.map((line) => [line.lineNo, parseDecimal(line.quantity) - kept
    .filter((k) => bounds.some((b) => b.startDate === k.startDate && b.endDate === k.endDate))
    .reduce((sum, k) => sum + parseDecimal(k.quantities.find((q) => q.lineNo === line.lineNo)?.quantity ?? '0'), 0n)]));
  return bounds.map((bound) => {
    const keep = keptOf(bound);
    if (keep) return { ...bound, quantities: lines.map((line) => ({ lineNo: line.lineNo, quantity: keep.quantities.find((q) => q.lineNo === line.lineNo)?.quantity ?? '0' })) };
    const isLastFree = free.at(-1) === bound;
    return {
      ...bound,
      quantities: lines.map((line) => {
        const total = remaining.get(line.lineNo)!;
        const share = total / n;
        return { lineNo: line.lineNo, quantity: formatDecimal(isLastFree ? total - share * (n - 1n) : share) };
      }),
    };
  });
}

export type PeriodProblem =
  | { key: 'orderPeriodOutside'; index: number; label: string }
  | { key: 'orderPeriodLineUnknown' | 'orderPeriodNegative'; index: number; label: string; line: number }
  | { key: 'orderPeriodQuantities'; line: number; sum: string; quantity: string };

/**
 * Periods must follow each other inside the order's dates, name only lines
 * the order has, and add up to each line's quantity exactly.
 */
export function checkPeriods(periods: readonly AcceptancePeriodInput[], start: string, end: string, lines: readonly Line[]): PeriodProblem[] {
  const problems: PeriodProblem[] = [];
  let previousEnd = '';
  periods.forEach((period, index) => {
    if (period.startDate < start || period.endDate > end || period.endDate < period.startDate || period.startDate <= previousEnd) {
      problems.push({ key: 'orderPeriodOutside', index, label: period.label });
    }
    previousEnd = period.endDate;
    for (const q of period.quantities) {
      if (!lines.some((line) => line.lineNo === q.lineNo)) problems.push({ key: 'orderPeriodLineUnknown', index, label: period.label, line: q.lineNo });
      else if (parseDecimal(q.quantity) < 0n) problems.push({ key: 'orderPeriodNegative', index, label: period.label, line: q.lineNo });
    }
  });
  for (const line of lines) {
    const sum = periods.reduce((total, period) => total + period.quantities.filter((q) => q.lineNo === line.lineNo).reduce((s, q) => s + parseDecimal(q.quantity), 0n), 0n);
    if (sum !== parseDecimal(line.quantity)) problems.push({ key: 'orderPeriodQuantities', line: line.lineNo, sum: formatDecimal(sum), quantity: formatDecimal(parseDecimal(line.quantity)) });
  }
  return problems;
}

/** Numbered periods with their planned value (Σ quantity × unit price of each line, rounded down per line). */
export function numberPeriods(periods: readonly AcceptancePeriodInput[], lines: readonly Line[]): AcceptancePeriod[] {
  return periods.map((period, index) => ({
    periodNo: index + 1,
    label: period.label,
    startDate: period.startDate,
    endDate: period.endDate,
    quantities: lines.map((line) => ({
      lineNo: line.lineNo,
      quantity: formatDecimal(period.quantities.filter((q) => q.lineNo === line.lineNo).reduce((s, q) => s + parseDecimal(q.quantity), 0n)),
    })),
    plannedValue: lines.reduce((total, line) => {
      const quantity = period.quantities.filter((q) => q.lineNo === line.lineNo).reduce((s, q) => s + parseDecimal(q.quantity), 0n);
      return total + lineAmount(formatDecimal(quantity), line.unitPrice);
    }, 0),
  }));
}
