import { EmptyState, Table } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

type EmptyRowsProps = { colSpan: number; hasFilters: boolean };

/** The one row a table shows when nothing matches. */
export function EmptyRows({ colSpan, hasFilters }: EmptyRowsProps) {
  const { t } = useTranslation();
  return (
    <Table.Tr>
      <Table.Td colSpan={colSpan}>
        <EmptyState
          py="xl"
          size="sm"
          icon={<IconSearch aria-hidden />}
          title={t(hasFilters ? 'list.emptyFiltered' : 'list.empty')}
          description={hasFilters ? t('list.emptyFilteredHint') : undefined}
        />
      </Table.Td>
    </Table.Tr>
  );
}
