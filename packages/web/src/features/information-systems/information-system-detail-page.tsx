import { Anchor, Badge, Button, DataList, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { formatDate, formatDateTime, type InformationSystemDetail } from '@nghiemthu/shared';
import { IconBan, IconEdit } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageTitle } from '../../ui/page-title';
import { InformationSystemFormModal } from './information-system-form-modal';
import { useSystem } from './information-systems.api';
import { RetireSystemModal } from './retire-system-modal';
import { DetailPage } from '../../ui/detail-page';

export function InformationSystemDetailPage() {
  const { t } = useTranslation();
  const { systemId = null } = useParams();
  const system = useSystem(systemId);
  return (
    <DetailPage backTo="/information-systems" backLabel={t('informationSystems.backToList')} query={system}>
      {(data) => <SystemView system={data} />}
    </DetailPage>
  );
}

function SystemView({ system }: { system: InformationSystemDetail }) {
  const { t } = useTranslation();
  const [openModal, setOpenModal] = useState<'edit' | 'retire' | null>(null);
  const can = (action: InformationSystemDetail['allowedActions'][number]) => system.allowedActions.includes(action);
  const closeModal = () => setOpenModal(null);
  return (
    <>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <PageTitle>{system.name}</PageTitle>
          <Group gap="sm">
            <Text className="mono">{system.code}</Text>
            <Badge variant="light" color={system.status === 'active' ? 'green' : 'gray'}>
              {t(`informationSystems.statuses.${system.status}`)}
            </Badge>
          </Group>
        </Stack>
        <Group gap="sm">
          {can('update') && (
            <Button variant="default" leftSection={<IconEdit size={16} aria-hidden />} onClick={() => setOpenModal('edit')}>
              {t('informationSystems.edit')}
            </Button>
          )}
          {can('retire') && (
            <Button color="red" variant="light" leftSection={<IconBan size={16} aria-hidden />} onClick={() => setOpenModal('retire')}>
              {t('informationSystems.retire')}
            </Button>
          )}
        </Group>
      </Group>
      {can('update') && <InformationSystemFormModal opened={openModal === 'edit'} onClose={closeModal} system={system} />}
      {can('retire') && <RetireSystemModal opened={openModal === 'retire'} onClose={closeModal} system={system} />}
      <Section title={t('informationSystems.general')}>
        <DataList labelWidth="220px">
          <Item label={t('informationSystems.description')}>{system.description ?? '—'}</Item>
          <Item label={t('informationSystems.owner')}>
            <Anchor component={Link} to={`/agencies/${system.owner.id}`}>{system.owner.name}</Anchor>
          </Item>
          <Item label={t('informationSystems.operator')}>
            {system.operator ? <Anchor component={Link} to={`/agencies/${system.operator.id}`}>{system.operator.name}</Anchor> : '—'}
          </Item>
          <Item label={t('informationSystems.securityLevel')}>{t('informationSystems.level', { level: system.securityLevel })}</Item>
          <Item label={t('informationSystems.securityDecision')}>
            {system.securityDecisionNumber ?? '—'}
            {system.securityDecisionDate && ` (${formatDate(system.securityDecisionDate)})`}
          </Item>
          <Item label={t('informationSystems.updatedAt')}>{formatDateTime(system.updatedAt)}</Item>
        </DataList>
      </Section>
      <Section title={t('informationSystems.components')}>
        {system.components.length === 0 ? (
          <Text size="sm" c="dimmed">{t('informationSystems.noComponents')}</Text>
        ) : (
          <List spacing={4}>
            {system.components.map((component) => (
              <List.Item key={component.name}>
                {component.name}
                {component.description && <Text span c="dimmed"> – {component.description}</Text>}
              </List.Item>
            ))}
          </List>
        )}
      </Section>
      <Section title={t('informationSystems.services')}>
        {system.services.length === 0 ? (
          <Text size="sm" c="dimmed">{t('informationSystems.noServices')}</Text>
        ) : (
          <List spacing={4}>
            {system.services.map((service) => (
              <List.Item key={service.id}>
                <Anchor component={Link} to={`/catalogue/${service.id}`}>{service.name}</Anchor> (<span className="mono">{service.code}</span>)
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
