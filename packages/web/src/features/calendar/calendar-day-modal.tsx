import { Modal, Radio, Stack, TextInput } from '@mantine/core';
import { formatDate, isoWeekday, type CalendarDay, type CalendarDayKind, type IsoWeekday } from '@nghiemthu/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../ui/date-field';
import { FormActions } from '../../ui/form-actions';
import { FormProblemAlert } from '../../ui/form-problem';
import { todayIsoDate } from '../../ui/format';
import { notifySuccess } from '../../ui/notify';
import { useFormErrors } from '../../ui/use-form-errors';
import { usePutCalendarDay } from './calendar.api';
import { useWeekdays } from './weekday';

const FIELDS = ['date', 'kind', 'name'] as const;

type CalendarDayModalProps = {
  opened: boolean;
  onClose: () => void;
  /** The entry to change; without it the form adds one. */
  day?: CalendarDay;
  /** The year on screen: the date picker opens there. */
  year: number;
  weekendDays: IsoWeekday[];
};

export function CalendarDayModal({ opened, onClose, day, year, weekendDays }: CalendarDayModalProps) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={day ? t('workingCalendar.editTitle', { date: formatDate(day.date) }) : t('workingCalendar.addTitle')}
      size="lg"
    >
      <CalendarDayForm key={day?.date ?? 'new'} day={day} year={year} weekendDays={weekendDays} onDone={onClose} />
    </Modal>
  );
}

type FormProps = { day?: CalendarDay; year: number; weekendDays: IsoWeekday[]; onDone: () => void };

function CalendarDayForm({ day, year, weekendDays, onDone }: FormProps) {
  const { t } = useTranslation();
  const { weekdayOf } = useWeekdays();
  const errors = useFormErrors(FIELDS);
  const save = usePutCalendarDay();
  const [date, setDate] = useState<string | null>(day?.date ?? null);
  const [kind, setKind] = useState<CalendarDayKind>(day?.kind ?? 'holiday');
  const [name, setName] = useState(day?.name ?? '');
  const isWeekendDate = date !== null && weekendDays.includes(isoWeekday(date));

  function changeDate(value: string | null) {
    setDate(value);
    errors.clearFieldError('date');
    // A weekly day off can only be worked back; any other day can only be a day off.
    if (value) setKind(weekendDays.includes(isoWeekday(value)) ? 'working_day' : 'holiday');
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const required = t('common.required');
    const problems = {
      ...(date ? {} : { date: required }),
      ...(name.trim() ? {} : { name: required }),
    };
    if (errors.showFieldErrors(problems) || !date) return;
    save.mutate(
      { date, body: { kind, name: name.trim() } },
      {
        onSuccess: () => {
          notifySuccess(t('workingCalendar.saved', { date: formatDate(date) }));
          onDone();
        },
        onError: errors.showApiError,
      },
    );
  }

  return (
    <form ref={errors.formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FormProblemAlert problem={errors.problem} />
        <DateField
          label={t('workingCalendar.date')}
          name="date"
          required
          disabled={day !== undefined}
          data-autofocus={day ? undefined : true}
          defaultDate={year === Number(todayIsoDate().slice(0, 4)) ? undefined : `${year}-01-01`}
          // The picker marks weekly days off in its own numbering: 0 = Sunday … 6 = Saturday.
          weekendDays={weekendDays.map((day) => (day % 7) as 0 | 1 | 2 | 3 | 4 | 5 | 6)}
          value={date}
          onChange={changeDate}
          description={
            day
              ? t('workingCalendar.dateLocked')
              : date &&
                t(isWeekendDate ? 'workingCalendar.dateIsWeekend' : 'workingCalendar.dateIsWorkday', {
                  weekday: weekdayOf(date),
                })
          }
          error={errors.fieldErrors.date}
        />
        <Radio.Group
          label={t('workingCalendar.kind')}
          name="kind"
          required
          value={kind}
          onChange={(value) => {
            setKind(value as CalendarDayKind);
            errors.clearFieldError('kind');
          }}
          error={errors.fieldErrors.kind}
        >
          <Stack gap="xs" mt={6}>
            <Radio value="holiday" label={t('workingCalendar.kinds.holiday')} description={t('workingCalendar.kindHints.holiday')} />
            <Radio value="working_day" label={t('workingCalendar.kinds.working_day')} description={t('workingCalendar.kindHints.working_day')} />
          </Stack>
        </Radio.Group>
        <TextInput
          label={t('workingCalendar.name')}
          description={t('workingCalendar.nameHint')}
          name="name"
          required
          data-autofocus={day ? true : undefined}
          maxLength={200}
          value={name}
          onChange={(event) => {
            setName(event.currentTarget.value);
            errors.clearFieldError('name');
          }}
          error={errors.fieldErrors.name}
        />
        <FormActions onCancel={onDone} submitLabel={t('common.save')} isPending={save.isPending} />
      </Stack>
    </form>
  );
}
