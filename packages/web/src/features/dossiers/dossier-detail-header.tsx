import { Alert, Anchor, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { formatDate, formatDateTime, formatVnd, type DossierDetail, type DossierState } from '@nghiemthu/shared';
import { IconAlertTriangle, IconGavel, IconMessageExclamation } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from '../../ui/page-title';
import { StepDeadlineBadge } from './dossier-detail-deadline';
import { DossierStateBadge } from './dossier-state-badge';

/** Title, order, period, state and deadline, the people, the money, and what was asked or decided last. */
export function DossierDetailHeader({ dossier, actions }: { dossier: DossierDetail; actions: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" gap="md">
        <Stack gap={6} style={{ flex: '1 1 420px', minWidth: 0 }}>
          <PageTitle>{dossier.code ? t('dossier.title', { code: dossier.code }) : t('dossier.titleDraft')}</PageTitle>
          <Text size="sm">
            <Anchor component={Link} to={`/orders/${dossier.order.id}`} data-testid="dossier-order-link">
              {dossier.order.title}
            </Anchor>{' '}
            <Text span c="dimmed" className="mono">({dossier.order.code})</Text>
          </Text>
          <Text size="sm" c="dimmed" data-testid="dossier-period">
            {t('dossier.periodText', { label: dossier.periodLabel, from: formatDate(dossier.periodStart), to: formatDate(dossier.periodEnd) })}
          </Text>
          <Group gap="xs">
            <DossierStateBadge state={dossier.state} size="lg" />
            <StepDeadlineBadge dossier={dossier} />
          </Group>
        </Stack>
        {actions}
      </Group>
      <Text size="sm" c="dimmed">
        {t('dossier.partiesText', { provider: dossier.providerAgency.name, ordering: dossier.orderingAgency.name })}
        {dossier.appraiser && ` · ${t('dossier.appraiserText', { name: dossier.appraiser.fullName })}`}
        {dossier.submittedAt && ` · ${t('dossier.submittedText', { at: formatDateTime(dossier.submittedAt) })}`}
        {dossier.supplementRounds > 0 && ` · ${t('dossier.supplementRoundsText', { count: dossier.supplementRounds })}`}
      </Text>
      <MoneySummary dossier={dossier} />
      <LatestNotice dossier={dossier} />
    </Stack>
  );
}

/** Before the leader decides, the accepted value is the appraisal's proposal; a rejected dossier accepts nothing. */
const PROPOSED_STATES: readonly DossierState[] = ['in_appraisal', 'in_council', 'awaiting_decision'];

function MoneySummary({ dossier }: { dossier: DossierDetail }) {
  const { t } = useTranslation();
  const notAppraised = t('dossier.money.notAppraised');
  const isRejected = dossier.state === 'rejected';
  const proposal = dossier.acceptedValue === null ? null : formatVnd(dossier.acceptedValue);
  let accepted = { value: proposal ?? notAppraised, isMuted: proposal === null, hint: undefined as string | undefined };
  if (isRejected) accepted = { value: t('dossier.money.notAccepted'), isMuted: true, hint: proposal ? t('dossier.money.proposed', { amount: proposal }) : undefined };
  else if (proposal && PROPOSED_STATES.includes(dossier.state)) accepted = { ...accepted, hint: t('dossier.money.proposalHint') };
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm" data-testid="dossier-money">
      <MoneyCard testId="money-planned" label={t('dossier.money.planned')} value={formatVnd(dossier.plannedValue)} />
      <MoneyCard
        testId="money-deduction"
        label={t('dossier.money.deduction')}
        value={dossier.deductionTotal === null ? notAppraised : formatVnd(dossier.deductionTotal)}
        isMuted={dossier.deductionTotal === null || isRejected}
      />
      <MoneyCard testId="money-accepted" label={t('dossier.money.accepted')} {...accepted} />
      <MoneyCard testId="money-paid" label={t('dossier.money.paid')} value={formatVnd(dossier.paidTotal)} />
    </SimpleGrid>
  );
}

function MoneyCard({ label, value, hint, isMuted = false, testId }: { label: string; value: string; hint?: string; isMuted?: boolean; testId: string }) {
  return (
    <Paper withBorder p="sm" data-testid={testId}>
      <Text size="xs" c="dimmed" fw={600}>{label}</Text>
      <Text fw={700} size={isMuted ? 'sm' : 'lg'} c={isMuted ? 'dimmed' : undefined} style={{ whiteSpace: 'nowrap' }}>
        {value}
      </Text>
      {hint && <Text size="xs" c="dimmed">{hint}</Text>}
    </Paper>
  );
}

/** The last request for a supplement while it is open, or the leader's decision once taken. */
function LatestNotice({ dossier }: { dossier: DossierDetail }) {
  const { t } = useTranslation();
  if (dossier.state === 'supplement_requested') {
    const request = dossier.timeline.findLast((entry) => entry.action === 'request_supplement');
    if (!request) return null;
    return (
      <Alert color="orange" icon={<IconMessageExclamation aria-hidden />} title={t('dossier.supplementRequestTitle', { name: request.actor.fullName, at: formatDateTime(request.at) })} data-testid="dossier-supplement-request">
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{request.reason}</Text>
        {dossier.stepDueDate && <Text size="sm" mt={4} fw={600}>{t('dossier.supplementDue', { date: formatDate(dossier.stepDueDate) })}</Text>}
      </Alert>
    );
  }
  if (!dossier.conclusion || !dossier.decidedBy || !dossier.decidedAt) return null;
  const isRejected = dossier.conclusion === 'not_accepted';
  const by = dossier.decidedActingFor
    ? t('dossier.decidedByActing', { name: dossier.decidedBy.fullName, principal: dossier.decidedActingFor.fullName })
    : dossier.decidedBy.fullName;
  return (
    <Alert
      color={isRejected ? 'red' : dossier.conclusion === 'accepted' ? 'green' : 'yellow'}
      icon={isRejected ? <IconAlertTriangle aria-hidden /> : <IconGavel aria-hidden />}
      title={t(`dossier.conclusions.${dossier.conclusion}`)}
      data-testid="dossier-decision"
    >
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{dossier.conclusionText}</Text>
      <Text size="xs" c="dimmed" mt={4}>{t('dossier.decidedText', { by, at: formatDateTime(dossier.decidedAt) })}</Text>
    </Alert>
  );
}
