import type { Role } from './roles.js';

type OrderStatus = (typeof ORDER_STATUSES)[number];

/**
 * The life of an order (đặt hàng / giao nhiệm vụ / hợp đồng), as one table
 * like the dossier workflow. Amendments keep the state and add a version.
 */
export const ORDER_STATUSES = [
  'draft', //        being prepared by the ordering agency; edits change it in place
  'signed', //       signed by the leader: content frozen, amendments only
  'in_progress', //  the provider works; acceptance dossiers come in
  'accepted', //     every acceptance is decided
  'liquidated', //   liquidation minutes (thanh lý) recorded
  'settled', //      settlement (quyết toán) recorded, with what returns to the budget
  'archived', //     closed for good
  'cancelled', //    abandoned before work started (final)
] as const;


export const ORDER_ACTIONS = ['sign', 'start', 'complete', 'liquidate', 'settle', 'archive', 'cancel'] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

export type OrderTransition = { action: OrderAction; from: OrderStatus; to: OrderStatus; by: readonly Role[]; needsReason: boolean };

export const ORDER_TRANSITIONS: readonly OrderTransition[] = [
  { action: 'sign', from: 'draft', to: 'signed', by: ['leader'], needsReason: false },
  { action: 'start', from: 'signed', to: 'in_progress', by: ['officer', 'leader'], needsReason: false },
  { action: 'complete', from: 'in_progress', to: 'accepted', by: ['officer', 'leader'], needsReason: false },
  { action: 'liquidate', from: 'accepted', to: 'liquidated', by: ['officer', 'leader'], needsReason: false },
  { action: 'settle', from: 'liquidated', to: 'settled', by: ['officer', 'leader'], needsReason: false },
  { action: 'archive', from: 'settled', to: 'archived', by: ['officer', 'leader'], needsReason: false },
  { action: 'cancel', from: 'draft', to: 'cancelled', by: ['leader'], needsReason: true },
  { action: 'cancel', from: 'signed', to: 'cancelled', by: ['leader'], needsReason: true },
];

/** Amendments (new versions) are possible while the order is signed or running; the leader approves them. */
export const AMENDABLE_ORDER_STATUSES: readonly OrderStatus[] = ['signed', 'in_progress'];
export const ORDER_AMENDERS: readonly Role[] = ['leader'];

export function orderTransition(status: OrderStatus, action: OrderAction): OrderTransition | undefined {
  return ORDER_TRANSITIONS.find((t) => t.action === action && t.from === status);
}

export function orderActionFromStates(action: OrderAction): OrderStatus[] {
  return ORDER_TRANSITIONS.filter((t) => t.action === action).map((t) => t.from);
}
