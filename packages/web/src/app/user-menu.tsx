import { Avatar, Box, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconKey, IconLogout } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSignOut } from '../features/auth/auth.api';
import { useMe } from './session';

export function UserMenu() {
  const { t } = useTranslation();
  const me = useMe();
  const signOut = useSignOut();
  return (
    <Menu position="bottom-end" width={280} withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={t('app.userMenu', { name: me.user.fullName })}>
          <Group gap={8} wrap="nowrap">
            <Avatar name={me.user.fullName} color="initials" size="sm" />
            <Text size="sm" fw={500} visibleFrom="sm" maw={180} truncate>
              {me.user.fullName}
            </Text>
            <IconChevronDown size={14} aria-hidden />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Box px="sm" py="xs">
          <Text size="sm" fw={600}>
            {me.user.fullName}
          </Text>
          <Text size="xs" c="dimmed">
            {me.user.username}
          </Text>
          <Text size="xs" mt={4}>
            {me.agency.name}
          </Text>
        </Box>
        <Menu.Divider />
        {!me.user.mustChangePassword && (
          <Menu.Item component={Link} to="/change-password" leftSection={<IconKey size={16} aria-hidden />}>
            {t('auth.changePassword')}
          </Menu.Item>
        )}
        <Menu.Item
          leftSection={<IconLogout size={16} aria-hidden />}
          onClick={() => signOut.mutate()}
          disabled={signOut.isPending}
        >
          {t('auth.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
