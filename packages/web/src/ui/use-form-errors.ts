import type { ErrorDetail } from '@nghiemthu/shared';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../app/api-client';
import { errorMessage } from './error-message';

export type FormProblem = { message: string; details: ErrorDetail[] };

/**
 * Errors of one form: messages under each field (from checks in the browser or from the
 * server's `details`, whose path names the field) and one message for the whole form.
 * After a failed submit the first invalid field gets the focus.
 */
export function useFormErrors<F extends string>(fields: readonly F[]) {
  const formRef = useRef<HTMLFormElement>(null);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<F, string>>>({});
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (attempt === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt]);

  function showFieldErrors(errors: Partial<Record<F, string>>): boolean {
    const hasErrors = Object.keys(errors).length > 0;
    setFieldErrors(errors);
    setProblem(null);
    if (hasErrors) setAttempt((n) => n + 1);
    return hasErrors;
  }

  function showApiError(error: unknown): void {
    const byField: Partial<Record<F, string>> = {};
    const unplaced: ErrorDetail[] = [];
    for (const detail of error instanceof ApiError ? error.details : []) {
      const field = fields.find((name) => name === detail.path.replace(/^\//, '').split(/[./[]/)[0]);
      if (field && !byField[field]) byField[field] = detail.message;
      else unplaced.push(detail);
    }
    setFieldErrors(byField);
    // When every detail sits under its field, a box repeating it at the top only doubles the message.
    const isAllPlaced = unplaced.length === 0 && Object.keys(byField).length > 0;
    setProblem(isAllPlaced ? null : { message: errorMessage(error), details: unplaced });
    setAttempt((n) => n + 1);
  }

  function clearFieldError(field: F): void {
    setFieldErrors((current) => {
      if (!current[field]) return current;
      const next = { ...current };
      delete next[field];
      return next;
    });
  }

  function reset(): void {
    setFieldErrors({});
    setProblem(null);
  }

  return { formRef, fieldErrors, problem, showFieldErrors, showApiError, clearFieldError, reset };
}
