import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { count, eq, inArray } from 'drizzle-orm';
import PDFDocument from 'pdfkit';
import {
  AmendOrderBody, ConflictBody, DEFAULT_STEP_DEADLINES, OrderInput, VoteBody, addWorkingDays, formatVnd, isWorkingDay, lineAmount, localDate,
  nextWorkingDay, periodBounds, previousWorkingDay,
  type DossierAction, type DossierDetail, type DossierDocumentType, type DossierTransitionBody, type PeriodKind, type Role,
} from '@nghiemthu/shared';
import type { AppDeps } from '../../app.js';
import { withTransaction } from '../../db/client.js';
import { agencies, catalogueServices, orders, settings, users } from '../../db/schema.js';
import { manualClock } from '../../lib/clock.js';
import { createServices, type Services } from '../../services.js';
import type { AuditSource } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import {
  DEFAULT_GAPS, DEMO_DELEGATION, DEMO_DOSSIERS, DEMO_ORDERS, DEMO_PROVIDERS, HISTORY_STARTS_ON, NOTIFICATIONS_READ_WORKING_DAYS_AGO, SERVICE_SYSTEM_NAMES,
  type DemoDossier, type DemoOrder, type DossierStep, type OrderKey,
} from './demo-acceptance-data.js';
import { DEMO_USERNAMES } from './demo-data.js';
import { addDemoScan } from './demo-scan.js';

/** Setting: the acceptance history is loaded (it loads once, into an installation without orders). */
export const DEMO_ACCEPTANCE_LOADED_KEY = 'demo.acceptanceLoaded';

export type AcceptanceSeedResult =
  | { outcome: 'seeded'; orders: number; dossiers: number; payments: number }
  | { outcome: 'alreadyLoaded' | 'notEmpty' };

type Member = 'council1' | 'council2' | 'council3';
const MEMBERS: Member[] = ['council1', 'council2', 'council3'];
type Step = { at: Date; label: string; run: () => Promise<void> };

/**
 * Plays the demo province's acceptance history (demo-acceptance-data.ts)
 * through the services, as the demo users, after the demo province itself is
 * loaded: orders signed, amended, cancelled, settled; dossiers submitted,
 * sent back for supplements, appraised, voted on, decided, paid. The services
 * read time from a clock moved to each step's date, so due dates, timelines
 * and payments carry the dates of the story; the audit log records when the
 * data was entered. "Today" is the caller's clock. Runs in the caller's
 * transaction when there is one, else in its own.
 */
export async function seedDemoAcceptance(deps: AppDeps, options: { userAgent: string }): Promise<AcceptanceSeedResult> {
  const { database } = deps;
  const [loaded] = await database.db.select().from(settings).where(eq(settings.key, DEMO_ACCEPTANCE_LOADED_KEY));
  if (loaded?.value === true) return { outcome: 'alreadyLoaded' };
  const [existing] = await database.db.select({ n: count() }).from(orders);
  if ((existing?.n ?? 0) > 0) return { outcome: 'notEmpty' };

  const today = deps.clock.now();
  return withTransaction(database.db, async (tx) => {
    const clock = manualClock(new Date(`${HISTORY_STARTS_ON}T08:00:00+07:00`));
    const services = createServices({ ...deps, clock, database: { ...database, db: tx } });
    const story = await createStory({ ...deps, database: { ...database, db: tx } }, services, clock, today, options.userAgent);
    const steps = [...DEMO_ORDERS.flatMap((o) => story.orderSteps(o)), ...story.delegationSteps(), ...DEMO_DOSSIERS.flatMap((d) => story.dossierSteps(d)), ...story.readingSteps()];
    // A stable sort: steps at the same minute keep the order they were planned in.
    steps.sort((a, b) => a.at.getTime() - b.at.getTime());
    for (const step of steps) {
      if (step.at.getTime() > clock.now().getTime()) clock.set(step.at);
      try {
        await step.run();
      } catch (error) {
        const message = (error as Error).message.replace(/^Demo acceptance history: /, '');
        throw new Error(`Demo acceptance history: ${step.label} on ${localDate(step.at)} failed: ${message}`, { cause: error });
      }
    }
    // One paper slip, scanned: its text is recognised by the worker once the app runs.
    await addDemoScan(tx, services, story.officer, deps.config.pdfFontDir);
    await services.settings.put(tx, DEMO_ACCEPTANCE_LOADED_KEY, true);
    return { outcome: 'seeded' as const, orders: DEMO_ORDERS.length, dossiers: DEMO_DOSSIERS.length, payments: story.paymentCount() };
  });
}

