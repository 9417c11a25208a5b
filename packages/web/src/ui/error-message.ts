import { ApiError } from '../app/api-client';
import { i18n } from '../app/i18n';

/** What to tell the user about a failure: the server's localized message when there is one. */
export function errorMessage(error: unknown): string {
  return error instanceof ApiError ? error.message : i18n.t('errors.unexpected', { status: '-' });
}
