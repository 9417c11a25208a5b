import { Alert, Anchor, Button, DataList, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { formatDate, formatDateTime, type AgencyDetail, type AgencyRef } from '@nghiemthu/shared';
import { IconArrowsJoin, IconEdit, IconHash } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageTitle } from '../../ui/page-title';
import { useAgency } from './agencies.api';
import { AgencyFormModal } from './agency-form-modal';
import { AgencyStatusBadge } from './agency-status-badge';
import { ChangeCodeModal } from './change-code-modal';
import { CloseAgencyModal } from './close-agency-modal';
import { DetailPage } from '../../ui/detail-page';

export function AgencyDetailPage() {
  const { t } = useTranslation();
  const { agencyId = null } = useParams();
  const agency = useAgency(agencyId);

  return (
    <DetailPage backTo="/agencies" backLabel={t('agencies.backToList')} query={agency}>
      {(data) => <AgencyDetailView agency={data} />}
    </DetailPage>
  );
}

function AgencyLink({ agency }: { agency: AgencyRef }) {
  return (
    <Anchor component={Link} to={`/agencies/${agency.id}`}>
      {agency.name}
    </Anchor>
  );
}

function AgencyDetailView({ agency }: { agency: AgencyDetail }) {
  const { t } = useTranslation();
  const [openModal, setOpenModal] = useState<'edit' | 'changeCode' | 'close' | null>(null);
  const can = (action: AgencyDetail['allowedActions'][number]) => agency.allowedActions.includes(action);
  const closeModal = () => setOpenModal(null);

  return (
    <>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <PageTitle>{agency.name}</PageTitle>
          <Group gap="sm">
            <Text className="mono">{agency.code}</Text>
            <AgencyStatusBadge status={agency.status} />
          </Group>
        </Stack>
        <Group gap="sm">
          {can('update') && (
            <Button
              variant="default"
              leftSection={<IconEdit size={16} aria-hidden />}
              onClick={() => setOpenModal('edit')}
            >
              {t('agencies.edit')}
            </Button>
          )}
          {can('changeCode') && (
            <Button
              variant="default"
              leftSection={<IconHash size={16} aria-hidden />}
              onClick={() => setOpenModal('changeCode')}
            >
              {t('agencies.changeCode')}
            </Button>
          )}
          {can('close') && (
            <Button
              color="red"
              variant="light"
              leftSection={<IconArrowsJoin size={16} aria-hidden />}
              onClick={() => setOpenModal('close')}
              data-testid="agency-close"
            >
              {t('agencies.close')}
            </Button>
          )}
        </Group>
      </Group>

      {agency.status === 'closed' && (
        <Alert color="gray">
          {t('agencies.closedOn', { date: agency.validTo ? formatDate(agency.validTo) : '—' })}{' '}
          {agency.successor && (
            <>
              {t('agencies.closedSuccessor')} <AgencyLink agency={agency.successor} />.
            </>
          )}
        </Alert>
      )}

      <Section title={t('agencies.general')}>
        <DataList labelWidth="200px">
          <Item label={t('agencies.name')}>{agency.name}</Item>
          <Item label={t('agencies.shortName')}>{agency.shortName}</Item>
          <Item label={t('agencies.code')}>
            <span className="mono">{agency.code}</span> ({t(`agencies.scheme.${agency.codeScheme}`)})
          </Item>
          <Item label={t('agencies.type')}>{t(`agencyTypes.${agency.type}`)}</Item>
          <Item label={t('agencies.parent')}>{agency.parent ? <AgencyLink agency={agency.parent} /> : '—'}</Item>
          <Item label={t('agencies.validFrom')}>{formatDate(agency.validFrom)}</Item>
          {agency.validTo && <Item label={t('agencies.validTo')}>{formatDate(agency.validTo)}</Item>}
          {agency.successor && (
            <Item label={t('agencies.successor')}>
              <AgencyLink agency={agency.successor} />
            </Item>
          )}
          {agency.closingReason && <Item label={t('agencies.closingReason')}>{agency.closingReason}</Item>}
          <Item label={t('agencies.createdAt')}>{formatDateTime(agency.createdAt)}</Item>
          <Item label={t('agencies.updatedAt')}>{formatDateTime(agency.updatedAt)}</Item>
        </DataList>
      </Section>

      <Section title={t('agencies.codeHistory')}>
        <Table.ScrollContainer minWidth={640}>
          <Table data-testid="code-history" verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('agencies.code')}</Table.Th>
                <Table.Th>{t('agencies.codeScheme')}</Table.Th>
                <Table.Th>{t('agencies.validFrom')}</Table.Th>
                <Table.Th>{t('agencies.validTo')}</Table.Th>
                <Table.Th>{t('agencies.codeChangeReason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {agency.codeHistory.map((entry) => (
                <Table.Tr key={`${entry.code}:${entry.validFrom}`}>
                  <Table.Td className="mono">{entry.code}</Table.Td>
                  <Table.Td>{t(`agencies.scheme.${entry.scheme}`)}</Table.Td>
                  <Table.Td>{formatDate(entry.validFrom)}</Table.Td>
                  <Table.Td>{entry.validTo ? formatDate(entry.validTo) : t('agencies.codeInUse')}</Table.Td>
                  <Table.Td>{entry.reason ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Section>

      <Section title={t('agencies.predecessors')} testId="predecessors">
        {agency.predecessors.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('agencies.noPredecessors')}
          </Text>
        ) : (
          <List spacing={4}>
            {agency.predecessors.map((predecessor) => (
              <List.Item key={predecessor.id}>
                <AgencyLink agency={predecessor} /> (<span className="mono">{predecessor.code}</span>)
                {predecessor.validTo && ` – ${t('agencies.mergedOn', { date: formatDate(predecessor.validTo) })}`}
              </List.Item>
            ))}
          </List>
        )}
      </Section>

      <Section title={t('agencies.children')}>
        {agency.children.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('agencies.noChildren')}
          </Text>
        ) : (
          <List spacing={4}>
            {agency.children.map((child) => (
              <List.Item key={child.id}>
                <AgencyLink agency={child} /> (<span className="mono">{child.code}</span>)
              </List.Item>
            ))}
          </List>
        )}
      </Section>

      {can('update') && <AgencyFormModal opened={openModal === 'edit'} onClose={closeModal} agency={agency} />}
      {can('changeCode') && (
        <ChangeCodeModal opened={openModal === 'changeCode'} onClose={closeModal} agency={agency} />
      )}
      {can('close') && <CloseAgencyModal opened={openModal === 'close'} onClose={closeModal} agency={agency} />}
    </>
  );
}

function Section({ title, testId, children }: { title: string; testId?: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" data-testid={testId}>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>{children}</DataList.ItemValue>
    </DataList.Item>
  );
}