async function createStory(deps: AppDeps, services: Services, clock: ReturnType<typeof manualClock>, today: Date, userAgent: string) {
  const db = deps.database.db;
  const todayDate = localDate(today);
  const people = new Map<string, Actor>();
  for (const user of await db.select().from(users).where(inArray(users.username, DEMO_USERNAMES))) {
    people.set(user.username, {
      userId: user.id, username: user.username, fullName: user.fullName, agencyId: user.agencyId, roles: user.roles as Role[],
      onBehalfOf: null, sessionTokenHash: '', csrfToken: '',
    });
  }
  const person = (username: string) => people.get(username) ?? fail(`demo user ${username} is missing`);
  const [officer, leader, chair] = ['officer', 'leader', 'council1'].map(person) as [Actor, Actor, Actor];
  const orderPlan = (key: string) => DEMO_ORDERS.find((o) => o.key === key) ?? fail(`no demo order ${key}`);
  const providerOf = (plan: DemoDossier) => DEMO_PROVIDERS[orderPlan(plan.order).providerCode] ?? fail(`no demo provider for ${plan.order}`);
  const providerFor = (plan: DemoDossier): Actor => person(providerOf(plan).username);
  const councilMembers = () => [
    { userId: chair.userId, role: 'chair' as const }, { userId: person('council2').userId, role: 'member' as const }, { userId: person('council3').userId, role: 'secretary' as const },
  ];
  const agencyIds = new Map((await db.select({ id: agencies.id, code: agencies.code }).from(agencies)).map((a) => [a.code, a.id]));
  const serviceIds = new Map((await db.select({ id: catalogueServices.id, code: catalogueServices.code }).from(catalogueServices)).map((s) => [s.code, s.id]));
  const calendar = await services.calendar.workingCalendar(Number(HISTORY_STARTS_ON.slice(0, 4)), Number(todayDate.slice(0, 4)) + 1);
  const font = parsedFont(fs.readFileSync(path.join(deps.config.pdfFontDir, 'NotoSerif-Regular.ttf')));

  const source = (actor: Actor): AuditSource => ({ actor, ip: null, userAgent });
  const orderIds = new Map<OrderKey, string>();
  const dossierIds = new Map<string, string>();
  const orderId = (key: OrderKey) => orderIds.get(key) ?? fail(`order ${key} was not created before its dossiers`);
  let payments = 0;
  let councilDecisions = 0;

  /** The leader, or while the delegation runs the officer acting for him. */
  const leaderAt = (at: Date) => (at >= new Date(DEMO_DELEGATION.validFrom) && at < new Date(DEMO_DELEGATION.validTo) ? officer : leader);

  /** Office hours in Vietnam: each thing starts its day at its own time, and its next step that day a little later. */
  const slots = new Map<string, number>();
  function timeOn(thing: string, day: string): Date {
    const key = `${thing}@${day}`;
    const slot = slots.get(key) ?? 0;
    slots.set(key, slot + 1);
    const minutes = Math.min(8 * 60 + 5 + (createHash('sha256').update(key).digest()[0]! % 150) + slot * 35, 16 * 60 + 50 + slot);
    return new Date(Date.parse(`${day}T00:00:00+07:00`) + minutes * 60_000);
  }
  const onWorkingDay = (day: string) => (isWorkingDay(day, calendar) ? day : nextWorkingDay(day, calendar));
  const workingDaysBefore = (day: string, n: number) => {
    let result = isWorkingDay(day, calendar) ? day : previousWorkingDay(day, calendar);
    for (let i = 0; i < n; i += 1) result = previousWorkingDay(result, calendar);
    return result;
  };
  const later = (minutes: number) => clock.advance(minutes * 60_000);
  const paymentReference = () => `KBNN-AB-${localDate(clock.now()).replace(/-/g, '')}-${String(++payments).padStart(3, '0')} (minh họa)`;

  // ── Orders ────────────────────────────────────────────────────────────────

  async function orderInput(order: DemoOrder) {
    const lines = await Promise.all(order.lines.map(async (line) => {
      const serviceId = serviceIds.get(line.service) ?? fail(`demo service ${line.service} is missing`);
      const unitPrice = line.unitPrice ?? (await services.catalogue.priceOn(serviceId, order.startDate))?.unitPrice ?? fail(`no price for ${line.service}`);
      return { serviceId, quantity: line.quantity, unitPrice: line.unitPrice, amount: lineAmount(line.quantity, unitPrice) };
    }));
    const total = lines.reduce((sum, line) => sum + line.amount, 0);
    const fees = order.retainedFees ?? 0;
    return OrderInput.parse({
      title: order.title, method: order.method, legalRegime: order.legalRegime, providerAgencyId: agencyIds.get(order.providerCode),
      budgetYear: order.budgetYear, startDate: order.startDate, endDate: order.endDate, periodKind: order.periodKind,
      basisDocuments: order.basisDocuments,
      lines: lines.map(({ serviceId, quantity, unitPrice }) => ({ serviceId, quantity, ...(unitPrice ? { unitPrice } : {}) })),
      fundingSources: [{ source: 'state_budget', amount: total - fees }, ...(fees ? [{ source: 'retained_fees', amount: fees }] : [])],
      periods: order.milestones?.map((m) => ({
        label: m.label, startDate: m.startDate, endDate: m.endDate,
        quantities: Object.entries(m.quantities).map(([code, quantity]) => ({ lineNo: order.lines.findIndex((l) => l.service === code) + 1, quantity })),
      })),
      advancePercent: order.advancePercent ?? '0', advanceTerms: order.advanceTerms ?? 'Không tạm ứng.',
      paymentTerms: order.paymentTerms, acceptanceMethod: order.acceptanceMethod,
    });
  }

  /** Version 2: the same content with one service added from some periods on, its cost added to the state budget. */
  async function amend(order: DemoOrder, actor: Actor) {
    const { addLine, reason, approvalDocument } = order.amendment!;
    const { content } = await services.orders.get(actor, orderId(order.key));
    const serviceId = serviceIds.get(addLine.service) ?? fail(`demo service ${addLine.service} is missing`);
    const quantity = String(Object.values(addLine.quantities).reduce((sum, q) => sum + Number(q), 0));
    const extra = lineAmount(quantity, (await services.catalogue.priceOn(serviceId, content.startDate))!.unitPrice);
    const lineNo = content.lines.length + 1;
    const body = AmendOrderBody.parse({
      title: content.title, budgetYear: content.budgetYear, startDate: content.startDate, endDate: content.endDate, periodKind: content.periodKind,
      basisDocuments: content.basisDocuments,
      lines: [...content.lines.map((l) => ({ serviceId: l.serviceId, quantity: l.quantity })), { serviceId, quantity }],
      fundingSources: content.fundingSources.map((f) => (f.source === 'state_budget' ? { ...f, amount: f.amount + extra } : f)),
      periods: content.periods.map((p) => ({
        label: p.label, startDate: p.startDate, endDate: p.endDate,
        quantities: [...p.quantities, { lineNo, quantity: addLine.quantities[p.periodNo] ?? '0' }],
      })),
      advancePercent: content.advancePercent, advanceTerms: content.advanceTerms, paymentTerms: content.paymentTerms, acceptanceMethod: content.acceptanceMethod,
      reason, approvalDocument,
    });
    await services.orders.amend(actor, orderId(order.key), body, source(actor));
  }

  function orderSteps(order: DemoOrder): Step[] {
    const steps: Step[] = [];
    const at = (day: string, run: (at: Date) => Promise<unknown>) => {
      const when = timeOn(`order:${order.key}`, onWorkingDay(day));
      steps.push({ at: when, label: `order ${order.key}`, run: async () => void (await run(when)) });
    };
    const id = () => orderId(order.key);
    at(order.createdOn, async () => orderIds.set(order.key, (await services.orders.create(officer, await orderInput(order), source(officer))).id));
    if (order.signedOn) at(order.signedOn, (when) => services.orders.transition(leaderAt(when), id(), 'sign', {}, source(leaderAt(when))));
    if (order.cancelled) {
      const { reason } = order.cancelled;
      at(order.cancelled.on, (when) => services.orders.transition(leaderAt(when), id(), 'cancel', { reason }, source(leaderAt(when))));
    }
    if (order.council) {
      const { decisionNumber } = order.council;
      at(order.council.on, () => services.councils.setupForOrder(officer, id(), {
        decisionNumber, decisionDate: localDate(clock.now()), quorum: 2, members: councilMembers(),
      }, source(officer)));
    }
    if (order.startedOn) at(order.startedOn, () => services.orders.transition(officer, id(), 'start', {}, source(officer)));
    if (order.advance) {
      const { treasuryReference } = order.advance;
      at(order.advance.on, async () => {
        const { advanceLimit } = await services.orders.get(officer, id());
        payments += 1;
        await services.orders.recordAdvance(officer, id(), {
          amount: advanceLimit, paidOn: localDate(clock.now()), treasuryReference, note: 'Tạm ứng theo điều khoản của đơn đặt hàng.',
        }, source(officer));
      });
    }
    if (order.amendment) at(order.amendment.on, (when) => amend(order, leaderAt(when)));
    if (order.closing) {
      const { completedOn, liquidation, settlement, archivedOn } = order.closing;
      at(completedOn, () => services.orders.transition(officer, id(), 'complete', {}, source(officer)));
      at(liquidation.on, () => services.orders.transition(officer, id(), 'liquidate', {
        minutesNumber: liquidation.minutesNumber, minutesDate: localDate(clock.now()), note: liquidation.note,
      }, source(officer)));
      at(settlement.on, () => services.orders.transition(officer, id(), 'settle', {
        decisionNumber: settlement.decisionNumber, decisionDate: localDate(clock.now()), note: settlement.note,
      }, source(officer)));
      at(archivedOn, () => services.orders.transition(officer, id(), 'archive', {}, source(officer)));
    }
    return steps;
  }

  function delegationSteps(): Step[] {
    const at = timeOn('delegation', onWorkingDay(DEMO_DELEGATION.createdOn));
    return [{
      at, label: 'delegation',
      run: async () => void (await services.delegations.create(leader, {
        deputyId: officer.userId, validFrom: DEMO_DELEGATION.validFrom, validTo: DEMO_DELEGATION.validTo, reason: DEMO_DELEGATION.reason,
      }, source(leader))),
    }];
  }

  /** Recent notifications stay unread; the rest the demo users have read. */
  function readingSteps(): Step[] {
    const at = timeOn('reading', workingDaysBefore(todayDate, NOTIFICATIONS_READ_WORKING_DAYS_AGO));
    return [{ at, label: 'reading notifications', run: async () => { for (const actor of people.values()) await services.notifications.markAllRead(actor); } }];
  }

  // ── Dossiers ──────────────────────────────────────────────────────────────

  type Planned = { step: DossierStep; member?: Member; round?: number };

  /** The steps from a new draft to `until`, and which of them entered that state (the anchor of the timing). */
  function pathOf(plan: DemoDossier): { steps: Planned[]; anchor: number } {
    const steps: Planned[] = [{ step: 'create' }];
    const done = (anchor = steps.length - 1) => ({ steps, anchor });
    if (plan.until === 'draft') return done();
    steps.push({ step: 'submit' });
    if (plan.until === 'withdrawn') {
      steps.push({ step: 'withdraw' });
      return done();
    }
    for (const [round] of (plan.supplements ?? []).entries()) {
      steps.push({ step: 'request_supplement', round });
      if (plan.until === 'supplement_requested' && round === plan.supplements!.length - 1) return done();
      steps.push({ step: 'answer_supplement', round });
    }
    if (plan.until === 'submitted') return done();
    for (const [step, state] of [['receive', 'received'], ['assign', 'in_appraisal']] as const) {
      steps.push({ step });
      if (plan.until === state) return done();
    }
    steps.push({ step: 'appraise' });
    const enteredCouncil = steps.length - 1;
    for (const member of plan.voted ?? MEMBERS) steps.push({ step: 'vote', member });
    if (plan.until === 'in_council') return done(enteredCouncil);
    for (const [step, state] of [['close', 'awaiting_decision'], ['decide', plan.until === 'rejected' ? 'rejected' : 'approved']] as const) {
      steps.push({ step });
      if (plan.until === state) return done();
    }
    steps.push({ step: 'minutes' });
    const minutesIssued = steps.length - 1;
    if (plan.interimShare) steps.push({ step: 'interim' });
    if (plan.until === 'minutes_issued') return done(minutesIssued);
    steps.push({ step: 'pay' });
    return done();
  }

  /** Dates of a dossier's steps, from its start date or counted back from today. */
  function datesOf(plan: DemoDossier, steps: Planned[], anchor: number): string[] {
    const offsets: number[] = [];
    steps.forEach((s, i) => offsets.push(i === 0 ? 0 : offsets[i - 1]! + (plan.gaps?.[s.step] ?? DEFAULT_GAPS[s.step])));
    let start: string;
    if ('startOn' in plan.when) start = onWorkingDay(plan.when.startOn);
    else {
      const days = DEFAULT_STEP_DEADLINES[plan.until]?.workingDays ?? 0;
      const anchorDay = 'dueSoon' in plan.when
        ? workingDaysBefore(nextWorkingDay(todayDate, calendar), days)
        : workingDaysBefore(todayDate, plan.when.workingDaysAgo);
      start = workingDaysBefore(anchorDay, offsets[anchor]!);
    }
    const dates = offsets.map((offset) => addWorkingDays(start, offset, calendar));
    const order = orderPlan(plan.order);
    const periodEnd = order.milestones?.[plan.periodNo - 1]?.endDate
      ?? periodBounds(order.periodKind as Exclude<PeriodKind, 'milestones'>, order.startDate, order.endDate)[plan.periodNo - 1]!.endDate;
    const tooEarly = dates.at(-1)! >= todayDate || (plan.until !== 'draft' && dates[0]! <= periodEnd);
    if (tooEarly) fail(`today (${todayDate}) is too early: dossier ${plan.key} for the period ending ${periodEnd} would run from ${dates[0]} to ${dates.at(-1)}`);
    return dates;
  }

  function dossierSteps(plan: DemoDossier): Step[] {
    const { steps, anchor } = pathOf(plan);
    const extras: Planned[] = [...(plan.extension ? [{ step: 'extend' as const }] : []), ...(plan.comment ? [{ step: 'comment' as const }] : [])];
    const all = [...steps, ...extras];
    const dates = datesOf(plan, all, anchor);
    return all.map((planned, i) => ({
      at: timeOn(`dossier:${plan.key}`, dates[i]!), label: `${planned.step} (dossier ${plan.key})`, run: () => runDossierStep(plan, planned),
    }));
  }

  /** Each service returns the dossier as it now is; the story reads the latest copy instead of asking again. */
  const latest = new Map<string, DossierDetail>();
  const dossierId = (plan: DemoDossier) => dossierIds.get(plan.key) ?? fail(`dossier ${plan.key} was not created`);
  const current = (plan: DemoDossier) => latest.get(plan.key) ?? fail(`dossier ${plan.key} was not created`);
  const keep = (plan: DemoDossier) => (detail: DossierDetail) => void latest.set(plan.key, detail);
  const move = (actor: Actor, plan: DemoDossier, action: DossierAction, body: DossierTransitionBody = {}) =>
    services.dossierWorkflow.transition(actor, dossierId(plan), action, body, source(actor)).then(keep(plan));

  async function runDossierStep(plan: DemoDossier, { step, member, round }: Planned): Promise<void> {
    const id = dossierIds.get(plan.key)!;
    const { dossierWorkflow: workflow } = services;
    switch (step) {
      case 'create': return prepare(plan);
      case 'submit': return move(providerFor(plan), plan, 'submit');
      case 'withdraw': return move(providerFor(plan), plan, 'withdraw', { reason: plan.withdrawal! });
      case 'request_supplement': return move(officer, plan, 'request_supplement', { reason: plan.supplements![round!]! });
      case 'answer_supplement': {
        const label = current(plan).periodLabel.toLowerCase();
        await attach(plan, 'supplement', `Tai-lieu-bo-sung-lan-${round! + 1}-${slug(label)}.pdf`, `Tài liệu bổ sung lần ${round! + 1}, ${label} (minh họa)`, [
          `Theo yêu cầu: ${plan.supplements![round!]}`, 'Đơn vị gửi kèm bản xuất gốc từ hệ thống giám sát và nhật ký xử lý sự cố có xác nhận.',
        ]);
        const selfAssessment = `${current(plan).selfAssessment}\nBổ sung lần ${round! + 1}: đã gửi tài liệu theo yêu cầu của Sở.`;
        await services.dossiers.update(providerFor(plan), id, { selfAssessment }, source(providerFor(plan))).then(keep(plan));
        return move(providerFor(plan), plan, 'answer_supplement');
      }
      case 'receive': return move(officer, plan, 'receive');
      case 'assign': {
        await move(leaderAt(clock.now()), plan, 'assign_appraiser', { appraiserId: officer.userId });
        later(40);
        if (orderPlan(plan.order).council) return; // the order's council sits on it from assignment
        const year = localDate(clock.now()).slice(0, 4);
        await workflow.setupCouncil(officer, id, {
          decisionNumber: `${(year === '2025' ? 180 : 20) + ++councilDecisions}/QĐ-SKHCN (minh họa)`, decisionDate: localDate(clock.now()), quorum: 2,
          members: councilMembers(),
        }, source(officer)).then(keep(plan));
        return;
      }
      case 'appraise': return appraise(plan);
      case 'vote': return vote(plan, member!);
      case 'close': {
        const summary = plan.councilSummary ?? ((current(plan).deductionTotal ?? 0) > 0
          ? 'Hội đồng thống nhất đề nghị nghiệm thu, áp dụng giảm trừ theo các chỉ tiêu chất lượng không đạt.'
          : 'Hội đồng thống nhất đề nghị nghiệm thu toàn bộ khối lượng.');
        return move(chair, plan, 'close_council_review', { summary });
      }
      case 'decide': {
        const actor = leaderAt(clock.now());
        const decision = plan.decision ?? { kind: 'approve', conclusion: 'accepted', text: 'Đồng ý nghiệm thu theo đề nghị của hội đồng.' };
        if (decision.kind === 'reject') return move(actor, plan, 'reject', { reason: decision.reason });
        return move(actor, plan, 'approve', { conclusion: decision.conclusion, conclusionText: decision.text });
      }
      case 'minutes': return move(officer, plan, 'issue_minutes', { place: 'An Bình' });
      case 'interim': return workflow.recordInterimPayment(officer, id, await payable(plan, plan.interimShare!), source(officer)).then(keep(plan));
      case 'pay': return move(officer, plan, 'record_final_payment', { payment: await payable(plan, 1) });
      case 'extend': return workflow.extendDeadline(officer, id, plan.extension!, source(officer)).then(keep(plan));
      case 'comment': {
        const actor = plan.comment!.by === 'provider' ? providerFor(plan) : officer;
        return services.dossiers.comment(actor, id, { body: plan.comment!.text }, source(actor)).then(keep(plan));
      }
    }
  }

  /** The provider's draft: the report, delivered quantities, KPI actuals and the evidence files. */
  async function prepare(plan: DemoDossier) {
    const provider = providerFor(plan);
    const draft = await services.dossiers.create(provider, { orderId: orderId(plan.order), periodNo: plan.periodNo }, source(provider));
    dossierIds.set(plan.key, draft.id);
    latest.set(plan.key, draft);
    later(25);
    const delivered = (l: DossierDetail['lines'][number]) => plan.delivered?.[l.serviceCode] ?? l.plannedQuantity;
    const actual = (k: DossierDetail['kpis'][number]) => plan.actuals?.[draft.lines.find((l) => l.lineNo === k.lineNo)!.serviceCode]?.[k.code] ?? TYPICAL_ACTUALS[k.code] ?? k.target;
    const missed = draft.kpis.filter((k) => isMissed(k, actual(k)));
    const period = draft.periodLabel.toLowerCase();
    const report = `Trong ${period}, ${providerOf(plan).selfName} đã thực hiện: ${draft.lines.map((l) => `${l.serviceName}: ${delivered(l)} ${l.unit}`).join('; ')}. `
      + 'Các sự cố phát sinh đã được tiếp nhận, xử lý và ghi nhật ký đầy đủ. (minh họa)';
    const assessment = missed.length === 0
      ? 'Đơn vị tự đánh giá hoàn thành khối lượng và đạt các chỉ tiêu chất lượng theo đơn đặt hàng.'
      : `Đơn vị tự đánh giá hoàn thành khối lượng; chưa đạt: ${missed.map((k) => `${k.name} (${systemOf(draft, k.lineNo)}): ${actual(k)} ${k.unit}, mục tiêu ${k.target} ${k.unit}`).join('; ')}.`;
    const reportFile = [`Bao-cao-ket-qua-${slug(period)}.pdf`, `Báo cáo kết quả thực hiện ${period} (minh họa)`] as const;
    if (plan.isPartial) {
      await services.dossiers.update(provider, draft.id, { completionReport: report }, source(provider)).then(keep(plan));
      await attach(plan, 'completion_report', ...reportFile, [report]);
      return;
    }
    await services.dossiers.update(provider, draft.id, {
      completionReport: report, selfAssessment: assessment,
      lines: draft.lines.map((l) => ({ lineNo: l.lineNo, deliveredQuantity: delivered(l) })),
      kpis: draft.kpis.map((k) => ({ lineNo: k.lineNo, code: k.code, actual: actual(k) })),
    }, source(provider)).then(keep(plan));
    const first = draft.kpis[0];
    await attach(plan, 'completion_report', ...reportFile, [draft.order.title, report]);
    await attach(plan, 'self_assessment', `Bao-cao-tu-danh-gia-${slug(period)}.pdf`, `Báo cáo tự đánh giá chất lượng dịch vụ ${period} (minh họa)`, [assessment]);
    await attach(plan, 'kpi_evidence', `So-lieu-giam-sat-${slug(period)}.pdf`, `Số liệu giám sát ${systemOf(draft, 1)} ${period} (minh họa)`,
      draft.kpis.map((k) => `${systemOf(draft, k.lineNo)} · ${k.name}: ${actual(k)} ${k.unit} (mục tiêu ${k.direction === 'at_least' ? '≥' : '≤'} ${k.target} ${k.unit})`),
      first ? { lineNo: first.lineNo, kpiCode: first.code } : { lineNo: null, kpiCode: null });
  }

  /** A generated PDF, uploaded by the provider and attached to the dossier. */
  async function attach(plan: DemoDossier, documentType: DossierDocumentType, fileName: string, title: string, paragraphs: string[],
    target: { lineNo: number | null; kpiCode: string | null } = { lineNo: null, kpiCode: null }) {
    const detail = current(plan);
    const provider = providerFor(plan);
    const pdf = await evidencePdf(font, title, [`Đơn đặt hàng: ${detail.order.code} · ${detail.periodLabel}`, `Đơn vị: ${detail.providerAgency.name}`, ...paragraphs]);
    const stored = await services.files.upload(provider, { stream: Readable.from(pdf), fileName }, source(provider));
    await services.dossiers.attach(provider, detail.id, { fileId: stored.id, documentType, ...target }, source(provider)).then(keep(plan));
    later(3);
  }

  async function appraise(plan: DemoDossier) {
    const detail = current(plan);
    const missed = detail.kpis.filter((k) => isMissed(k, k.actual ?? k.target));
    const short = detail.lines.filter((l) => l.deliveredQuantity !== l.plannedQuantity);
    const remarks = [
      short.length === 0 ? 'Khối lượng thực hiện đạt kế hoạch kỳ nghiệm thu.' : `Khối lượng đạt yêu cầu: ${short.map((l) => `${l.serviceName} ${l.deliveredQuantity}/${l.plannedQuantity} ${l.unit}`).join('; ')}.`,
      missed.length === 0 ? 'Các chỉ tiêu chất lượng đạt.' : `Chỉ tiêu không đạt: ${missed.map((k) => `${k.name} (${systemOf(detail, k.lineNo)})`).join('; ')}; giảm trừ theo quy định.`,
    ].join(' ');
    await services.dossierWorkflow.appraise(officer, detail.id, {
      lines: detail.lines.map((l) => ({ lineNo: l.lineNo, acceptedQuantity: l.deliveredQuantity ?? l.plannedQuantity })), remarks,
    }, source(officer)).then(keep(plan));
    later(20);
    await move(officer, plan, 'complete_appraisal');
  }

  async function vote(plan: DemoDossier, member: Member) {
    const actor = person(member);
    const { id, lines } = current(plan);
    if (plan.conflict?.member === member) {
      await services.dossierWorkflow.declareConflict(actor, id, ConflictBody.parse({ hasConflict: true, note: plan.conflict.note }), source(actor));
      return;
    }
    await services.dossierWorkflow.declareConflict(actor, id, ConflictBody.parse({ hasConflict: false }), source(actor));
    later(10);
    const dissent = plan.dissent?.find((d) => d.member === member);
    const score = 86 + MEMBERS.indexOf(member) * 3;
    await services.dossierWorkflow.vote(actor, id, VoteBody.parse({
      votes: lines.map((l) => (dissent
        ? { lineNo: l.lineNo, vote: dissent.vote, score: dissent.vote === 'disagree' ? 55 : null, comment: dissent.comment }
        : { lineNo: l.lineNo, vote: 'agree', score })),
    }), source(actor));
  }

  /**
   * What may be paid now: what is left of this dossier's accepted value,
   * within what the order has accepted and not yet paid (an advance is
   * recovered from the first payments).
   */
  async function payable(plan: DemoDossier, share: number) {
    const detail = current(plan);
    const order = (await services.orders.money([detail.order.id])).get(detail.order.id)!;
    const due = (detail.acceptedValue ?? 0) - detail.paidTotal;
    const open = Math.min(due, order.accepted - order.paid);
    const amount = share >= 1 ? open : Math.floor((open * share) / 1000) * 1000;
    if (amount <= 0) fail(`nothing left to pay on dossier ${plan.key}: the plan pays before enough is accepted`);
    const recovered = due - open;
    return {
      amount, paidOn: localDate(clock.now()), treasuryReference: paymentReference(),
      note: share < 1 ? 'Thanh toán đợt 1 theo biên bản nghiệm thu.' : recovered > 0 ? `Đã thu hồi tạm ứng ${formatVnd(recovered)}.` : 'Thanh toán theo biên bản nghiệm thu.',
    };
  }

  return { orderSteps, delegationSteps, dossierSteps, readingSteps, paymentCount: () => payments, officer };
}

