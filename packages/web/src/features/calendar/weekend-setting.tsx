import { Button, Checkbox, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { ISO_WEEKDAYS, type IsoWeekday } from '@nghiemthu/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormProblemAlert } from '../../ui/form-problem';
import { notifySuccess } from '../../ui/notify';
import { useFormErrors } from '../../ui/use-form-errors';
import { usePutWeekend } from './calendar.api';
import { useWeekdays } from './weekday';

type WeekendSettingProps = { weekendDays: IsoWeekday[]; canChange: boolean };

/** The weekly days off, for every year; a system administrator changes them. */
export function WeekendSetting({ weekendDays, canChange }: WeekendSettingProps) {
  const { t } = useTranslation();
  const { weekdayName } = useWeekdays();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="calendar-weekend-title" data-testid="calendar-weekend">
      <Title order={2} size="h4" mb="xs" id="calendar-weekend-title">
        {t('workingCalendar.weekendTitle')}
      </Title>
      {canChange ? (
        <WeekendForm key={weekendDays.join(',')} weekendDays={weekendDays} />
      ) : (
        <Text>
          {weekendDays.length === 0 ? t('workingCalendar.weekendNone') : weekendDays.map(weekdayName).join(', ')}
        </Text>
      )}
      <Text size="sm" c="dimmed" mt="xs">
        {t('workingCalendar.weekendHint')}
      </Text>
    </Paper>
  );
}

function WeekendForm({ weekendDays }: { weekendDays: IsoWeekday[] }) {
  const { t } = useTranslation();
  const { weekdayName } = useWeekdays();
  const errors = useFormErrors(['weekendDays'] as const);
  const save = usePutWeekend();
  const [selected, setSelected] = useState<string[]>(weekendDays.map(String));
  const chosen = ISO_WEEKDAYS.filter((day) => selected.includes(String(day)));
  const isChanged = chosen.join(',') !== [...weekendDays].sort((a, b) => a - b).join(',');

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(
      { weekendDays: chosen },
      {
        onSuccess: () => notifySuccess(t('workingCalendar.weekendSaved')),
        onError: errors.showApiError,
      },
    );
  }

  return (
    <form ref={errors.formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FormProblemAlert problem={errors.problem} />
        <Checkbox.Group
          label={t('workingCalendar.weekendLabel')}
          value={selected}
          onChange={(value) => {
            setSelected(value);
            errors.clearFieldError('weekendDays');
          }}
          error={errors.fieldErrors.weekendDays}
        >
          <Group gap="md" mt={6}>
            {ISO_WEEKDAYS.map((day) => (
              <Checkbox key={day} value={String(day)} label={weekdayName(day)} />
            ))}
          </Group>
        </Checkbox.Group>
        {isChanged && (
          <Text size="sm" c="orange.8">
            {t('workingCalendar.weekendChangeWarning')}
          </Text>
        )}
        <Group justify="flex-end">
          <Button type="submit" variant={isChanged ? 'filled' : 'default'} disabled={!isChanged} loading={save.isPending}>
            {t('workingCalendar.weekendSave')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
