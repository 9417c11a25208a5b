import { Anchor, Badge, DataList, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { describeDeductionRule, formatDate, formatVnd, translate, type CatalogueServiceDetail } from '@nghiemthu/shared';
import { IconArrowLeft } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { currentLanguage } from '../../app/i18n';
import { PageLoader } from '../../ui/page-loader';
import { PageTitle } from '../../ui/page-title';
import { QueryError } from '../../ui/query-error';
import { useCatalogueService } from './catalogue.api';

export function CatalogueServicePage() {
  const { t } = useTranslation();
  const { serviceId = null } = useParams();
  const service = useCatalogueService(serviceId);
  return (
    <Stack>
      <Anchor component={Link} to="/catalogue" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} aria-hidden />
          {t('catalogue.backToList')}
        </Group>
      </Anchor>
      {service.isPending && <PageLoader />}
      {service.isError && <QueryError error={service.error} onRetry={() => void service.refetch()} />}
      {service.data && <ServiceView service={service.data} />}
    </Stack>
  );
}

function ServiceView({ service }: { service: CatalogueServiceDetail }) {
  const { t } = useTranslation();
  return (
    <>
      <Stack gap={4}>
        <PageTitle>{service.name}</PageTitle>
        <Group gap="sm">
          <Text className="mono">{service.code}</Text>
          <Badge variant="light" color={service.status === 'active' ? 'green' : 'gray'}>
            {t(`catalogue.statuses.${service.status}`)}
          </Badge>
        </Group>
      </Stack>
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
      <Section title={t('catalogue.prices')}>
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
      <Section title={t('catalogue.kpis')}>
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
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Section>
      <Section title={t('catalogue.systems')}>
        {service.informationSystems.length === 0 ? (
          <Text size="sm" c="dimmed">{t('catalogue.noSystems')}</Text>
        ) : (
          <List spacing={4}>
            {service.informationSystems.map((system) => (
              <List.Item key={system.id}>
                <Anchor component={Link} to={`/information-systems/${system.id}`}>{system.name}</Anchor> (<span className="mono">{system.code}</span>)
              </List.Item>
            ))}
          </List>
        )}
      </Section>
    </>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section">
      <Title order={2} size="h4" mb="sm">{title}</Title>
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
