import { z } from 'zod';

export const SORT_ORDERS = ['asc', 'desc'] as const;

/** Query fields shared by every list endpoint: 1-based page, bounded page size. */
export function pageQuery<const S extends readonly [string, ...string[]]>(sortFields: S) {
  return z.strictObject({
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(20),
    sort: z.enum(sortFields).default(sortFields[0]),
    order: z.enum(SORT_ORDERS).default('asc'),
  });
}

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };
