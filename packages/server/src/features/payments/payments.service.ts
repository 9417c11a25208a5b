import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { checkPayment, formatVnd, type Payment, type PaymentKind, type RecordPaymentBody } from '@nghiemthu/shared';
import type { Db } from '../../db/client.js';
import { dossiers, payments, users } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import type { AuditService, AuditSource } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';

type PaymentRow = typeof payments.$inferSelect;

/**
 * Payments through the State Treasury. The money rules (packages/shared,
 * money-rules.ts) are checked here, inside the caller's transaction, with
 * the order row locked by the caller so two payments cannot both pass.
 */
export function createPaymentsService(deps: { db: Db; clock: Clock; audit: AuditService }) {
  const { db, clock, audit } = deps;

  async function listForOrder(orderId: string, tx: Db = db): Promise<Payment[]> {
    const found = await tx
      .select({ p: payments, by: users, code: dossiers.code })
      .from(payments)
      .innerJoin(users, eq(users.id, payments.recordedBy))
      .leftJoin(dossiers, eq(dossiers.id, payments.dossierId))
      .where(eq(payments.orderId, orderId))
      .orderBy(asc(payments.paidOn), asc(payments.recordedAt));
    return found.map((f) => present(f.p, f.by, f.code));
  }

  function present(row: PaymentRow, by: typeof users.$inferSelect, dossierCode: string | null): Payment {
    return {
      id: row.id, orderId: row.orderId, dossierId: row.dossierId, dossierCode, kind: row.kind, amount: row.amount, paidOn: row.paidOn,
      treasuryReference: row.treasuryReference, note: row.note,
      recordedBy: { id: by.id, username: by.username, fullName: by.fullName }, recordedAt: row.recordedAt.toISOString(),
    };
  }

  /**
   * Records a payment after checking the money rules against everything paid
   * and accepted on the order so far. The caller holds the order row lock.
   */
  async function record(
    tx: Db,
    actor: Actor,
    input: {
      order: { id: string; totalValue: number; orderingAgencyId: string; advanceLimit: number };
      dossier: { id: string; acceptedOn: string | null } | null;
      kind: PaymentKind;
      body: RecordPaymentBody;
    },
    source: AuditSource,
  ): Promise<PaymentRow> {
    const [paid] = await tx
      .select({
        total: sql<string>`coalesce(sum(${payments.amount}), 0)`,
        advances: sql<string>`coalesce(sum(${payments.amount}) filter (where ${payments.kind} = 'advance'), 0)`,
      })
      .from(payments)
      .where(eq(payments.orderId, input.order.id));
    const [accepted] = await tx
      .select({ total: sql<string>`coalesce(sum(${dossiers.acceptedValue}), 0)` })
      .from(dossiers)
      .where(and(eq(dossiers.orderId, input.order.id), inArray(dossiers.state, ['approved', 'minutes_issued', 'paid'])));
    const check = checkPayment({
      kind: input.kind,
      amount: input.body.amount,
      paidOn: input.body.paidOn,
      orderValue: input.order.totalValue,
      advanceLimit: input.order.advanceLimit,
      paidSoFar: { total: Number(paid!.total), advances: Number(paid!.advances) },
      acceptedSoFar: Number(accepted!.total),
      acceptedOn: input.dossier?.acceptedOn ?? null,
    });
    if (!check.isAllowed) {
      const params = Object.fromEntries(Object.entries(check.params).map(([k, v]) => [k, typeof v === 'number' ? formatVnd(v) : v]));
      throw new AppError('CONFLICT', check.key, params);
    }
    const row: PaymentRow = {
      id: randomUUID(), orderId: input.order.id, dossierId: input.dossier?.id ?? null, kind: input.kind, amount: input.body.amount,
      paidOn: input.body.paidOn, treasuryReference: input.body.treasuryReference, note: input.body.note ?? null,
      recordedBy: actor.userId, recordedAt: clock.now(),
    };
    await tx.insert(payments).values(row);
    if (input.dossier) {
      await tx.update(dossiers).set({ paidTotal: sql`${dossiers.paidTotal} + ${row.amount}` }).where(eq(dossiers.id, input.dossier.id));
    }
    await audit.record(tx, source, { action: `payment.${input.kind}`, entityType: 'payment', entityId: row.id, agencyId: input.order.orderingAgencyId, after: row });
    return row;
  }

  return { listForOrder, record };
}

export type PaymentsService = ReturnType<typeof createPaymentsService>;
