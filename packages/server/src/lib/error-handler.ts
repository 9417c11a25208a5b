import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isResponseSerializationError } from 'fastify-type-provider-zod';
import {
  formatBytes,
  pickLanguage,
  translate,
  type ErrorBody,
  type ErrorCode,
  type ErrorDetail,
  type Language,
  type MessageKey,
  type MessageParams,
} from '@nghiemthu/shared';
import { AppError, localize } from './errors.js';
import { describeIssues, isValidationFailure } from './validation.js';

export function requestLanguage(request: FastifyRequest): Language {
  return pickLanguage(request.headers['accept-language']);
}

function send(reply: FastifyReply, status: number, code: ErrorCode, message: string, details?: ErrorDetail[]) {
  const body: ErrorBody = { error: { code, message, ...(details?.length ? { details } : {}) } };
  return reply.status(status).type('application/json; charset=utf-8').send(body);
}

/**
 * The one place errors become responses: a closed set of codes, one body
 * shape, messages in the request's language; internals are logged, never sent.
 */
export function installErrorHandler(app: FastifyInstance, limits: { bodyMaxBytes: number; uploadMaxBytes: number }) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const language = requestLanguage(request);
    const t = (key: MessageKey, params: MessageParams = {}) => translate(language, key, params);

    if (error instanceof AppError) {
      const { message, details } = localize(error, language);
      return send(reply, error.status, error.code, message, details);
    }
    if (isValidationFailure(error) || error.validation) {
      const where = error.validationContext ?? 'body';
      const details = isValidationFailure(error)
        ? describeIssues(error, language, where === 'body' ? undefined : where)
        : (error.validation ?? []).map((v) => ({ path: v.instancePath || where, message: v.message ?? '' }));
      return send(reply, 400, 'VALIDATION_FAILED', t('validationFailed'), details);
    }
    switch (error.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return send(reply, 400, 'VALIDATION_FAILED', t('invalidJson', { detail: error.message }));
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return send(reply, 413, 'PAYLOAD_TOO_LARGE', t('payloadTooLarge', { limit: formatBytes(limits.bodyMaxBytes) }));
      case 'FST_REQ_FILE_TOO_LARGE':
        return send(reply, 413, 'PAYLOAD_TOO_LARGE', t('fileTooLarge', { limit: formatBytes(limits.uploadMaxBytes) }));
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
        return send(reply, 415, 'UNSUPPORTED_MEDIA_TYPE', t('unsupportedMediaType', { type: String(request.headers['content-type'] ?? '') }));
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      case 'FST_PROTO_VIOLATION':
      case 'FST_ERR_BAD_URL':
        return send(reply, 400, 'VALIDATION_FAILED', t('validationFailed'));
    }
    if (error.statusCode === 429) {
      return send(reply, 429, 'RATE_LIMITED', t('rateLimited', { after: String(reply.getHeader('retry-after') ?? '60') + 's' }));
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500 && !isResponseSerializationError(error)) {
      request.log.info({ err: error }, 'client error');
      return send(reply, error.statusCode, 'VALIDATION_FAILED', t('validationFailed'));
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(reply, 500, 'INTERNAL', t('internal', { requestId: String(request.id) }));
  });

  app.setNotFoundHandler((request, reply) => {
    const language = requestLanguage(request);
    return send(reply, 404, 'NOT_FOUND', translate(language, 'routeNotFound', { method: request.method, url: request.url.split('?')[0] ?? '' }));
  });
}
