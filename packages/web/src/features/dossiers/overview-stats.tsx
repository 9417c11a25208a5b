import { Anchor, ColorSwatch, Group, Paper, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import type { DossierState, Overview } from '@nghiemthu/shared';
import { IconAlarm, IconAlertTriangle, IconFiles, type Icon } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatCount } from '../../ui/format';
import { DOSSIER_STATE_COLORS } from './dossier-state-badge';

/** The address of the dossier list narrowed by these filters (the list reads them from the address bar). */
export function dossierListLink(filters: Record<string, string>): string {
  const search = new URLSearchParams(filters).toString();
  return search ? `/dossiers?${search}` : '/dossiers';
}

/** States by who holds the dossier: the provider, the agency's desk, the appraisers and deciders, and how it ended. */
const STATE_GROUPS = [
  { key: 'provider', states: ['draft', 'supplement_requested'] },
  { key: 'reception', states: ['submitted', 'received'] },
  { key: 'review', states: ['in_appraisal', 'in_council', 'awaiting_decision'] },
  { key: 'accepted', states: ['approved', 'minutes_issued', 'paid'] },
  { key: 'closed', states: ['rejected', 'withdrawn'] },
] as const satisfies readonly { key: string; states: readonly DossierState[] }[];

/** `numberColor` when the icon's colour is too light to read as text (amber). */
type StatCardProps = { label: string; hint: string; count: number; to: string; color: string; numberColor?: string; icon: Icon; testId: string };

function StatCard({ label, hint, count, to, color, numberColor = color, icon: StatIcon, testId }: StatCardProps) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" data-testid={testId}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2}>
          <Text size="sm" fw={600}>{label}</Text>
          <Anchor component={Link} to={to} fz={32} fw={700} lh={1.2} c={count > 0 ? numberColor : undefined} aria-label={t('dossierOverview.linkTo', { what: `${label}: ${formatCount(count)}` })}>
            {formatCount(count)}
          </Anchor>
          <Text size="xs" c="dimmed">{hint}</Text>
        </Stack>
        <ThemeIcon variant="light" color={color} size={40} radius="md" aria-hidden>
          <StatIcon size={22} />
        </ThemeIcon>
      </Group>
    </Paper>
  );
}

/** All dossiers, due soon and overdue, then the count in every state grouped by who holds the dossier. */
export function OverviewStats({ overview }: { overview: Overview }) {
  const { t } = useTranslation();
  const countOf = new Map(overview.byState.map((entry) => [entry.state, entry.count]));
  const total = overview.byState.reduce((sum, entry) => sum + entry.count, 0);
  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, xs: 3 }}>
        <StatCard label={t('dossierOverview.total')} hint={t('dossierOverview.totalHint')} count={total} to="/dossiers" color="blue" icon={IconFiles} testId="overview-total" />
        <StatCard
          label={t('dossierOverview.dueSoon')}
          hint={t('dossierOverview.dueSoonHint')}
          count={overview.dueSoon}
          to={dossierListLink({ deadline: 'due_soon' })}
          color="yellow"
          numberColor="orange.9"
          icon={IconAlarm}
          testId="overview-due-soon"
        />
        <StatCard
          label={t('dossierOverview.overdue')}
          hint={t('dossierOverview.overdueHint')}
          count={overview.overdue}
          to={dossierListLink({ deadline: 'overdue' })}
          color="red"
          icon={IconAlertTriangle}
          testId="overview-overdue"
        />
      </SimpleGrid>
      <section aria-labelledby="overview-by-state">
        <Title order={2} size="h4" mb="sm" id="overview-by-state">{t('dossierOverview.byState')}</Title>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 5 }}>
          {STATE_GROUPS.map((group) => {
            const groupTotal = group.states.reduce((sum, state) => sum + (countOf.get(state) ?? 0), 0);
            return (
              <Paper withBorder p="md" key={group.key} data-testid={`overview-group-${group.key}`}>
                <Group justify="space-between" mb="xs" wrap="nowrap">
                  <Text size="sm" fw={600}>{t(`dossierOverview.groups.${group.key}`)}</Text>
                  <Text size="lg" fw={700}>{formatCount(groupTotal)}</Text>
                </Group>
                <Stack gap={6}>
                  {group.states.map((state) => {
                    const count = countOf.get(state) ?? 0;
                    return (
                      <Group key={state} justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
                        {/* Plain text, not a badge: a narrow card wraps it instead of cutting it short. */}
                        <Group gap={8} wrap="nowrap" align="baseline">
                          <ColorSwatch color={`var(--mantine-color-${DOSSIER_STATE_COLORS[state]}-6)`} size={10} withShadow={false} style={{ flexShrink: 0 }} aria-hidden />
                          <Text size="sm">{t(`dossiers.states.${state}`)}</Text>
                        </Group>
                        <Anchor
                          component={Link}
                          to={dossierListLink({ state })}
                          fw={600}
                          aria-label={t('dossierOverview.linkTo', { what: `${t(`dossiers.states.${state}`)}: ${formatCount(count)}` })}
                          data-testid={`overview-state-${state}`}
                        >
                          {formatCount(count)}
                        </Anchor>
                      </Group>
                    );
                  })}
                </Stack>
              </Paper>
            );
          })}
        </SimpleGrid>
      </section>
    </Stack>
  );
}
