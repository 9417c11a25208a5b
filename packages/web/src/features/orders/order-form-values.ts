import {
  DECIMAL_PATTERN,
  parseDecimal,
  type AmendOrderBody,
  type FundingSourceKind,
  type LegalRegime,
  type OrderDetail,
  type OrderingMethod,
  type OrderInput,
  type PeriodKind,
} from '@nghiemthu/shared';
import { parseVnd } from '../catalogue/vnd-input';

/**
 * What the order form holds while someone types, and how it becomes the API's
 * OrderInput or AmendOrderBody. Pure, so the form components stay about layout.
 */
export type OrderFormMode = 'create' | 'edit' | 'amend';

/** `key` only keeps React's rows stable while rows are added and removed. */
export type BasisRow = { key: number; number: string; date: string | null; signer: string; summary: string };
export type LineRow = { key: number; serviceId: string | null; quantity: string; contractPrice: string; kpiTargets: { code: string; target: string }[] };
export type FundingRow = { key: number; source: FundingSourceKind | null; amount: string };
/** A milestone's quantity of each line, by the line row's key. */
export type MilestoneRow = { key: number; label: string; startDate: string | null; endDate: string | null; quantities: Record<number, string> };

export type OrderFormValues = {
  title: string;
  method: OrderingMethod | null;
  legalRegime: LegalRegime | null;
  providerAgencyId: string | null;
  budgetYear: number | string;
  startDate: string | null;
  endDate: string | null;
  periodKind: PeriodKind;
  basisDocuments: BasisRow[];
  lines: LineRow[];
  fundingSources: FundingRow[];
  milestones: MilestoneRow[];
  advancePercent: string;
  advanceTerms: string;
  paymentTerms: string;
  acceptanceMethod: string;
  attachmentFileIds: string[];
  reason: string;
  approvalDocument: string;
};

/** The top-level fields, as the API names them in error paths. */
export const ORDER_FIELDS = [
  'title', 'method', 'legalRegime', 'providerAgencyId', 'budgetYear', 'startDate', 'endDate', 'periodKind',
  'basisDocuments', 'lines', 'fundingSources', 'periods', 'advancePercent', 'advanceTerms', 'paymentTerms',
  'acceptanceMethod', 'attachmentFileIds', 'reason', 'approvalDocument',
] as const;

let lastKey = 0;
export const nextKey = () => (lastKey += 1);

export const basisRow = (): BasisRow => ({ key: nextKey(), number: '', date: null, signer: '', summary: '' });
export const lineRow = (): LineRow => ({ key: nextKey(), serviceId: null, quantity: '', contractPrice: '', kpiTargets: [] });
export const fundingRow = (source: FundingSourceKind | null = null): FundingRow => ({ key: nextKey(), source, amount: '' });
export const milestoneRow = (): MilestoneRow => ({ key: nextKey(), label: '', startDate: null, endDate: null, quantities: {} });

/** A new order; `advanceTerms` starts as the usual "no advance" wording, for the officer to change when there is one. */
export function emptyOrderValues(budgetYear: number, advanceTerms: string): OrderFormValues {
  return {
    title: '',
    method: null,
    legalRegime: 'decree_32_2019',
    providerAgencyId: null,
    budgetYear,
    startDate: null,
    endDate: null,
    periodKind: 'quarterly',
    basisDocuments: [basisRow()],
    lines: [lineRow()],
    fundingSources: [fundingRow('state_budget')],
    milestones: [],
    advancePercent: '0',
    advanceTerms,
    paymentTerms: '',
    acceptanceMethod: '',
    attachmentFileIds: [],
    reason: '',
    approvalDocument: '',
  };
}

