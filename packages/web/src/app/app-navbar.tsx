import { Badge, Box, Group, NavLink, ScrollArea, Text } from '@mantine/core';
import { sectionsFor, type NavSection } from '@nghiemthu/shared';
import {
  IconAdjustments,
  IconArchive,
  IconBuildingCommunity,
  IconCalendarEvent,
  IconChartBar,
  IconChartPie,
  IconClipboardCheck,
  IconFileInvoice,
  IconHistory,
  IconListCheck,
  IconListDetails,
  IconServer,
  IconUserShare,
  IconUsers,
  type Icon,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { canSeeOverview } from '../features/dossiers/dossier-roles';
import { useMe } from './session';

/** Sections that are built: one link each, active on their pages too. */
const SECTION_LINKS: Partial<Record<NavSection, { to: string; icon: Icon }>> = {
  orders: { to: '/orders', icon: IconFileInvoice },
  records: { to: '/records', icon: IconArchive },
};

/** Sections whose capabilities are not built yet: listed so people know they are coming. */
const COMING_SOON: Partial<Record<NavSection, Icon>> = {
  reports: IconChartBar,
};

export function AppNavbar() {
  const { t } = useTranslation();
  const me = useMe();
  const { pathname } = useLocation();

  return (
    <ScrollArea type="auto">
      {sectionsFor(me.user.roles).map((section) => {
        if (section === 'myWork') {
          const isDelegations = pathname === '/delegations';
          return (
            <Box key={section}>
              <NavLink
                component={Link}
                to="/"
                label={t('nav.myWork')}
                leftSection={<IconListCheck size={18} aria-hidden />}
                active={pathname === '/'}
                aria-current={pathname === '/' ? 'page' : undefined}
                data-testid="nav-myWork"
              />
              {/* Everyone may have received a delegation, so everyone sees the link. */}
              <NavLink
                component={Link}
                to="/delegations"
                label={t('delegations.nav')}
                leftSection={<IconUserShare size={18} aria-hidden />}
                active={isDelegations}
                aria-current={isDelegations ? 'page' : undefined}
                data-testid="nav-delegations"
              />
            </Box>
          );
        }
        if (section === 'acceptance') return <AcceptanceLinks key={section} pathname={pathname} />;
        if (section === 'administration') return <AdministrationLinks key={section} pathname={pathname} />;
        const sectionLink = SECTION_LINKS[section];
        if (sectionLink) {
          const isActive = pathname === sectionLink.to || pathname.startsWith(`${sectionLink.to}/`);
          return (
            <NavLink
              key={section}
              component={Link}
              to={sectionLink.to}
              label={t(`nav.${section}`)}
              leftSection={<sectionLink.icon size={18} aria-hidden />}
              active={isActive}
              aria-current={isActive ? 'page' : undefined}
              data-testid={`nav-${section}`}
            />
          );
        }
        const SectionIcon = COMING_SOON[section] ?? IconListCheck;
        return (
          <Group key={section} gap="sm" px="sm" py={8} wrap="nowrap" aria-disabled data-testid={`nav-${section}`}>
            <SectionIcon size={18} color="var(--mantine-color-dimmed)" aria-hidden />
            <Text size="sm" c="dimmed" flex={1}>
              {t(`nav.${section}`)}
            </Text>
            <Badge size="sm" variant="light" color="gray" tt="none" fw={500}>
              {t('nav.comingSoon')}
            </Badge>
          </Group>
        );
      })}
    </ScrollArea>
  );
}

/** Acceptance: the dossiers, and beneath them the overview for those who follow the agency's work. */
function AcceptanceLinks({ pathname }: { pathname: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const isOverview = pathname === '/dossiers/overview';
  const isDossiers = !isOverview && (pathname === '/dossiers' || pathname.startsWith('/dossiers/'));
  return (
    <Box>
      <NavLink
        component={Link}
        to="/dossiers"
        label={t('nav.acceptance')}
        leftSection={<IconClipboardCheck size={18} aria-hidden />}
        active={isDossiers}
        aria-current={isDossiers ? 'page' : undefined}
        data-testid="nav-acceptance"
      />
      {canSeeOverview(me.user.roles) && (
        <NavLink
          component={Link}
          to="/dossiers/overview"
          label={t('dossierOverview.nav')}
          leftSection={<IconChartPie size={18} aria-hidden />}
          active={isOverview}
          aria-current={isOverview ? 'page' : undefined}
          pl="xl"
          data-testid="nav-acceptance-overview"
        />
      )}
    </Box>
  );
}

function AdministrationLinks({ pathname }: { pathname: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const links = [
    { to: '/agencies', label: t('nav.agencies'), icon: IconBuildingCommunity, testId: 'nav-agencies' },
    { to: '/information-systems', label: t('informationSystems.title'), icon: IconServer, testId: 'nav-information-systems' },
    { to: '/catalogue', label: t('catalogue.title'), icon: IconListDetails, testId: 'nav-catalogue' },
    ...(me.permissions.readUsers ? [{ to: '/users', label: t('nav.users'), icon: IconUsers, testId: 'nav-users' }] : []),
    ...(me.permissions.readAudit ? [{ to: '/audit', label: t('nav.audit'), icon: IconHistory, testId: 'nav-audit' }] : []),
    { to: '/calendar', label: t('workingCalendar.nav'), icon: IconCalendarEvent, testId: 'nav-calendar' },
    { to: '/settings/acceptance', label: t('acceptanceSettings.nav'), icon: IconAdjustments, testId: 'nav-acceptance-settings' },
  ];
  return (
    <Box role="group" aria-labelledby="nav-administration-title" data-testid="nav-administration" mt="md">
      <Text id="nav-administration-title" size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mb={4}>
        {t('nav.administration')}
      </Text>
      {links.map((link) => {
        const isActive = pathname === link.to || pathname.startsWith(`${link.to}/`);
        return (
          <NavLink
            key={link.to}
            component={Link}
            to={link.to}
            label={link.label}
            leftSection={<link.icon size={18} aria-hidden />}
            active={isActive}
            aria-current={isActive ? 'page' : undefined}
            data-testid={link.testId}
          />
        );
      })}
    </Box>
  );
}
