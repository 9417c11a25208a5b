import { ActionIcon, Alert, Button, Grid, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import {
  CALENDAR_MAX_YEAR,
  CALENDAR_MIN_YEAR,
  createWorkingCalendar,
  workingDaysBetween,
  type CalendarDay,
  type CalendarYear,
} from '@nghiemthu/shared';
import { IconChevronLeft, IconChevronRight, IconDownload, IconInfoCircle, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { formatCount, todayIsoDate } from '../../ui/format';
import { PageLoader } from '../../ui/page-loader';
import { PageTitle } from '../../ui/page-title';
import { QueryError } from '../../ui/query-error';
import { useCalendarYear } from './calendar.api';
import { CalendarDayModal } from './calendar-day-modal';
import { CalendarDaysTable } from './calendar-days-table';
import { DueDateCalculator } from './due-date-calculator';
import { LoadDefaultsModal } from './load-defaults-modal';
import { RemoveDayModal } from './remove-day-modal';
import { WeekendSetting } from './weekend-setting';

type OpenModal = { kind: 'add' } | { kind: 'edit' | 'remove'; day: CalendarDay } | { kind: 'defaults' } | null;

/** The year shown, kept in the address bar (?year=2026) so reload and Back keep it. */
function useYearParam(): [number, (year: number) => void] {
  const [params, setParams] = useSearchParams();
  const thisYear = Number(todayIsoDate().slice(0, 4));
  const asked = Number.parseInt(params.get('year') ?? '', 10);
  const year = asked >= CALENDAR_MIN_YEAR && asked <= CALENDAR_MAX_YEAR ? asked : thisYear;
  const setYear = (next: number) =>
    setParams((previous) => {
      const updated = new URLSearchParams(previous);
      if (next === thisYear) updated.delete('year');
      else updated.set('year', String(next));
      return updated;
    }, { replace: true });
  return [year, setYear];
}

export function CalendarPage() {
  const { t } = useTranslation();
  const [year, setYear] = useYearParam();
  const calendar = useCalendarYear(year);
  const [openModal, setOpenModal] = useState<OpenModal>(null);
  const close = () => setOpenModal(null);
  const data = calendar.data;

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <PageTitle>{t('workingCalendar.title')}</PageTitle>
        <YearSwitcher year={year} onChange={setYear} />
      </Group>
      <Text c="dimmed" maw={900}>
        {t('workingCalendar.intro')}
      </Text>
      {calendar.isError && <QueryError error={calendar.error} onRetry={() => void calendar.refetch()} />}
      {calendar.isPending && <PageLoader />}
      {data && (
        <Grid gap="md">
          <Grid.Col span={{ base: 12, lg: 8 }}>
            <DaysSection
              calendar={data}
              isRefreshing={calendar.isPlaceholderData}
              onAdd={() => setOpenModal({ kind: 'add' })}
              onLoadDefaults={() => setOpenModal({ kind: 'defaults' })}
              onEdit={(day) => setOpenModal({ kind: 'edit', day })}
              onRemove={(day) => setOpenModal({ kind: 'remove', day })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 4 }}>
            <Stack>
              <WeekendSetting
                weekendDays={data.weekendDays}
                canChange={data.allowedActions.includes('changeWeekend')}
              />
              <DueDateCalculator />
            </Stack>
          </Grid.Col>
        </Grid>
      )}
      {data && (
        <>
          <CalendarDayModal
            opened={openModal?.kind === 'add' || openModal?.kind === 'edit'}
            onClose={close}
            day={openModal?.kind === 'edit' ? openModal.day : undefined}
            year={year}
            weekendDays={data.weekendDays}
          />
          <RemoveDayModal
            opened={openModal?.kind === 'remove'}
            onClose={close}
            day={openModal?.kind === 'remove' ? openModal.day : undefined}
            weekendDays={data.weekendDays}
          />
          <LoadDefaultsModal opened={openModal?.kind === 'defaults'} onClose={close} year={year} />
        </>
      )}
    </Stack>
  );
}

function YearSwitcher({ year, onChange }: { year: number; onChange: (year: number) => void }) {
  const { t } = useTranslation();
  const thisYear = Number(todayIsoDate().slice(0, 4));
  const years = new Set<number>([year]);
  for (let y = thisYear - 3; y <= thisYear + 3; y++) years.add(y);
  return (
    <Group gap={4} wrap="nowrap">
      <ActionIcon
        variant="default"
        size="lg"
        onClick={() => onChange(year - 1)}
        disabled={year <= CALENDAR_MIN_YEAR}
        aria-label={t('workingCalendar.previousYear')}
      >
        <IconChevronLeft size={18} aria-hidden />
      </ActionIcon>
      <Select
        aria-label={t('workingCalendar.year')}
        data={[...years].sort((a, b) => a - b).map(String)}
        value={String(year)}
        onChange={(value) => value && onChange(Number(value))}
        allowDeselect={false}
        w={110}
        data-testid="calendar-year"
      />
      <ActionIcon
        variant="default"
        size="lg"
        onClick={() => onChange(year + 1)}
        disabled={year >= CALENDAR_MAX_YEAR}
        aria-label={t('workingCalendar.nextYear')}
      >
        <IconChevronRight size={18} aria-hidden />
      </ActionIcon>
    </Group>
  );
}

type DaysSectionProps = {
  calendar: CalendarYear;
  isRefreshing: boolean;
  onAdd: () => void;
  onLoadDefaults: () => void;
  onEdit: (day: CalendarDay) => void;
  onRemove: (day: CalendarDay) => void;
};

function DaysSection({ calendar, isRefreshing, onAdd, onLoadDefaults, onEdit, onRemove }: DaysSectionProps) {
  const { t } = useTranslation();
  const can = (action: CalendarYear['allowedActions'][number]) => calendar.allowedActions.includes(action);
  const { year } = calendar;
  const workingDays = workingDaysBetween(
    `${year - 1}-12-31`,
    `${year}-12-31`,
    createWorkingCalendar(calendar.weekendDays, calendar.days),
  );
  const holidayCount = calendar.days.filter((day) => day.kind === 'holiday').length;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="calendar-days-title">
      <Group justify="space-between" align="flex-start" mb="sm">
        <Stack gap={2}>
          <Title order={2} size="h4" id="calendar-days-title">
            {t('workingCalendar.daysTitle', { year })}
          </Title>
          <Text size="sm" c="dimmed" data-testid="calendar-working-day-count">
            {t('workingCalendar.workingDaysInYear', { year, count: formatCount(workingDays) })}
          </Text>
        </Stack>
        <Group gap="sm">
          {can('loadDefaults') && (
            <Button variant="default" leftSection={<IconDownload size={16} aria-hidden />} onClick={onLoadDefaults} data-testid="calendar-load-defaults">
              {t('workingCalendar.loadDefaults', { year })}
            </Button>
          )}
          {can('changeDays') && (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={onAdd} data-testid="calendar-add">
              {t('workingCalendar.add')}
            </Button>
          )}
        </Group>
      </Group>
      {holidayCount === 0 && (
        <Alert color="orange" icon={<IconInfoCircle aria-hidden />} mb="sm">
          {t(calendar.hasDefaults ? 'workingCalendar.noHolidaysHintDefaults' : 'workingCalendar.noHolidaysHintManual', { year })}
        </Alert>
      )}
      <CalendarDaysTable
        days={calendar.days}
        canChange={can('changeDays')}
        isRefreshing={isRefreshing}
        onEdit={onEdit}
        onRemove={onRemove}
      />
    </Paper>
  );
}
