import { Badge, Button, Group, Table, Text, Tooltip } from '@mantine/core';
import { formatDate, type CalendarDay } from '@nghiemthu/shared';
import { useTranslation } from 'react-i18next';
import { useWeekdays } from './weekday';

type CalendarDaysTableProps = {
  days: CalendarDay[];
  canChange: boolean;
  isRefreshing: boolean;
  onEdit: (day: CalendarDay) => void;
  onRemove: (day: CalendarDay) => void;
};

export function CalendarDaysTable({ days, canChange, isRefreshing, onEdit, onRemove }: CalendarDaysTableProps) {
  const { t } = useTranslation();
  const { weekdayOf } = useWeekdays();
  const columnCount = canChange ? 5 : 4;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table
        data-testid="calendar-days"
        highlightOnHover
        verticalSpacing="xs"
        aria-label={t('workingCalendar.tableCaption')}
        aria-busy={isRefreshing}
        style={{ opacity: isRefreshing ? 0.6 : 1 }}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('workingCalendar.date')}</Table.Th>
            <Table.Th>{t('workingCalendar.weekday')}</Table.Th>
            <Table.Th>{t('workingCalendar.kind')}</Table.Th>
            <Table.Th>{t('workingCalendar.name')}</Table.Th>
            {canChange && <Table.Th>{t('common.actions')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {days.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={columnCount}>
                <Text size="sm" c="dimmed" py="md" ta="center">
                  {t('workingCalendar.empty')}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {days.map((day) => (
            <Table.Tr key={day.date}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(day.date)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{weekdayOf(day.date)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Badge variant="light" color={day.kind === 'holiday' ? 'red' : 'blue'} radius="sm" tt="none" miw="max-content">
                  {t(`workingCalendar.kinds.${day.kind}`)}
                </Badge>
                {!day.isEffective && (
                  <Tooltip label={t('workingCalendar.ineffectiveHint')} multiline w={260}>
                    <Badge variant="outline" color="gray" radius="sm" tt="none" ml={4} miw="max-content" tabIndex={0}>
                      {t('workingCalendar.ineffective')}
                    </Badge>
                  </Tooltip>
                )}
              </Table.Td>
              <Table.Td>{day.name}</Table.Td>
              {canChange && (
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      onClick={() => onEdit(day)}
                      aria-label={t('workingCalendar.editFor', { date: formatDate(day.date) })}
                    >
                      {t('common.edit')}
                    </Button>
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      color="red"
                      onClick={() => onRemove(day)}
                      aria-label={t('workingCalendar.removeFor', { date: formatDate(day.date) })}
                    >
                      {t('workingCalendar.remove')}
                    </Button>
                  </Group>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
