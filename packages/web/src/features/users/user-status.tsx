import { Badge, Group } from '@mantine/core';
import type { User } from '@nghiemthu/shared';
import { useTranslation } from 'react-i18next';

export function UserStatus({ user }: { user: User }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      <Badge color={user.isActive ? 'green' : 'gray'} variant="light" tt="none">
        {t(user.isActive ? 'users.active' : 'users.inactive')}
      </Badge>
      {user.isLocked && (
        <Badge color="orange" variant="light" tt="none">
          {t('users.locked')}
        </Badge>
      )}
    </Group>
  );
}