/** The content in force, to edit a draft or to start an amendment from. */
export function orderValues(order: OrderDetail): OrderFormValues {
  const { content } = order;
  const lines = content.lines.map((line) => ({
    key: nextKey(),
    serviceId: line.serviceId,
    quantity: line.quantity,
    // A price without a decision was agreed in the contract; a catalogue price is taken again by the server.
    contractPrice: line.priceDecision === null ? String(line.unitPrice) : '',
    // Targets written into the order stay as they were, even if the catalogue changed since.
    kpiTargets: line.kpis.map((kpi) => ({ code: kpi.code, target: kpi.target })),
  }));
  const keyOfLine = new Map(content.lines.map((line, index) => [line.lineNo, lines[index]!.key]));
  return {
    title: content.title,
    method: content.method,
    legalRegime: content.legalRegime,
    providerAgencyId: order.providerAgency.id,
    budgetYear: content.budgetYear,
    startDate: content.startDate,
    endDate: content.endDate,
    periodKind: content.periodKind,
    basisDocuments: content.basisDocuments.map((document) => ({ key: nextKey(), ...document })),
    lines,
    fundingSources: content.fundingSources.map((funding) => ({ key: nextKey(), source: funding.source, amount: String(funding.amount) })),
    milestones:
      content.periodKind === 'milestones'
        ? content.periods.map((period) => ({
            key: nextKey(),
            label: period.label,
            startDate: period.startDate,
            endDate: period.endDate,
            quantities: Object.fromEntries(period.quantities.map((q) => [keyOfLine.get(q.lineNo) ?? 0, q.quantity])),
          }))
        : [],
    advancePercent: content.advancePercent,
    advanceTerms: content.advanceTerms,
    paymentTerms: content.paymentTerms,
    acceptanceMethod: content.acceptanceMethod,
    attachmentFileIds: content.attachmentFileIds,
    reason: '',
    approvalDocument: '',
  };
}

/** Only tendering and assignment may agree a unit price in the contract; ordering takes the authority's price. */
export const allowsContractPrice = (method: OrderingMethod | null) => method === 'tendering' || method === 'assignment';

export const isQuantity = (text: string) => DECIMAL_PATTERN.test(text.trim()) && parseDecimal(text.trim()) > 0n;
const isQuantityOrZero = (text: string) => DECIMAL_PATTERN.test(text.trim()) && parseDecimal(text.trim()) >= 0n;

export type Messages = {
  required: string;
  quantity: string;
  amount: string;
  percent: string;
  endBeforeStart: string;
  budgetYear: string;
};

/** What the browser can tell before asking the server, by API path ("lines.0.quantity"). */
export function checkOrderValues(values: OrderFormValues, mode: OrderFormMode, messages: Messages): Record<string, string> {
  const problems: Record<string, string> = {};
  const require = (path: string, isPresent: boolean) => {
    if (!isPresent) problems[path] = messages.required;
  };
  require('title', values.title.trim() !== '');
  if (mode !== 'amend') {
    require('method', values.method !== null);
    require('legalRegime', values.legalRegime !== null);
    require('providerAgencyId', values.providerAgencyId !== null);
  }
  const year = Number(values.budgetYear);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) problems.budgetYear = messages.budgetYear;
  require('startDate', values.startDate !== null);
  require('endDate', values.endDate !== null);
  if (values.startDate && values.endDate && values.endDate < values.startDate) problems.endDate = messages.endBeforeStart;
  values.basisDocuments.forEach((row, index) => {
    require(`basisDocuments.${index}.number`, row.number.trim() !== '');
    require(`basisDocuments.${index}.date`, row.date !== null);
    require(`basisDocuments.${index}.signer`, row.signer.trim() !== '');
    require(`basisDocuments.${index}.summary`, row.summary.trim() !== '');
  });
  if (values.basisDocuments.length === 0) problems.basisDocuments = messages.required;
  values.lines.forEach((row, index) => {
    require(`lines.${index}.serviceId`, row.serviceId !== null);
    if (!isQuantity(row.quantity)) problems[`lines.${index}.quantity`] = messages.quantity;
    if (allowsContractPrice(values.method) && row.contractPrice.trim() && parseVnd(row.contractPrice) === null) {
      problems[`lines.${index}.unitPrice`] = messages.amount;
    }
  });
  if (values.lines.length === 0) problems.lines = messages.required;
  values.fundingSources.forEach((row, index) => {
    require(`fundingSources.${index}.source`, row.source !== null);
    if (parseVnd(row.amount) === null) problems[`fundingSources.${index}.amount`] = messages.amount;
  });
  if (values.fundingSources.length === 0) problems.fundingSources = messages.required;
  if (values.periodKind === 'milestones') {
    values.milestones.forEach((row, index) => {
      require(`periods.${index}.label`, row.label.trim() !== '');
      require(`periods.${index}.startDate`, row.startDate !== null);
      require(`periods.${index}.endDate`, row.endDate !== null);
      values.lines.forEach((line, lineIndex) => {
        if (!isQuantityOrZero(row.quantities[line.key] ?? '0')) problems[`periods.${index}.quantities.${lineIndex}`] = messages.quantity;
      });
    });
    if (values.milestones.length === 0) problems.periods = messages.required;
  }
  const percent = values.advancePercent.trim() || '0';
  if (!isQuantityOrZero(percent) || parseDecimal(percent) > 100n * 10_000n) problems.advancePercent = messages.percent;
  require('advanceTerms', values.advanceTerms.trim() !== '');
  require('paymentTerms', values.paymentTerms.trim() !== '');
  require('acceptanceMethod', values.acceptanceMethod.trim() !== '');
  if (mode === 'amend') {
    require('reason', values.reason.trim() !== '');
    require('approvalDocument', values.approvalDocument.trim() !== '');
  }
  return problems;
}

