import type { ErrorCode, MessageParams } from '@nghiemthu/shared';
import { AppError } from '../../lib/errors.js';

/** The messages (packages/shared/src/messages-records.ts) this module throws. */
export type ScanErrorKey =
  | 'scanMediaTypeUnsupported'
  | 'scanDamaged'
  | 'scanEncrypted'
  | 'scanResolutionTooLow'
  | 'scanResolutionNotRecorded'
  | 'scanImageHasAlpha'
  | 'ocrToolMissing'
  | 'ocrFailed';

export type ScanErrorCode = Extract<ErrorCode, 'VALIDATION_FAILED' | 'UNSUPPORTED_MEDIA_TYPE' | 'INTERNAL'>;

/**
 * A scan refused (VALIDATION_FAILED → 400, UNSUPPORTED_MEDIA_TYPE → 415) or a
 * recognition that failed (INTERNAL → 500). An AppError, so the HTTP error
 * handler and the task worker word it in the reader's language as they are;
 * `toolOutput` keeps the end of ocrmypdf's stderr for the log, never for the
 * person.
 */
export class ScanError extends AppError {
  override readonly name = 'ScanError';
  readonly toolOutput?: string;

  constructor(code: ScanErrorCode, key: ScanErrorKey, params: MessageParams = {}, options: { cause?: unknown; toolOutput?: string } = {}) {
    super(code, key, params);
    if (options.cause !== undefined) this.cause = options.cause;
    if (options.toolOutput) this.toolOutput = options.toolOutput;
  }
}

export const damaged = (format: string, options: { cause?: unknown; toolOutput?: string } = {}) =>
  new ScanError('VALIDATION_FAILED', 'scanDamaged', { format }, options);
