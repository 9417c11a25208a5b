import { and, eq, inArray } from 'drizzle-orm';
import {
  checkPeriods, formatVnd, lineAmount, normalizeDecimal, numberPeriods, splitEvenly, tiersOnFailingSide,
  type AmendOrderBody, type DeductionRule, type OrderContent, type OrderInput, type OrderingMethod, type OrderLine, type LegalRegime,
} from '@nghiemthu/shared';
import type { Db } from '../../db/client.js';
import { catalogueServices, files, serviceKpis } from '../../db/schema.js';
import { invalid, type AppErrorDetail } from '../../lib/errors.js';
import type { CatalogueServiceApi as CatalogueService } from '../catalogue/catalogue.service.js';

type ContentInput = Omit<OrderInput, 'method' | 'legalRegime' | 'providerAgencyId'> | Omit<AmendOrderBody, 'reason' | 'approvalDocument'>;

/**
 * Turns what an officer wrote into the content of an order version: prices
 * from the catalogue (the authority's unit price when ordering), KPI targets
 * copied from the catalogue with per-line overrides, acceptance periods
 * generated or checked, funding equal to the total. Every problem is reported
 * at once, by field path, and nothing is stored unless all is well.
 */
export async function buildOrderContent(
  deps: { db: Db; catalogue: CatalogueService },
  input: ContentInput & { method: OrderingMethod; legalRegime: LegalRegime },
  agencyIds: readonly string[],
  /** When amending: periods that already have dossiers, whose quantities an even split must keep. */
  keptPeriods: OrderContent['periods'] = [],
): Promise<{ content: OrderContent; total: number }> {
  const { db, catalogue } = deps;
  const problems: AppErrorDetail[] = [];
  if (input.endDate < input.startDate) problems.push({ path: 'endDate', key: 'orderPeriodInvalid' });

  const serviceIds = [...new Set(input.lines.map((line) => line.serviceId))];
  const services = serviceIds.length ? await db.select().from(catalogueServices).where(inArray(catalogueServices.id, serviceIds)) : [];
  const kpis = serviceIds.length ? await db.select().from(serviceKpis).where(inArray(serviceKpis.serviceId, serviceIds)) : [];
  const seen = new Set<string>();
  const lines: OrderLine[] = [];

  for (const [index, input_line] of input.lines.entries()) {
    const lineNo = index + 1;
    const path = `lines.${index}`;
    const service = services.find((s) => s.id === input_line.serviceId);
    if (!service || service.status !== 'active') {
      problems.push({ path: `${path}.serviceId`, key: 'orderServiceUnknown', params: { line: lineNo } });
      continue;
    }
    if (seen.has(service.id)) problems.push({ path: `${path}.serviceId`, key: 'orderServiceDuplicate', params: { service: service.name } });
    seen.add(service.id);
    if (!service.orderingMethods.includes(input.method)) {
      problems.push({ path: `${path}.serviceId`, key: 'orderServiceMethod', params: { service: service.name, method: `orderingMethod_${input.method}` as const } });
    }
    const price = await catalogue.priceOn(service.id, input.startDate);
    let unitPrice: number;
    let priceDecision: string | null;
    if (input_line.unitPrice === undefined) {
      if (!price) {
        problems.push({ path: `${path}.unitPrice`, key: 'orderNoPrice', params: { service: service.name, date: input.startDate } });
        continue;
      }
      unitPrice = price.unitPrice;
      priceDecision = price.decisionNumber;
    } else {
      // Ordering (đặt hàng) is at unit prices set by the competent authority (Decree 32/2019); tendering and assignment may agree a price.
      if (input.method === 'ordering' && price && input_line.unitPrice !== price.unitPrice) {
        problems.push({ path: `${path}.unitPrice`, key: 'orderPriceFixed', params: { service: service.name, price: formatVnd(price.unitPrice), decision: price.decisionNumber } });
      }
      unitPrice = input_line.unitPrice;
      priceDecision = price && price.unitPrice === unitPrice ? price.decisionNumber : null;
    }
    const serviceKpiRows = kpis.filter((kpi) => kpi.serviceId === service.id);
    for (const [k, override] of input_line.kpiTargets.entries()) {
      const kpi = serviceKpiRows.find((row) => row.code === override.code);
      if (!kpi) problems.push({ path: `${path}.kpiTargets.${k}.code`, key: 'orderKpiUnknown', params: { service: service.name, code: override.code } });
      else if (!tiersOnFailingSide(kpi.deductionRule as DeductionRule, override.target, kpi.direction)) {
        problems.push({ path: `${path}.kpiTargets.${k}.target`, key: 'kpiTierThresholdSide', params: { target: override.target } });
      }
    }
    let amount = 0;
    try {
      amount = lineAmount(input_line.quantity, unitPrice);
    } catch {
      problems.push({ path: `${path}.quantity`, key: 'quantityPositive' });
    }
    lines.push({
      lineNo,
      serviceId: service.id,
      serviceCode: service.code,
      serviceName: service.name,
      unit: service.unit,
      quantity: normalizeDecimal(input_line.quantity),
      unitPrice,
      amount,
      priceDecision,
      kpis: serviceKpiRows
        .sort((a, b) => a.code.localeCompare(b.code))
        .map((kpi) => ({
          code: kpi.code,
          name: kpi.name,
          unit: kpi.unit,
          target: normalizeDecimal(input_line.kpiTargets.find((o) => o.code === kpi.code)?.target ?? kpi.target),
          direction: kpi.direction,
          measurement: kpi.measurement,
          deductionRule: kpi.deductionRule as DeductionRule,
        })),
    });
  }

  const total = lines.reduce((sum, line) => sum + line.amount, 0);
  const sources = input.fundingSources.map((f) => f.source);
  if (new Set(sources).size !== sources.length) problems.push({ path: 'fundingSources', key: 'orderFundingDuplicate' });
  const funding = input.fundingSources.reduce((sum, f) => sum + f.amount, 0);
  // Reported as soon as every line is priced, with the other problems, so nobody fixes one thing at a time.
  if (lines.length === input.lines.length && funding !== total) {
    problems.push({ path: 'fundingSources', key: 'orderFundingMismatch', params: { funding: formatVnd(funding), total: formatVnd(total) } });
  }

  if (input.attachmentFileIds.length > 0) {
    const found = await db.select({ id: files.id }).from(files).where(and(inArray(files.id, input.attachmentFileIds), inArray(files.agencyId, [...agencyIds])));
    if (found.length !== new Set(input.attachmentFileIds).size) problems.push({ path: 'attachmentFileIds', key: 'orderAttachmentUnknown' });
  }

  let periods: OrderContent['periods'] = [];
  if (!problems.some((p) => p.path.startsWith('lines') || p.path === 'endDate')) {
    const periodInput = input.periods ?? (input.periodKind === 'milestones' ? null : splitEvenly(input.periodKind, input.startDate, input.endDate, lines, keptPeriods));
    if (!periodInput) problems.push({ path: 'periods', key: 'orderPeriodsRequired' });
    else {
      const periodProblems = checkPeriods(periodInput, input.startDate, input.endDate, lines);
      for (const problem of periodProblems) {
        if (problem.key === 'orderPeriodQuantities') problems.push({ path: 'periods', key: problem.key, params: { line: problem.line, sum: problem.sum, quantity: problem.quantity } });
        else if (problem.key === 'orderPeriodLineUnknown' || problem.key === 'orderPeriodNegative') problems.push({ path: `periods.${problem.index}`, key: problem.key, params: { label: problem.label, line: problem.line } });
        else problems.push({ path: `periods.${problem.index}`, key: problem.key, params: { label: problem.label, from: input.startDate, to: input.endDate } });
      }
      if (periodProblems.length === 0) periods = numberPeriods(periodInput, lines);
    }
  }
  if (problems.length > 0) throw invalid('validationFailed', {}, problems);

  return {
    total,
    content: {
      title: input.title,
      method: input.method,
      legalRegime: input.legalRegime,
      budgetYear: input.budgetYear,
      startDate: input.startDate,
      endDate: input.endDate,
      periodKind: input.periodKind,
      basisDocuments: input.basisDocuments,
      lines,
      fundingSources: input.fundingSources,
      periods,
      advancePercent: normalizeDecimal(input.advancePercent),
      advanceTerms: input.advanceTerms,
      paymentTerms: input.paymentTerms,
      acceptanceMethod: input.acceptanceMethod,
      attachmentFileIds: input.attachmentFileIds,
    },
  };
}
