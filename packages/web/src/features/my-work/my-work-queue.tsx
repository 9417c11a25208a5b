import { Anchor, Badge, Box, EmptyState, Group, Paper, Stack, Table, Text } from '@mantine/core';
import type { MyWork } from '@nghiemthu/shared';
import { IconChecklist } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../app/session';
import { PageLoader } from '../../ui/page-loader';
import { QueryError } from '../../ui/query-error';
import { SectionCard } from '../../ui/section-card';
import { canSeeOverview } from '../dossiers/dossier-roles';
import { DossierDeadlineBadge } from '../dossiers/dossier-state-badge';
import { useMyWork } from '../dossiers/dossiers.api';

type WorkItem = MyWork['items'][number];

/** The steps the server may name as a task (GET /api/my-work), each said as what the person is to do. */
const TASKS = [
  'answer_supplement', 'submit', 'receive', 'request_supplement', 'assign_appraiser', 'appraise', 'complete_appraisal',
  'declareConflict', 'vote', 'close_council_review', 'approve', 'issue_minutes', 'record_final_payment',
] as const;

function TaskLabel({ item }: { item: WorkItem }) {
  const { t } = useTranslation();
  const task = TASKS.find((known) => known === item.task);
  return (
    <>
      <Text fw={600} size="sm" data-testid="my-work-task">{task ? t(`myWork.taskLabels.${task}`) : item.task}</Text>
      {item.actingFor && (
        <Text size="xs" c="dimmed">{t('myWork.actingFor', { name: item.actingFor.fullName })}</Text>
      )}
    </>
  );
}

function DossierLabel({ item }: { item: WorkItem }) {
  const { t } = useTranslation();
  const { dossier } = item;
  return (
    <>
      <Anchor
        component={Link}
        to={`/dossiers/${dossier.id}`}
        fw={600}
        size="sm"
        className={dossier.code ? 'mono' : undefined}
        aria-label={dossier.code ? undefined : t('dossiers.openUnsubmitted', { period: dossier.periodLabel, order: dossier.order.code })}
      >
        {dossier.code ?? t('dossiers.notSubmitted')}
      </Anchor>
      <Text size="sm" lineClamp={2} title={dossier.order.title}>{dossier.order.title}</Text>
      <Text size="xs" c="dimmed">{dossier.periodLabel} · {dossier.providerAgency.shortName ?? dossier.providerAgency.name}</Text>
    </>
  );
}

function Due({ item }: { item: WorkItem }) {
  const { t } = useTranslation();
  const { dossier } = item;
  if (!dossier.stepDueDate) return <Text size="sm" c="dimmed">{t('myWork.noDueDate')}</Text>;
  return <DossierDeadlineBadge deadline={dossier.deadline} stepDueDate={dossier.stepDueDate} stepExtended={dossier.stepExtended} />;
}

/** What awaits the user, the nearest due date first: a table on wide screens, cards on a phone. */
export function MyWorkQueue() {
  const { t } = useTranslation();
  const me = useMe();
  const work = useMyWork();
  const links = (
    <Group gap="md">
      {work.data && work.data.total > 0 && (
        <Badge variant="light" tt="none" size="lg">{t('myWork.queueCount', { count: work.data.total })}</Badge>
      )}
      <Anchor component={Link} to="/dossiers" size="sm">{t('myWork.allDossiers')}</Anchor>
      {canSeeOverview(me.user.roles) && (
        <Anchor component={Link} to="/dossiers/overview" size="sm" data-testid="my-work-overview">{t('myWork.overview')}</Anchor>
      )}
    </Group>
  );

  return (
    <SectionCard title={t('myWork.queueTitle')} action={links} testId="my-work-queue">
      {work.isPending && <PageLoader />}
      {work.isError && <QueryError error={work.error} onRetry={() => void work.refetch()} />}
      {work.data?.items.length === 0 && (
        <EmptyState py="lg" size="sm" icon={<IconChecklist aria-hidden />} title={t('myWork.queueEmpty')} description={t('myWork.queueEmptyHint')} />
      )}
      {work.data && work.data.items.length > 0 && (
        <>
          <Box visibleFrom="sm">
            <Table verticalSpacing="xs" highlightOnHover aria-label={t('myWork.queueTitle')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w="28%">{t('myWork.task')}</Table.Th>
                  <Table.Th>{t('myWork.dossier')}</Table.Th>
                  <Table.Th w={240}>{t('myWork.dueDate')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {work.data.items.map((item) => (
                  <Table.Tr key={`${item.dossier.id}:${item.task}`} data-testid="my-work-item">
                    <Table.Td><TaskLabel item={item} /></Table.Td>
                    <Table.Td><DossierLabel item={item} /></Table.Td>
                    <Table.Td><Due item={item} /></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Box>
          <Stack hiddenFrom="sm" gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('myWork.queueTitle')}>
            {work.data.items.map((item) => (
              <Paper component="li" withBorder p="sm" key={`${item.dossier.id}:${item.task}`} data-testid="my-work-card">
                <Stack gap={6}>
                  <TaskLabel item={item} />
                  <div><DossierLabel item={item} /></div>
                  <Due item={item} />
                </Stack>
              </Paper>
            ))}
          </Stack>
        </>
      )}
    </SectionCard>
  );
}
