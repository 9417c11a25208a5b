import { Burger, Group, Text, UnstyledButton } from '@mantine/core';
import { IconClipboardCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { NotificationBell } from '../features/notifications/notification-bell';
import { LanguageSwitch } from './language-switch';
import { usePublicConfig } from './public-config';
import { UserMenu } from './user-menu';

type NavbarToggle = { id: string; isOpen: boolean; onToggle: () => void };

export function AppHeader({ navbar }: { navbar: NavbarToggle | null }) {
  const { t } = useTranslation();
  const config = usePublicConfig();
  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
      <Group gap="sm" wrap="nowrap" miw={0}>
        {navbar && (
          <Burger
            opened={navbar.isOpen}
            onClick={navbar.onToggle}
            hiddenFrom="sm"
            size="sm"
            aria-label={t(navbar.isOpen ? 'app.closeNavigation' : 'app.openNavigation')}
            aria-expanded={navbar.isOpen}
            aria-controls={navbar.id}
          />
        )}
        <UnstyledButton component={Link} to="/" aria-label={t('app.home')}>
          <Group gap={6} wrap="nowrap">
            <IconClipboardCheck size={26} color="var(--mantine-primary-color-filled)" aria-hidden />
            <Text fw={700} size="lg" visibleFrom="xs">
              {t('app.productName')}
            </Text>
          </Group>
        </UnstyledButton>
        {config.data && (
          <Text c="dimmed" size="sm" visibleFrom="md" truncate>
            {config.data.provinceName}
          </Text>
        )}
      </Group>
      <Group gap="sm" wrap="nowrap">
        <LanguageSwitch />
        <NotificationBell />
        <UserMenu />
      </Group>
    </Group>
  );
}
