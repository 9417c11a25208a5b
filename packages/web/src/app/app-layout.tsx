import { AppShell, Progress } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigation } from 'react-router';
import { AppHeader } from './app-header';
import { AppNavbar } from './app-navbar';
import { useMe } from './session';

const NAVBAR_ID = 'app-navbar';

export function AppLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const navigation = useNavigation();
  const { pathname } = useLocation();
  const [isNavOpen, { toggle: toggleNav, close: closeNav }] = useDisclosure(false);
  // Until the password is changed there is nowhere else to go.
  const hasNavbar = !me.user.mustChangePassword;

  useEffect(() => {
    closeNav();
  }, [pathname, closeNav]);

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={hasNavbar ? { width: 280, breakpoint: 'sm', collapsed: { mobile: !isNavOpen } } : undefined}
      padding="md"
    >
      <a href="#main-content" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <AppShell.Header>
        <AppHeader navbar={hasNavbar ? { id: NAVBAR_ID, isOpen: isNavOpen, onToggle: toggleNav } : null} />
        {navigation.state === 'loading' && (
          <Progress
            value={100}
            animated
            size="xs"
            radius={0}
            pos="absolute"
            left={0}
            right={0}
            bottom={0}
            aria-label={t('common.loading')}
          />
        )}
      </AppShell.Header>
      {hasNavbar && (
        <AppShell.Navbar id={NAVBAR_ID} p="sm" aria-label={t('nav.label')}>
          <AppNavbar />
        </AppShell.Navbar>
      )}
      <AppShell.Main id="main-content" tabIndex={-1}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