type Content = Omit<OrderInput, 'method' | 'legalRegime' | 'providerAgencyId'>;

/** The content both a new order and an amendment send; call after checkOrderValues found nothing. */
function contentInput(values: OrderFormValues): Content {
  const contractPrices = allowsContractPrice(values.method);
  return {
    title: values.title.trim(),
    budgetYear: Number(values.budgetYear),
    startDate: values.startDate ?? '',
    endDate: values.endDate ?? '',
    periodKind: values.periodKind,
    basisDocuments: values.basisDocuments.map((row) => ({
      number: row.number.trim(),
      date: row.date ?? '',
      signer: row.signer.trim(),
      summary: row.summary.trim(),
    })),
    lines: values.lines.map((row) => {
      const unitPrice = contractPrices && row.contractPrice.trim() ? parseVnd(row.contractPrice) : null;
      return {
        serviceId: row.serviceId ?? '',
        quantity: row.quantity.trim(),
        ...(unitPrice !== null ? { unitPrice } : {}),
        kpiTargets: row.kpiTargets,
      };
    }),
    fundingSources: values.fundingSources.map((row) => ({ source: row.source ?? 'state_budget', amount: parseVnd(row.amount) ?? 0 })),
    // Monthly, quarterly and yearly periods are generated by the server, the way the form previews them.
    ...(values.periodKind === 'milestones'
      ? {
          periods: values.milestones.map((row) => ({
            label: row.label.trim(),
            startDate: row.startDate ?? '',
            endDate: row.endDate ?? '',
            quantities: values.lines.map((line, index) => ({ lineNo: index + 1, quantity: (row.quantities[line.key] ?? '').trim() || '0' })),
          })),
        }
      : {}),
    advancePercent: values.advancePercent.trim() || '0',
    advanceTerms: values.advanceTerms.trim(),
    paymentTerms: values.paymentTerms.trim(),
    acceptanceMethod: values.acceptanceMethod.trim(),
    attachmentFileIds: values.attachmentFileIds,
  };
}

export function orderInput(values: OrderFormValues): OrderInput {
  return {
    ...contentInput(values),
    method: values.method ?? 'ordering',
    legalRegime: values.legalRegime ?? 'decree_32_2019',
    providerAgencyId: values.providerAgencyId ?? '',
  };
}

export function amendBody(values: OrderFormValues): AmendOrderBody {
  return { ...contentInput(values), reason: values.reason.trim(), approvalDocument: values.approvalDocument.trim() };
}
