import { ActionIcon, Anchor, Badge, Button, DataList, Group, List, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { describeDeductionRule, formatDate, formatVnd, translate, type CatalogueServiceDetail, type InformationSystemRef, type ServiceKpi } from '@nghiemthu/shared';
import { IconBan, IconEdit, IconLink, IconLinkOff, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { currentLanguage } from '../../app/i18n';
import { PageTitle } from '../../ui/page-title';
import { notifySuccess } from '../../ui/notify';
import { AddPriceModal } from './add-price-modal';
import { useCatalogueService, useRemoveKpi, useUnlinkSystem } from './catalogue.api';
import { ConfirmModal } from './confirm-modal';
import { KpiFormModal } from './kpi-form-modal';
import { LinkSystemModal } from './link-system-modal';
import { RetireServiceModal } from './retire-service-modal';
import { ServiceFormModal } from './service-form-modal';
import { DetailPage } from '../../ui/detail-page';

type OpenModal =
  | { kind: 'edit' | 'retire' | 'addPrice' | 'addKpi' | 'linkSystem' }
  | { kind: 'editKpi' | 'removeKpi'; kpi: ServiceKpi }
  | { kind: 'unlinkSystem'; system: InformationSystemRef };

export function CatalogueServicePage() {
  const { t } = useTranslation();
  const { serviceId = null } = useParams();
  const service = useCatalogueService(serviceId);
  return (
    <DetailPage backTo="/catalogue" backLabel={t('catalogue.backToList')} query={service}>
      {(data) => <ServiceView service={data} />}
    </DetailPage>
  );
}

function ServiceView({ service }: { service: CatalogueServiceDetail }) {
  const { t } = useTranslation();
  const [openModal, setOpenModal] = useState<OpenModal | null>(null);
  const closeModal = () => setOpenModal(null);
  const can = (action: CatalogueServiceDetail['allowedActions'][number]) => service.allowedActions.includes(action);
  const removeKpi = useRemoveKpi(service.id);
  const unlinkSystem = useUnlinkSystem(service.id);
  const canKpis = can('manageKpis');
  const canSystems = can('manageSystems');
  return (
    <>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <PageTitle>{service.name}</PageTitle>
          <Group gap="sm">
            <Text className="mono">{service.code}</Text>
            <Badge variant="light" color={service.status === 'active' ? 'green' : 'gray'}>
              {t(`catalogue.statuses.${service.status}`)}
            </Badge>
          </Group>
        </Stack>
        <Group gap="sm">
          {can('update') && (
            <Button variant="default" leftSection={<IconEdit size={16} aria-hidden />} onClick={() => setOpenModal({ kind: 'edit' })}>
              {t('catalogue.edit')}
            </Button>
          )}
          {can('retire') && (
            <Button color="red" variant="light" leftSection={<IconBan size={16} aria-hidden />} onClick={() => setOpenModal({ kind: 'retire' })}>
              {t('catalogue.retire')}
            </Button>
          )}
        </Group>
      </Group>
      <Section title={t('catalogue.general')}>
        <DataList labelWidth="220px">
          <Item label={t('catalogue.unit')}>{service.unit}</Item>
          <Item label={t('catalogue.orderingMethods')}>
            {service.orderingMethods.map((method) => t(`catalogue.methods.${method}`)).join(', ')}
          </Item>
          <Item label={t('catalogue.normReference')}>{service.normReference ?? '—'}</Item>
          <Item label={t('catalogue.currentPrice')}>{service.currentPrice ? formatVnd(service.currentPrice.unitPrice) : '—'}</Item>
        </DataList>
      </Section>
      <Section
        title={t('catalogue.prices')}
        action={can('managePrices') && (
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setOpenModal({ kind: 'addPrice' })}>
            {t('catalogue.addPrice')}
          </Button>
        )}
      >
        {service.prices.length === 0 ? (
          <Text size="sm" c="dimmed">{t('catalogue.noPrices')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={700}>
            <Table verticalSpacing="xs" data-testid="price-timeline">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('catalogue.validFrom')}</Table.Th>
                  <Table.Th>{t('catalogue.validTo')}</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>{t('catalogue.unitPrice')}</Table.Th>
                  <Table.Th>{t('catalogue.decision')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {service.prices.map((price) => (
                  <Table.Tr key={price.id} fw={price.id === service.currentPrice?.id ? 600 : undefined}>
                    <Table.Td>{formatDate(price.validFrom)}</Table.Td>
                    <Table.Td>{price.validTo ? formatDate(price.validTo) : t('catalogue.openEnded')}</Table.Td>
                    <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>{formatVnd(price.unitPrice)}</Table.Td>
                    <Table.Td>
                      {t('catalogue.decisionText', { number: price.decisionNumber, date: formatDate(price.decisionDate), issuer: price.decisionIssuer })}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Section>
      <Section
        title={t('catalogue.kpis')}
        action={canKpis && (
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setOpenModal({ kind: 'addKpi' })}>
            {t('catalogue.addKpi')}
          </Button>
        )}
      >
        {service.kpis.length === 0 ? (
          <Text size="sm" c="dimmed">{t('catalogue.noKpis')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={800}>
            <Table verticalSpacing="xs" data-testid="kpis">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('catalogue.kpi')}</Table.Th>
                  <Table.Th>{t('catalogue.target')}</Table.Th>
                  <Table.Th>{t('catalogue.measurement')}</Table.Th>
                  <Table.Th>{t('catalogue.deductionRule')}</Table.Th>
                  {canKpis && <Table.Th><VisuallyHidden>{t('common.actions')}</VisuallyHidden></Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {service.kpis.map((kpi) => {
                  const words = describeDeductionRule(kpi.deductionRule, kpi);
                  return (
                    <Table.Tr key={kpi.id}>
                      <Table.Td>
                        {kpi.name}
                        <Text size="xs" c="dimmed" className="mono">{kpi.code}</Text>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {t(`catalogue.directions.${kpi.direction}`, { target: kpi.target, unit: kpi.unit })}
                      </Table.Td>
                      <Table.Td>{kpi.measurement}</Table.Td>
                      <Table.Td>{translate(currentLanguage(), words.key, words.params)}</Table.Td>
                      {canKpis && (
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>
                          <Group gap={4} wrap="nowrap">
                            <ActionIcon variant="subtle" aria-label={t('catalogue.editKpi', { name: kpi.name })} onClick={() => setOpenModal({ kind: 'editKpi', kpi })}>
                              <IconEdit size={16} aria-hidden />
                            </ActionIcon>
                            <ActionIcon variant="subtle" color="red" aria-label={t('catalogue.removeKpi', { name: kpi.name })} onClick={() => setOpenModal({ kind: 'removeKpi', kpi })}>
                              <IconTrash size={16} aria-hidden />
                            </ActionIcon>
                          </Group>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Section>
      <Section
        title={t('catalogue.systems')}
        action={canSystems && (
          <Button size="xs" variant="light" leftSection={<IconLink size={14} aria-hidden />} onClick={() => setOpenModal({ kind: 'linkSystem' })}>
            {t('catalogue.linkSystem')}
          </Button>
        )}
      >
        {service.informationSystems.length === 0 ? (
          <Text size="sm" c="dimmed">{t('catalogue.noSystems')}</Text>
        ) : (
          <List spacing={4}>
            {service.informationSystems.map((system) => (
              <List.Item key={system.id}>
                <Group gap="xs" wrap="nowrap">
                  <span>
                    <Anchor component={Link} to={`/information-systems/${system.id}`}>{system.name}</Anchor> (<span className="mono">{system.code}</span>)
                  </span>
                  {canSystems && (
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      size="sm"
                      aria-label={t('catalogue.unlinkSystem', { name: system.name })}
                      onClick={() => setOpenModal({ kind: 'unlinkSystem', system })}
                    >
                      <IconLinkOff size={14} aria-hidden />
                    </ActionIcon>
                  )}
                </Group>
              </List.Item>
            ))}
          </List>
        )}
      </Section>
      {can('update') && <ServiceFormModal opened={openModal?.kind === 'edit'} onClose={closeModal} service={service} />}
      {can('retire') && <RetireServiceModal opened={openModal?.kind === 'retire'} onClose={closeModal} service={service} />}
      {can('managePrices') && <AddPriceModal opened={openModal?.kind === 'addPrice'} onClose={closeModal} service={service} />}
      {canKpis && <KpiFormModal opened={openModal?.kind === 'addKpi'} onClose={closeModal} serviceId={service.id} />}
      {canKpis && openModal?.kind === 'editKpi' && (
        <KpiFormModal key={openModal.kpi.id} opened onClose={closeModal} serviceId={service.id} kpi={openModal.kpi} />
      )}
      {canKpis && openModal?.kind === 'removeKpi' && (
        <ConfirmModal
          opened
          onClose={closeModal}
          title={t('catalogue.removeKpiTitle')}
          message={t('catalogue.removeKpiConfirm', { name: openModal.kpi.name, code: openModal.kpi.code })}
          confirmLabel={t('catalogue.removeKpiAction')}
          isPending={removeKpi.isPending}
          onConfirm={() => removeKpi.mutateAsync(openModal.kpi.id).then(() => notifySuccess(t('catalogue.kpiRemoved', { name: openModal.kpi.name })))}
        />
      )}
      {canSystems && <LinkSystemModal opened={openModal?.kind === 'linkSystem'} onClose={closeModal} service={service} />}
      {canSystems && openModal?.kind === 'unlinkSystem' && (
        <ConfirmModal
          opened
          onClose={closeModal}
          title={t('catalogue.unlinkSystemTitle')}
          message={t('catalogue.unlinkSystemConfirm', { name: openModal.system.name, service: service.name })}
          confirmLabel={t('catalogue.unlinkSystemAction')}
          isPending={unlinkSystem.isPending}
          onConfirm={() => unlinkSystem.mutateAsync(openModal.system.id).then(() => notifySuccess(t('catalogue.systemUnlinked', { name: openModal.system.name })))}
        />
      )}
    </>
  );
}

function Section({ title, action, children }: { title: string; action?: ReactNode; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section">
      <Group justify="space-between" align="center" mb="sm">
        <Title order={2} size="h4">{title}</Title>
        {action}
      </Group>
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
