import { Alert, Badge, Button, DataList, Group, Modal, Paper, Stack, Text } from '@mantine/core';
import { formatDate, formatDateTime, type OrderDetail } from '@nghiemthu/shared';
import { IconInfoCircle, IconUsersGroup } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataItem } from '../../ui/section-card';
import { CouncilForm } from '../councils/council-form';
import { useOrderCouncilCandidates, useSetupOrderCouncil } from './orders.api';

/**
 * The council established by decision for the whole order. Each dossier that
 * reaches appraisal gets its own sitting of it, where members declare
 * conflicts and vote on that dossier; a new decision applies to dossiers still to come.
 */
export function OrderCouncilPanel({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  const [isSettingUp, setSettingUp] = useState(false);
  const council = order.council;
  const canSetUp = order.allowedActions.includes('setupCouncil');
  return (
    <Stack gap="md" data-testid="order-council">
      <Alert variant="light" color="blue" icon={<IconInfoCircle aria-hidden />}>{t('orders.council.explain')}</Alert>
      {!council ? (
        <Text size="sm" c="dimmed">{t('orders.council.none')}</Text>
      ) : (
        <Paper withBorder p="md">
          <Stack gap="sm">
            <DataList labelWidth="190px">
              <DataItem label={t('dossier.council.decision')}>
                {t('dossier.council.decisionText', { number: council.decisionNumber, date: formatDate(council.decisionDate) })}
              </DataItem>
              <DataItem label={t('dossier.council.quorum')}>{council.quorum}</DataItem>
              <DataItem label={t('orders.council.establishedBy')}>
                {council.establishedBy.fullName} · {formatDateTime(council.establishedAt)}
              </DataItem>
            </DataList>
            <Stack gap={6} data-testid="order-council-members">
              {council.members.map((member) => (
                <Group key={member.user.id} gap="sm">
                  <Badge variant="light" color="gray" tt="none" w={90}>{t(`dossier.council.roles.${member.role}`)}</Badge>
                  <Text size="sm">{member.user.fullName}</Text>
                </Group>
              ))}
            </Stack>
          </Stack>
        </Paper>
      )}
      {canSetUp && (
        <Group>
          <Button variant={council ? 'default' : 'filled'} leftSection={<IconUsersGroup size={16} aria-hidden />} onClick={() => setSettingUp(true)}>
            {council ? t('orders.council.change') : t('dossier.council.setUp')}
          </Button>
        </Group>
      )}
      {canSetUp && (
        <Modal opened={isSettingUp} onClose={() => setSettingUp(false)} title={t(council ? 'orders.council.changeTitle' : 'orders.council.title')} size="xl">
          <OrderCouncilForm order={order} onClose={() => setSettingUp(false)} />
        </Modal>
      )}
    </Stack>
  );
}

function OrderCouncilForm({ order, onClose }: { order: OrderDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const setup = useSetupOrderCouncil(order.id);
  const choice = useOrderCouncilCandidates(order.id, order.council?.members.map((member) => member.user) ?? []);
  return <CouncilForm existing={order.council} choice={choice} setup={setup} intro={t('orders.council.intro')} onClose={onClose} />;
}
