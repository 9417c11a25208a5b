import { Code, DataList, Stack, Table, Text } from '@mantine/core';
import type { AuditEvent } from '@nghiemthu/shared';
import { useTranslation } from 'react-i18next';

type Row = { field: string; before: unknown; after: unknown; isChanged: boolean };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  if (value === undefined || value === null) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

/** Field by field, what the event changed; records that are not objects are shown whole. */
function compare(before: unknown, after: unknown): Row[] | null {
  if (!(before === null || isRecord(before)) || !(after === null || isRecord(after))) return null;
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].sort();
  return fields.map((field) => {
    const was = before?.[field];
    const is = after?.[field];
    return { field, before: was, after: is, isChanged: JSON.stringify(was) !== JSON.stringify(is) };
  });
}

export function AuditEventChanges({ event }: { event: AuditEvent }) {
  const { t } = useTranslation();
  const rows = compare(event.before, event.after);
  return (
    <Stack gap="sm" py="xs">
      {rows === null ? (
        <Table withColumnBorders>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('audit.before')}</Table.Th>
              <Table.Th>{t('audit.after')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <Table.Tr>
              <Table.Td>
                <Code block>{show(event.before)}</Code>
              </Table.Td>
              <Table.Td>
                <Code block>{show(event.after)}</Code>
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      ) : rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('audit.noData')}
        </Text>
      ) : (
        <Table withColumnBorders verticalSpacing={4} fz="sm" aria-label={t('audit.changesCaption')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('audit.field')}</Table.Th>
              <Table.Th>{t('audit.before')}</Table.Th>
              <Table.Th>{t('audit.after')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.field} bg={row.isChanged ? 'var(--mantine-color-yellow-light)' : undefined}>
                <Table.Td className="mono">
                  {row.field}
                  {row.isChanged && (
                    <Text span size="xs" c="orange.8" ml={6}>
                      {t('audit.changed')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{show(row.before)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{show(row.after)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <DataList size="xs" labelWidth="140px">
        <Meta label={t('audit.eventId')} value={event.id} />
        {event.userAgent && <Meta label={t('audit.userAgent')} value={event.userAgent} />}
        <Meta label={t('audit.prevHash')} value={event.prevHash} />
        <Meta label={t('audit.hash')} value={event.hash} />
      </DataList>
    </Stack>
  );
}

function Meta({ label, value }: { label: string; value: string }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue style={{ fontFamily: 'var(--mantine-font-family-monospace)', wordBreak: 'break-all' }}>
        {value}
      </DataList.ItemValue>
    </DataList.Item>
  );
}
