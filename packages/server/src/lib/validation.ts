import type { FastifySchemaCompiler } from 'fastify';
import { z } from 'zod';
import { isMessageKey, translate, type ErrorDetail, type Language } from '@nghiemthu/shared';

const ISSUES = Symbol.for('nghiemthu.zodIssues');

/** A schema validation failure carrying the raw Zod issues, translated later per request. */
export type ValidationFailure = Error & { [ISSUES]: z.core.$ZodIssue[]; validationContext?: string };

export function isValidationFailure(error: unknown): error is ValidationFailure {
  return typeof error === 'object' && error !== null && ISSUES in error;
}

/**
 * Like fastify-type-provider-zod's compiler, but keeps the raw issues so the
 * error handler can word them in the request's language.
 */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema }) =>
  (data) => {
    const result = schema.safeParse(data, { reportInput: true });
    if (result.success) return { value: result.data };
    const error = new Error('validation failed') as ValidationFailure;
    error[ISSUES] = result.error.issues;
    return { error };
  };

const locales = { vi: z.locales.vi(), en: z.locales.en() };

export function describeIssues(error: ValidationFailure, language: Language, prefix?: string): ErrorDetail[] {
  return error[ISSUES].flatMap((issue): ErrorDetail[] => {
    const base = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: [base, key].filter(Boolean).join('.'),
        message: translate(language, 'unknownField', { field: key }),
      }));
    }
    const message = isMessageKey(issue.message)
      ? translate(language, issue.message)
      : (locales[language].localeError?.(issue as never) as string | { message: string } | undefined);
    const text = typeof message === 'string' ? message : (message?.message ?? issue.message);
    return [{ path: base || '(body)', message: text }];
  });
}
