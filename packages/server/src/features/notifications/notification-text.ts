import {
  translate,
  type Language,
  type MessageKey,
  type MessageParams,
  type NotificationCouncilRole,
  type NotificationDecision,
  type NotificationKind,
} from '@nghiemthu/shared';
import { localizeParams } from '../../lib/errors.js';

const DECISION_WORDS: Record<NotificationDecision, MessageKey> = {
  approved: 'notificationDecisionApproved',
  rejected: 'notificationDecisionRejected',
  sent_back: 'notificationDecisionSentBack',
};

const COUNCIL_ROLE_WORDS: Record<NotificationCouncilRole, MessageKey> = {
  chair: 'notificationCouncilChair',
  secretary: 'notificationCouncilSecretary',
  member: 'notificationCouncilMember',
};

/** What people typed is shown as typed, even if it happens to spell a message key or a date. */
const TYPED_BY_PEOPLE = ['reason', 'orderTitle', 'responsible'];

/** The notification's sentence in one language: dates dd/MM/yyyy, decisions and council roles in words. */
export function notificationTitle(language: Language, kind: NotificationKind, params: MessageParams): string {
  const words: MessageParams = { ...params };
  if (kind === 'dossier_decided') {
    words.decision = DECISION_WORDS[params.decision as NotificationDecision] ?? String(params.decision);
    if (!params.reason) words.reason = 'notificationNoRemarks';
  }
  if (kind === 'council_appointed') {
    words.councilRole = COUNCIL_ROLE_WORDS[params.councilRole as NotificationCouncilRole] ?? String(params.councilRole);
  }
  const localized = localizeParams(language, words);
  for (const name of TYPED_BY_PEOPLE) {
    if (params[name] !== undefined && params[name] !== '') localized[name] = params[name];
  }
  return translate(language, `notification_${kind}`, localized);
}

/** Where the notification leads in the web app, if anywhere. */
export function notificationPath(target: { dossierId: string | null; orderId: string | null }): string | null {
  if (target.dossierId) return `/dossiers/${target.dossierId}`;
  if (target.orderId) return `/orders/${target.orderId}`;
  return null;
}

const SUBJECT_MAX = 180;
const SEPARATOR = '-'.repeat(40);

/**
 * The e-mail copy of a notification: a Vietnamese subject, and a plain-text
 * body in Vietnamese then English below a separator line, each with the link.
 */
export function renderNotificationEmail(
  notification: { kind: NotificationKind; params: MessageParams; dossierId: string | null; orderId: string | null },
  publicBaseUrl: string,
): { subject: string; text: string } {
  const path = notificationPath(notification);
  const link = path ? `${publicBaseUrl}${path}` : null;
  const part = (language: Language) => {
    const lines = [notificationTitle(language, notification.kind, notification.params)];
    if (link) lines.push('', translate(language, 'notificationEmailLink', { url: link }));
    lines.push('', translate(language, 'notificationEmailFooter', { url: `${publicBaseUrl}/notifications` }));
    return lines.join('\n');
  };
  // A subject is one line; a long reason is read in the body.
  const title = notificationTitle('vi', notification.kind, notification.params).replace(/\s+/g, ' ').trim();
  const subject = `NghiemThu: ${title.length > SUBJECT_MAX ? `${title.slice(0, SUBJECT_MAX - 1)}…` : title}`;
  return { subject, text: `${part('vi')}\n\n${SEPARATOR}\n\n${part('en')}\n` };
}
