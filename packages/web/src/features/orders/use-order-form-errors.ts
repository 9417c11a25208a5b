import { useState } from 'react';
import { ApiError } from '../../app/api-client';
import { useFormErrors } from '../../ui/use-form-errors';
import { ORDER_FIELDS } from './order-form-values';

/** "lines.0.unitPrice" whether the server wrote it with dots or as a JSON pointer. */
const normalize = (path: string) => path.replace(/^\//, '').replace(/\//g, '.');
const topOf = (path: string) => path.split('.')[0] ?? path;
const isUnder = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}.`);

/**
 * The order form's errors by API path, so a message lands on the row and field it
 * names ("lines.1.quantity", "periods.0"), while the shared useFormErrors keeps the
 * form-wide message (what no field can show) and moves the focus to the first
 * invalid field after a refused submit.
 */
export function useOrderFormErrors() {
  const form = useFormErrors(ORDER_FIELDS);
  const [byPath, setByPath] = useState<Record<string, string>>({});

  function showProblems(problems: Record<string, string>): boolean {
    setByPath(problems);
    const topLevel: Partial<Record<(typeof ORDER_FIELDS)[number], string>> = {};
    for (const [path, message] of Object.entries(problems)) {
      const field = ORDER_FIELDS.find((name) => name === topOf(path));
      if (field && !topLevel[field]) topLevel[field] = message;
    }
    return form.showFieldErrors(topLevel);
  }

  function showApiError(error: unknown): void {
    const found: Record<string, string> = {};
    for (const detail of error instanceof ApiError ? error.details : []) {
      const path = normalize(detail.path);
      found[path] ??= detail.message;
    }
    setByPath(found);
    form.showApiError(error);
  }

  function clear(path: string): void {
    setByPath((current) => {
      if (!(path in current)) return current;
      const next = { ...current };
      delete next[path];
      return next;
    });
  }

  /** The message at exactly this path. */
  const at = (path: string): string | undefined => byPath[path];

  /** Messages under a list that none of its fields shows: the list's own, and those about parts the form does not edit. */
  function listMessages(prefix: string, isShown: (path: string) => boolean): string[] {
    return Object.entries(byPath)
      .filter(([path]) => isUnder(path, prefix) && !isShown(path))
      .map(([, message]) => message);
  }

  return { formRef: form.formRef, problem: form.problem, at, clear, listMessages, showProblems, showApiError };
}

export type OrderFormErrors = ReturnType<typeof useOrderFormErrors>;
