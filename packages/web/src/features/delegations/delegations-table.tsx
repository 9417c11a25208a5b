import { Button, Table, Text } from '@mantine/core';
import { formatDateTimeMinutes, type Delegation } from '@nghiemthu/shared';
import { useTranslation } from 'react-i18next';
import { EmptyRows } from '../../ui/empty-rows';
import { SortableTh } from '../../ui/sortable-th';
import type { SortOrder } from '../../ui/use-list-params';
import { DelegationStatusBadge } from './delegation-status-badge';
import type { DelegationSort } from './delegations.api';

type DelegationsTableProps = {
  delegations: Delegation[];
  sort: DelegationSort;
  order: SortOrder;
  onSort: (field: DelegationSort) => void;
  onRevoke: (delegation: Delegation) => void;
  hasFilters: boolean;
  isRefreshing: boolean;
};

const COLUMN_COUNT = 7;

function Person({ person }: { person: Delegation['delegator'] }) {
  return (
    <>
      {person.fullName}
      <Text size="xs" c="dimmed" className="mono">
        {person.username}
      </Text>
    </>
  );
}

export function DelegationsTable({ delegations, sort, order, onSort, onRevoke, hasFilters, isRefreshing }: DelegationsTableProps) {
  const { t } = useTranslation();
  const sortable = { sort, order, onSort };
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table
        highlightOnHover
        verticalSpacing="xs"
        aria-label={t('delegations.tableCaption')}
        aria-busy={isRefreshing}
        style={{ opacity: isRefreshing ? 0.6 : 1 }}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('delegations.delegator')}</Table.Th>
            <Table.Th>{t('delegations.deputy')}</Table.Th>
            <SortableTh field="validFrom" {...sortable}>
              {t('delegations.period')}
            </SortableTh>
            <Table.Th>{t('delegations.reason')}</Table.Th>
            <Table.Th>{t('delegations.status')}</Table.Th>
            <SortableTh field="createdAt" {...sortable}>
              {t('delegations.createdAt')}
            </SortableTh>
            <Table.Th>{t('common.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {delegations.length === 0 && <EmptyRows colSpan={COLUMN_COUNT} hasFilters={hasFilters} />}
          {delegations.map((delegation) => (
            <Table.Tr key={delegation.id} data-testid="delegation-row">
              <Table.Td>
                <Person person={delegation.delegator} />
              </Table.Td>
              <Table.Td>
                <Person person={delegation.deputy} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {t('delegations.periodFrom', { time: formatDateTimeMinutes(delegation.validFrom) })}
                <br />
                {t('delegations.periodTo', { time: formatDateTimeMinutes(delegation.validTo) })}
              </Table.Td>
              <Table.Td maw={320} style={{ overflowWrap: 'anywhere' }}>
                {delegation.reason}
              </Table.Td>
              <Table.Td>
                <DelegationStatusBadge status={delegation.status} />
                {delegation.revokedAt && (
                  <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    {formatDateTimeMinutes(delegation.revokedAt)}
                  </Text>
                )}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTimeMinutes(delegation.createdAt)}</Table.Td>
              <Table.Td>
                {delegation.allowedActions.includes('revoke') && (
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    color="red"
                    onClick={() => onRevoke(delegation)}
                    aria-label={t('delegations.revokeFor', { name: delegation.deputy.fullName })}
                    data-testid="delegation-revoke"
                  >
                    {t('delegations.revoke')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
