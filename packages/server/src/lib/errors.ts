import type { ErrorCode, ErrorDetail, MessageKey, MessageParams } from '@nghiemthu/shared';

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

export const notFound = (thing: 'thingAgency' | 'thingUser' | 'thingFile' | 'thingTask') =>
  new AppError('NOT_FOUND', 'notFound', { thing });
export const forbidden = () => new AppError('FORBIDDEN', 'forbidden');
export const conflict = (key: MessageKey, params?: MessageParams) => new AppError('CONFLICT', key, params);
export const invalid = (key: MessageKey, params?: MessageParams, details?: AppErrorDetail[]) =>
  new AppError('VALIDATION_FAILED', key, params, details);
