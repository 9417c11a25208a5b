import { useSearchParams } from 'react-router';

export type SortOrder = 'asc' | 'desc';

export const PAGE_SIZE = 20;

type ListConfig<S extends string, F extends string> = {
  sorts: readonly S[];
  defaultSort: S;
  defaultOrder: SortOrder;
  filters: readonly F[];
};

/**
 * Page, sort and filters of a list, kept in the address bar so that Back, reload
 * and shared links show the same list. Changing a filter or the sort returns to page 1.
 */
export function useListParams<S extends string, F extends string>(config: ListConfig<S, F>) {
  const [params, setParams] = useSearchParams();

  const page = Math.max(1, Number.parseInt(params.get('page') ?? '', 10) || 1);
  const sortParam = params.get('sort');
  const sort = config.sorts.find((field) => field === sortParam) ?? config.defaultSort;
  const orderParam = params.get('order');
  const order: SortOrder = orderParam === 'asc' || orderParam === 'desc' ? orderParam : config.defaultOrder;
  const filters = Object.fromEntries(config.filters.map((name) => [name, params.get(name) ?? ''])) as Record<F, string>;

  function update(changes: Record<string, string | null>, options: { keepPage: boolean; replace: boolean }) {
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        for (const [name, value] of Object.entries(changes)) {
          if (value) next.set(name, value);
          else next.delete(name);
        }
        if (!options.keepPage) next.delete('page');
        return next;
      },
      { replace: options.replace },
    );
  }

  return {
    page,
    pageSize: PAGE_SIZE,
    sort,
    order,
    filters,
    hasFilters: config.filters.some((name) => filters[name] !== ''),
    setPage: (next: number) => update({ page: next > 1 ? String(next) : null }, { keepPage: true, replace: false }),
    toggleSort: (field: S) =>
      update(
        { sort: field, order: field === sort && order === 'asc' ? 'desc' : 'asc' },
        { keepPage: false, replace: true },
      ),
    setFilter: (name: F, value: string | null) => update({ [name]: value }, { keepPage: false, replace: true }),
    clearFilters: () =>
      update(Object.fromEntries(config.filters.map((name) => [name, null])), { keepPage: false, replace: true }),
  };
}

export type ListParams<S extends string, F extends string> = ReturnType<typeof useListParams<S, F>>;

/** A filter value from the address bar, if it is one of the allowed values. */
export function oneOf<T extends string>(allowed: readonly T[], value: string): T | undefined {
  return allowed.find((candidate) => candidate === value);
}
