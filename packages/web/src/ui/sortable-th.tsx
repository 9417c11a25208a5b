import { Group, Table, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconSelector } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { SortOrder } from './use-list-params';

type SortableThProps<S extends string> = {
  field: S;
  sort: S;
  order: SortOrder;
  onSort: (field: S) => void;
  children: ReactNode;
  /** Numbers are right-aligned, and so is their heading. */
  align?: 'left' | 'right';
};

/** A column header that sorts the list when clicked; screen readers hear the order through aria-sort. */
export function SortableTh<S extends string>({ field, sort, order, onSort, children, align = 'left' }: SortableThProps<S>) {
  const isSorted = field === sort;
  const Icon = !isSorted ? IconSelector : order === 'asc' ? IconChevronUp : IconChevronDown;
  return (
    <Table.Th aria-sort={isSorted ? (order === 'asc' ? 'ascending' : 'descending') : 'none'} style={{ textAlign: align }}>
      <UnstyledButton onClick={() => onSort(field)} fw={700} fz="sm" style={{ whiteSpace: 'nowrap' }}>
        <Group gap={4} wrap="nowrap" justify={align === 'right' ? 'flex-end' : 'flex-start'}>
          <span>{children}</span>
          <Icon size={14} stroke={1.8} aria-hidden />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}
