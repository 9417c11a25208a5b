import { ActionIcon, Table, Text, VisuallyHidden } from '@mantine/core';
import { formatDateTime, type AuditEvent } from '@nghiemthu/shared';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyRows } from '../../ui/empty-rows';
import { SortableTh } from '../../ui/sortable-th';
import type { SortOrder } from '../../ui/use-list-params';
import { AuditEventChanges } from './audit-event-changes';
import { AuditActionLabel } from './audit-action-label';

type AuditTableProps = {
  events: AuditEvent[];
  order: SortOrder;
  onSort: (field: 'seq') => void;
  hasFilters: boolean;
  isRefreshing: boolean;
};

const COLUMN_COUNT = 7;

export function AuditTable({ events, order, onSort, hasFilters, isRefreshing }: AuditTableProps) {
  const { t } = useTranslation();
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());

  function toggle(id: string) {
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  return (
    <Table.ScrollContainer minWidth={960}>
      <Table
        data-testid="audit-table"
        verticalSpacing="xs"
        aria-label={t('audit.tableCaption')}
        aria-busy={isRefreshing}
        style={{ opacity: isRefreshing ? 0.6 : 1 }}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={40}>
              <VisuallyHidden>{t('audit.details')}</VisuallyHidden>
            </Table.Th>
            <SortableTh field="seq" sort="seq" order={order} onSort={onSort}>
              {t('audit.seq')}
            </SortableTh>
            <Table.Th>{t('audit.occurredAt')}</Table.Th>
            <Table.Th>{t('audit.actor')}</Table.Th>
            <Table.Th>{t('audit.action')}</Table.Th>
            <Table.Th>{t('audit.entity')}</Table.Th>
            <Table.Th>{t('audit.ip')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.length === 0 && <EmptyRows colSpan={COLUMN_COUNT} hasFilters={hasFilters} />}
          {events.map((event) => {
            const isExpanded = expanded.has(event.id);
            const detailsId = `audit-event-${event.id}`;
            return (
              <Fragment key={event.id}>
                <Table.Tr>
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      onClick={() => toggle(event.id)}
                      aria-expanded={isExpanded}
                      aria-controls={isExpanded ? detailsId : undefined}
                      aria-label={t('audit.showDetails', { seq: event.seq })}
                    >
                      {isExpanded ? (
                        <IconChevronDown size={16} aria-hidden />
                      ) : (
                        <IconChevronRight size={16} aria-hidden />
                      )}
                    </ActionIcon>
                  </Table.Td>
                  <Table.Td className="mono">{event.seq}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(event.occurredAt)}</Table.Td>
                  <Table.Td>
                    {event.actor?.username ?? t('audit.system')}
                    {event.onBehalfOf && (
                      <Text size="xs" c="dimmed">
                        {t('audit.onBehalfOf', { username: event.onBehalfOf.username })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <AuditActionLabel action={event.action} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{event.entityType}</Text>
                    {event.entityId && (
                      <Text size="xs" c="dimmed" className="mono">
                        {event.entityId}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td className="mono">{event.ip ?? '—'}</Table.Td>
                </Table.Tr>
                {isExpanded && (
                  <Table.Tr id={detailsId}>
                    <Table.Td colSpan={COLUMN_COUNT} bg="var(--mantine-color-gray-0)">
                      <AuditEventChanges event={event} />
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
