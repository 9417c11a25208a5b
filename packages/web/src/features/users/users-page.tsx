import { Button, Group, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ROLES, type User } from '@nghiemthu/shared';
import { IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/session';
import { errorMessage } from '../../ui/error-message';
import { ListFooter } from '../../ui/list-footer';
import { notifySuccess } from '../../ui/notify';
import { PageLoader } from '../../ui/page-loader';
import { PageTitle } from '../../ui/page-title';
import { QueryError } from '../../ui/query-error';
import { oneOf, useListParams } from '../../ui/use-list-params';
import { ResetPasswordModal } from './reset-password-modal';
import { USER_FILTERS, UserFilters } from './user-filters';
import { UserFormModal } from './user-form-modal';
import { USER_SORTS, useUnlockUser, useUserList } from './users.api';
import { UsersTable, type UserAction } from './users-table';

export function UsersPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [isCreating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const unlock = useUnlockUser();
  const list = useListParams({
    sorts: USER_SORTS,
    defaultSort: 'username',
    defaultOrder: 'asc',
    filters: USER_FILTERS,
  });
  const users = useUserList({
    page: list.page,
    pageSize: list.pageSize,
    sort: list.sort,
    order: list.order,
    q: list.filters.q || undefined,
    agencyId: list.filters.agencyId || undefined,
    role: oneOf(ROLES, list.filters.role),
    isActive: oneOf(['true', 'false'] as const, list.filters.isActive),
  });

  function act(action: UserAction, user: User) {
    if (action === 'update') setEditing(user);
    else if (action === 'resetPassword') setResetting(user);
    else {
      unlock.mutate(user.id, {
        onSuccess: () => notifySuccess(t('users.unlocked', { name: user.fullName })),
        onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
      });
    }
  }

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <PageTitle>{t('users.title')}</PageTitle>
        {me.permissions.createUsers && (
          <Button
            leftSection={<IconUserPlus size={16} aria-hidden />}
            onClick={() => setCreating(true)}
            data-testid="user-create"
          >
            {t('users.create')}
          </Button>
        )}
      </Group>
      <UserFilters list={list} />
      {users.isError && <QueryError error={users.error} onRetry={() => void users.refetch()} />}
      {users.isPending && <PageLoader />}
      {users.data && (
        <>
          <UsersTable
            users={users.data.items}
            sort={list.sort}
            order={list.order}
            onSort={list.toggleSort}
            onAction={act}
            pendingUnlockId={unlock.isPending ? (unlock.variables ?? null) : null}
            hasFilters={list.hasFilters}
            isRefreshing={users.isPlaceholderData}
          />
          <ListFooter page={list.page} pageSize={list.pageSize} total={users.data.total} onPageChange={list.setPage} />
        </>
      )}
      <UserFormModal opened={isCreating} onClose={() => setCreating(false)} />
      {editing && <UserFormModal opened onClose={() => setEditing(null)} user={editing} />}
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </Stack>
  );
}
