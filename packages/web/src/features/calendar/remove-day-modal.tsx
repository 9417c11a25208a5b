import { Modal, Stack, Text } from '@mantine/core';
import { formatDate, isoWeekday, type CalendarDay, type IsoWeekday } from '@nghiemthu/shared';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormActions } from '../../ui/form-actions';
import { FormProblemAlert } from '../../ui/form-problem';
import { notifySuccess } from '../../ui/notify';
import { useFormErrors } from '../../ui/use-form-errors';
import { useDeleteCalendarDay } from './calendar.api';
import { useWeekdays } from './weekday';

type RemoveDayModalProps = { opened: boolean; onClose: () => void; day?: CalendarDay; weekendDays: IsoWeekday[] };

/** Removing an entry gives the date back to the weekly pattern; the dialog says what that makes it. */
export function RemoveDayModal({ opened, onClose, day, weekendDays }: RemoveDayModalProps) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={day ? t('workingCalendar.removeTitle', { date: formatDate(day.date) }) : ''}
    >
      {day && <RemoveDayForm key={day.date} day={day} weekendDays={weekendDays} onDone={onClose} />}
    </Modal>
  );
}

function RemoveDayForm({ day, weekendDays, onDone }: { day: CalendarDay; weekendDays: IsoWeekday[]; onDone: () => void }) {
  const { t } = useTranslation();
  const { dateWithWeekday } = useWeekdays();
  const errors = useFormErrors([] as const);
  const remove = useDeleteCalendarDay();
  const becomesDayOff = weekendDays.includes(isoWeekday(day.date));

  function submit(event: FormEvent) {
    event.preventDefault();
    remove.mutate(day.date, {
      onSuccess: () => {
        notifySuccess(t('workingCalendar.removed', { date: formatDate(day.date) }));
        onDone();
      },
      onError: errors.showApiError,
    });
  }

  return (
    <form ref={errors.formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FormProblemAlert problem={errors.problem} />
        <Text fw={500}>{day.name}</Text>
        <Text size="sm">
          {t(becomesDayOff ? 'workingCalendar.removeBecomesDayOff' : 'workingCalendar.removeBecomesWorkday', {
            date: dateWithWeekday(day.date),
          })}
        </Text>
        <FormActions onCancel={onDone} submitLabel={t('workingCalendar.removeConfirm')} isPending={remove.isPending} color="red" />
      </Stack>
    </form>
  );
}
