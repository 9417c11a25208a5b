import { Button, Group, Table, Text } from '@mantine/core';
import { formatDateTime, type User } from '@nghiemthu/shared';
import { useTranslation } from 'react-i18next';
import { EmptyRows } from '../../ui/empty-rows';
import { RoleBadges } from '../../ui/role-badges';
import { SortableTh } from '../../ui/sortable-th';
import type { SortOrder } from '../../ui/use-list-params';
import type { UserSort } from './users.api';
import { UserStatus } from './user-status';

export type UserAction = User['allowedActions'][number];

type UsersTableProps = {
  users: User[];
  sort: UserSort;
  order: SortOrder;
  onSort: (field: UserSort) => void;
  onAction: (action: UserAction, user: User) => void;
  pendingUnlockId: string | null;
  hasFilters: boolean;
  isRefreshing: boolean;
};

const COLUMN_COUNT = 8;

export function UsersTable({
  users,
  sort,
  order,
  onSort,
  onAction,
  pendingUnlockId,
  hasFilters,
  isRefreshing,
}: UsersTableProps) {
  const { t } = useTranslation();
  const sortable = { sort, order, onSort };
  return (
    <Table.ScrollContainer minWidth={1100}>
      <Table
        highlightOnHover
        verticalSpacing="xs"
        aria-label={t('users.tableCaption')}
        aria-busy={isRefreshing}
        style={{ opacity: isRefreshing ? 0.6 : 1 }}
      >
        <Table.Thead>
          <Table.Tr>
            <SortableTh field="username" {...sortable}>
              {t('users.username')}
            </SortableTh>
            <SortableTh field="fullName" {...sortable}>
              {t('users.fullName')}
            </SortableTh>
            <Table.Th>{t('users.agency')}</Table.Th>
            <Table.Th>{t('users.roles')}</Table.Th>
            <Table.Th>{t('users.status')}</Table.Th>
            <SortableTh field="lastLoginAt" {...sortable}>
              {t('users.lastLoginAt')}
            </SortableTh>
            <SortableTh field="createdAt" {...sortable}>
              {t('users.createdAt')}
            </SortableTh>
            <Table.Th>{t('common.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.length === 0 && <EmptyRows colSpan={COLUMN_COUNT} hasFilters={hasFilters} />}
          {users.map((user) => (
            <Table.Tr key={user.id}>
              <Table.Td className="mono">{user.username}</Table.Td>
              <Table.Td>
                {user.fullName}
                {user.email && (
                  <Text size="xs" c="dimmed">
                    {user.email}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{user.agency.name}</Table.Td>
              <Table.Td>
                <RoleBadges roles={user.roles} />
              </Table.Td>
              <Table.Td>
                <UserStatus user={user} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {user.lastLoginAt ? formatDateTime(user.lastLoginAt) : t('users.neverSignedIn')}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(user.createdAt)}</Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  {user.allowedActions.includes('update') && (
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      onClick={() => onAction('update', user)}
                      aria-label={t('users.editFor', { name: user.fullName })}
                    >
                      {t('common.edit')}
                    </Button>
                  )}
                  {user.allowedActions.includes('resetPassword') && (
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      onClick={() => onAction('resetPassword', user)}
                      aria-label={t('users.resetPasswordFor', { name: user.fullName })}
                    >
                      {t('users.resetPassword')}
                    </Button>
                  )}
                  {user.allowedActions.includes('unlock') && (
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      color="orange"
                      loading={pendingUnlockId === user.id}
                      onClick={() => onAction('unlock', user)}
                      aria-label={t('users.unlockFor', { name: user.fullName })}
                    >
                      {t('users.unlock')}
                    </Button>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
