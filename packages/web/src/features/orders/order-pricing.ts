import { DECIMAL_PATTERN, advanceLimit, lineAmount, type CatalogueService, type ServicePrice } from '@nghiemthu/shared';
import { parseVnd } from '../catalogue/vnd-input';
import { allowsContractPrice, isQuantity, type OrderFormValues } from './order-form-values';

/** Where a line's unit price comes from, as the server will decide it. */
export type LinePrice =
  | { kind: 'contract'; unitPrice: number }
  | { kind: 'catalogue'; unitPrice: number; decision: string }
  /** No start date yet: today's price, as an indication. */
  | { kind: 'current'; unitPrice: number; decision: string }
  | { kind: 'none' }
  | { kind: 'loading' };

const hasUnitPrice = (price: LinePrice): price is Extract<LinePrice, { unitPrice: number }> => 'unitPrice' in price;

export type PricedLine = { key: number; lineNo: number; service: CatalogueService | undefined; price: LinePrice; amount: number | null };

/** Each line's price and amount, and the order total once every line has one. */
export function priceLines(
  values: OrderFormValues,
  services: readonly CatalogueService[],
  pricesOnStart: Map<string, ServicePrice | null | undefined>,
): { lines: PricedLine[]; total: number | null } {
  const lines = values.lines.map((row, index): PricedLine => {
    const service = services.find((candidate) => candidate.id === row.serviceId);
    const contract = allowsContractPrice(values.method) && row.contractPrice.trim() ? parseVnd(row.contractPrice) : null;
    let price: LinePrice;
    if (contract !== null) price = { kind: 'contract', unitPrice: contract };
    else if (!service) price = { kind: 'none' };
    else if (values.startDate === null) {
      price = service.currentPrice
        ? { kind: 'current', unitPrice: service.currentPrice.unitPrice, decision: service.currentPrice.decisionNumber }
        : { kind: 'none' };
    } else {
      const onStart = pricesOnStart.get(service.id);
      price = onStart === undefined ? { kind: 'loading' } : onStart === null ? { kind: 'none' } : { kind: 'catalogue', unitPrice: onStart.unitPrice, decision: onStart.decisionNumber };
    }
    const amount = hasUnitPrice(price) && isQuantity(row.quantity) ? lineAmount(row.quantity.trim(), price.unitPrice) : null;
    return { key: row.key, lineNo: index + 1, service, price, amount };
  });
  const isComplete = lines.length > 0 && lines.every((line) => line.amount !== null);
  return { lines, total: isComplete ? lines.reduce((sum, line) => sum + (line.amount ?? 0), 0) : null };
}

/** The lines as the period rules in packages/shared take them, or null while one lacks a quantity or price. */
export function periodLines(values: OrderFormValues, priced: PricedLine[]): { lineNo: number; quantity: string; unitPrice: number }[] | null {
  const result = [];
  for (const [index, line] of priced.entries()) {
    const row = values.lines[index];
    if (!row || line.amount === null || !hasUnitPrice(line.price)) return null;
    result.push({ lineNo: line.lineNo, quantity: row.quantity.trim(), unitPrice: line.price.unitPrice });
  }
  return result.length > 0 ? result : null;
}

/** The advance limit as the server computes it: the percent of the total, rounded down to the đồng. */
export function advanceLimitOf(total: number, percent: string): number {
  const text = percent.trim() || '0';
  if (!DECIMAL_PATTERN.test(text) || text.startsWith('-')) return 0;
  return advanceLimit(total, text);
}
