import { Badge, Group } from '@mantine/core';
import type { Role } from '@nghiemthu/shared';
import { useTranslation } from 'react-i18next';

export function RoleBadges({ roles }: { roles: readonly Role[] }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      {roles.map((role) => (
        <Badge key={role} variant="light" radius="sm" tt="none">
          {t(`roles.${role}`)}
        </Badge>
      ))}
    </Group>
  );
}
