import { z } from 'zod';
import { pageOf, pageQuery } from './pagination.js';

/**
 * What a person is told about, in the app and (when e-mail is set up) by
 * e-mail. A closed list: each kind has one message `notification_<kind>` in
 * messages.ts and the parameters below.
 */
export const NOTIFICATION_KINDS = [
  'dossier_awaiting_you',
  'dossier_assigned',
  'dossier_due_soon',
  'dossier_overdue',
  'dossier_escalated',
  'dossier_decided',
  'dossier_supplement_requested',
  'council_appointed',
  'order_council_appointed',
] as const;
export const NotificationKind = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof NotificationKind>;

export const NOTIFICATION_DECISIONS = ['approved', 'rejected', 'sent_back'] as const;
export type NotificationDecision = (typeof NOTIFICATION_DECISIONS)[number];

export const NOTIFICATION_COUNCIL_ROLES = ['chair', 'secretary', 'member'] as const;
export type NotificationCouncilRole = (typeof NOTIFICATION_COUNCIL_ROLES)[number];

/**
 * The parameters each kind's message needs. Dates are calendar dates
 * (YYYY-MM-DD) and read dd/MM/yyyy; a string that is a message key (a step's
 * label, say) is translated into the reader's language.
 */
export type NotificationParamsByKind = {
  /** A dossier reached a step the recipient acts on. */
  dossier_awaiting_you: { dossierCode: string; orderTitle: string; stepLabel: string; dueDate: string };
  /** The recipient was assigned to appraise the dossier. */
  dossier_assigned: { dossierCode: string; orderTitle: string; dueDate: string };
  dossier_due_soon: { dossierCode: string; dueDate: string };
  /** `days`: working days past the due date. */
  dossier_overdue: { dossierCode: string; dueDate: string; days: number };
  /** To a leader: the step is overdue; `responsible` names who holds it. */
  dossier_escalated: { dossierCode: string; dueDate: string; responsible: string };
  /** `reason` may be empty (an approval needs none). */
  dossier_decided: { dossierCode: string; decision: NotificationDecision; reason: string };
  dossier_supplement_requested: { dossierCode: string; reason: string; dueDate: string };
  council_appointed: { dossierCode: string; councilRole: NotificationCouncilRole };
  /** Appointed to an order's council, which reviews each of the order's dossiers in turn. */
  order_council_appointed: { orderCode: string; councilRole: NotificationCouncilRole };
};

export const NotificationParams = z.record(z.string(), z.union([z.string(), z.number()]));
export type NotificationParams = z.infer<typeof NotificationParams>;

export const Notification = z.object({
  id: z.uuid(),
  kind: NotificationKind,
  /** The message in the request's language. */
  title: z.string(),
  dossierId: z.uuid().nullable(),
  orderId: z.uuid().nullable(),
  params: NotificationParams,
  createdAt: z.iso.datetime(),
  readAt: z.iso.datetime().nullable(),
});
export type Notification = z.infer<typeof Notification>;

/** The signed-in user's own notifications, newest first. */
export const NotificationListQuery = pageQuery(['createdAt']).extend({
  order: z.enum(['asc', 'desc']).default('desc'),
  unread: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});
export type NotificationListQuery = z.infer<typeof NotificationListQuery>;

export const NotificationPage = pageOf(Notification);
export type NotificationPage = z.infer<typeof NotificationPage>;

export const NotificationCount = z.object({ count: z.number().int() });
export type NotificationCount = z.infer<typeof NotificationCount>;
