import type { OrderAllowedAction, OrderStatus } from '@nghiemthu/shared';
import { AMENDABLE_ORDER_STATUSES, ORDER_TRANSITIONS } from '@nghiemthu/shared';
import { hasRole, type Actor } from '../auth/actor.js';

/**
 * How the actor stands to an order: on the ordering side (officers and leaders
 * of the ordering agency's reach), on the provider side, and whether they hold
 * a leader's authority now (their own, or delegated to them).
 */
export type OrderRelation = { isOrderingSide: boolean; isProviderSide: boolean; hasLeaderAuthority: boolean };

export function canCreateOrder(actor: Actor): boolean {
  return hasRole(actor, 'officer', 'leader');
}

export function allowedOrderActions(actor: Actor, order: { status: OrderStatus }, relation: OrderRelation): OrderAllowedAction[] {
  const actions: OrderAllowedAction[] = [];
  const isOrderingStaff = relation.isOrderingSide && (hasRole(actor, 'officer', 'leader') || relation.hasLeaderAuthority);
  for (const transition of ORDER_TRANSITIONS) {
    if (transition.from !== order.status || !relation.isOrderingSide) continue;
    const needsLeader = transition.by.length === 1 && transition.by[0] === 'leader';
    if (needsLeader ? relation.hasLeaderAuthority : isOrderingStaff) actions.push(transition.action);
  }
  if (order.status === 'draft' && isOrderingStaff) actions.push('edit');
  if (AMENDABLE_ORDER_STATUSES.includes(order.status) && relation.isOrderingSide && relation.hasLeaderAuthority) actions.push('amend');
  if (AMENDABLE_ORDER_STATUSES.includes(order.status) && isOrderingStaff) actions.push('recordAdvance', 'setupCouncil');
  if (AMENDABLE_ORDER_STATUSES.includes(order.status) && relation.isProviderSide && hasRole(actor, 'provider_officer')) actions.push('createDossier');
  return actions;
}
