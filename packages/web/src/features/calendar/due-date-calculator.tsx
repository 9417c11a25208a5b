import { Alert, Group, NumberInput, Paper, Stack, Text, Title } from '@mantine/core';
import { MAX_WORKING_DAYS } from '@nghiemthu/shared';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../ui/date-field';
import { todayIsoDate } from '../../ui/format';
import { QueryError } from '../../ui/query-error';
import { useDueDate } from './calendar.api';
import { useWeekdays } from './weekday';

/** From a date and a number of working days to the due date, on the stored calendar. */
export function DueDateCalculator() {
  const { t } = useTranslation();
  const { dateWithWeekday } = useWeekdays();
  const [from, setFrom] = useState<string | null>(todayIsoDate());
  const [count, setCount] = useState<number | string>(5);
  const isCountValid = typeof count === 'number' && Number.isInteger(count) && count >= 0 && count <= MAX_WORKING_DAYS;
  const [workingDays] = useDebouncedValue(isCountValid ? count : null, 300);
  const due = useDueDate(from, workingDays);
  const result = from !== null && workingDays !== null ? due.data : undefined;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="calendar-due-title" data-testid="calendar-due-date">
      <Title order={2} size="h4" mb="xs" id="calendar-due-title">
        {t('workingCalendar.calculatorTitle')}
      </Title>
      <Stack gap="sm">
        <Group grow align="flex-start">
          <DateField label={t('workingCalendar.from')} value={from} onChange={setFrom} name="from" />
          <NumberInput
            label={t('workingCalendar.workingDays')}
            name="workingDays"
            min={0}
            max={MAX_WORKING_DAYS}
            allowDecimal={false}
            allowNegative={false}
            value={count}
            onChange={setCount}
            error={count !== '' && !isCountValid ? t('workingCalendar.workingDaysRange', { max: MAX_WORKING_DAYS }) : undefined}
          />
        </Group>
        {due.isError && <QueryError error={due.error} />}
        {result && (
          <Stack gap={4} aria-live="polite" style={{ opacity: due.isPlaceholderData ? 0.6 : 1 }}>
            <Text size="sm" c="dimmed">
              {t('workingCalendar.dueDate')}
            </Text>
            <Text size="xl" fw={700} data-testid="calendar-due-date-result">
              {dateWithWeekday(result.dueDate)}
            </Text>
            {result.warningDate && (
              <Text size="sm">
                {t('workingCalendar.warningDate', { date: dateWithWeekday(result.warningDate) })}
              </Text>
            )}
            {result.yearsWithoutHolidays.length > 0 && (
              <Alert color="orange" icon={<IconAlertTriangle aria-hidden />} mt="xs">
                {t('workingCalendar.yearsWithoutHolidays', { years: result.yearsWithoutHolidays.join(', ') })}
              </Alert>
            )}
          </Stack>
        )}
        <Text size="xs" c="dimmed">
          {t('workingCalendar.calculatorHint')}
        </Text>
      </Stack>
    </Paper>
  );
}