/** Values a KPI typically shows when it is met. */
const TYPICAL_ACTUALS: Record<string, string> = { UPTIME: '99.8', RESPONSE: '2.5', DETECT: '1.5', ATTEND: '95', ERRORS: '0.6' };

function isMissed(kpi: Pick<DossierDetail['kpis'][number], 'direction' | 'target'>, actual: string): boolean {
  return kpi.direction === 'at_least' ? Number(actual) < Number(kpi.target) : Number(actual) > Number(kpi.target);
}

function systemOf(detail: Pick<DossierDetail, 'lines'>, lineNo: number): string {
  const code = detail.lines.find((l) => l.lineNo === lineNo)?.serviceCode ?? '';
  return SERVICE_SYSTEM_NAMES[code] ?? code;
}

function slug(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

type PdfFont = Parameters<PDFKit.PDFDocument['registerFont']>[1];

/**
 * pdfkit parses a font file anew for each document (about 30 ms); it also
 * takes the parsed font, which it keeps at `_font.font`. Parse once, and fall
 * back to the file should a later pdfkit keep it elsewhere.
 */
function parsedFont(file: Buffer): PdfFont {
  const parsed = (new PDFDocument().font(file) as unknown as { _font?: { font?: { layout?: unknown } } })._font?.font;
  return typeof parsed?.layout === 'function' ? (parsed as unknown as PdfFont) : file;
}

/** A one-page A4 PDF with a title and paragraphs, in a font that has Vietnamese letters. */
function evidencePdf(font: PdfFont, title: string, paragraphs: string[]): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: title, Creator: 'NghiemThu (dữ liệu minh họa)' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('body', font);
  doc.font('body').fontSize(15).text(title, { align: 'center' }).moveDown();
  for (const paragraph of paragraphs) doc.fontSize(11.5).text(paragraph, { align: 'justify' }).moveDown(0.5);
  doc.end();
  return done;
}

function fail(message: string): never {
  throw new Error(`Demo acceptance history: ${message}`);
}
