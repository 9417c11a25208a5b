import { formatDate, isMessageKey, translate, type ErrorCode, type ErrorDetail, type Language, type MessageKey, type MessageParams } from '@nghiemthu/shared';

const STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_TRANSITION: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

/** A detail whose message is a catalogue key, translated when the response is written. */
export type AppErrorDetail = { path: string; key: MessageKey; params?: MessageParams } | ErrorDetail;

/**
 * The one error type services throw. The message is a key into the shared
 * catalogue; the error handler writes it in the request's language.
 */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly key: MessageKey,
    readonly params: MessageParams = {},
    readonly details?: AppErrorDetail[],
    status?: number,
  ) {
    super(key);
    this.status = status ?? STATUS[code];
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Fills a message's parameters the way a person reads them: those that are
 * themselves message keys (e.g. "the agency") are translated, and calendar
 * dates are written dd/MM/yyyy, as everywhere else in the app.
 */
export function localizeParams(language: Language, params: MessageParams = {}): MessageParams {
  return Object.fromEntries(
    Object.entries(params).map(([name, value]) => {
      if (typeof value !== 'string') return [name, value];
      if (isMessageKey(value)) return [name, translate(language, value)];
      return [name, ISO_DATE.test(value) ? formatDate(value) : value];
    }),
  );
}

/** An AppError worded for a person: the HTTP error handler and the task worker both use this. */
export function localize(error: AppError, language: Language): { message: string; details?: ErrorDetail[] } {
  const details = error.details?.map((detail) =>
    'key' in detail ? { path: detail.path, message: translate(language, detail.key, localizeParams(language, detail.params)) } : detail,
  );
  return { message: translate(language, error.key, localizeParams(language, error.params)), ...(details ? { details } : {}) };
}

export const notFound = (thing: 'thingAgency' | 'thingUser' | 'thingFile' | 'thingTask' | 'thingDelegation' | 'thingOrder' | 'thingDossier' | 'thingPayment' | 'thingNotification' | 'thingRecord' | 'thingDocument' | 'thingRecordClass' | 'thingTrustAnchor' | 'thingSavedSearch') =>
  new AppError('NOT_FOUND', 'notFound', { thing });
export const forbidden = () => new AppError('FORBIDDEN', 'forbidden');
export const conflict = (key: MessageKey, params?: MessageParams) => new AppError('CONFLICT', key, params);
export const invalid = (key: MessageKey, params?: MessageParams, details?: AppErrorDetail[]) =>
  new AppError('VALIDATION_FAILED', key, params, details);
