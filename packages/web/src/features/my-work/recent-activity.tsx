import { Anchor, Group, Paper, Table, Text, Title } from '@mantine/core';
import { formatDateTime } from '@nghiemthu/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageLoader } from '../../ui/page-loader';
import { QueryError } from '../../ui/query-error';
import { useAuditEvents } from '../audit/audit.api';
import { AuditActionLabel } from '../audit/audit-action-label';

const RECENT_COUNT = 10;
const NO_FILTERS = { action: '', entityType: '', entityId: '', agencyId: '', from: '', to: '' };

/** The user's own latest recorded actions, straight from the audit log. */
export function RecentActivity({ username }: { username: string }) {
  const { t } = useTranslation();
  const events = useAuditEvents({
    page: 1,
    pageSize: RECENT_COUNT,
    order: 'desc',
    filters: { ...NO_FILTERS, actor: username },
  });

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="recent-activity-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="recent-activity-title">
          {t('myWork.recentActivity')}
        </Title>
        <Anchor component={Link} to={`/audit?${new URLSearchParams({ actor: username })}`} size="sm">
          {t('myWork.allActivity')}
        </Anchor>
      </Group>
      {events.isPending && <PageLoader />}
      {events.isError && <QueryError error={events.error} />}
      {events.data?.items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('myWork.noActivity')}
        </Text>
      )}
      {events.data && events.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing={6}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('audit.occurredAt')}</Table.Th>
                <Table.Th>{t('audit.action')}</Table.Th>
                <Table.Th>{t('audit.entity')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {events.data.items.map((event) => (
                <Table.Tr key={event.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(event.occurredAt)}</Table.Td>
                  <Table.Td>
                    <AuditActionLabel action={event.action} />
                  </Table.Td>
                  <Table.Td>
                    {event.entityType}
                    {event.entityId && (
                      <Text span size="xs" c="dimmed" className="mono" ml={6}>
                        {event.entityId}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
