import { Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { TimePicker } from '@mantine/dates';
import { DISPLAY_TIME_ZONE } from '@nghiemthu/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../ui/date-field';
import { FormActions } from '../../ui/form-actions';
import { FormProblemAlert } from '../../ui/form-problem';
import { todayIsoDate } from '../../ui/format';
import { notifySuccess } from '../../ui/notify';
import { useFormErrors } from '../../ui/use-form-errors';
import { useDueDate } from '../calendar/calendar.api';
import { useCreateDelegation } from './delegations.api';
import { DeputyPicker } from './deputy-picker';

const FIELDS = ['deputyId', 'validFrom', 'validTo', 'reason'] as const;
type Field = (typeof FIELDS)[number];

/** When the working day ends in state agencies; a default period runs until then. */
const END_OF_WORKING_DAY = '17:00:00';

/** Vietnam has kept UTC+7 all year since 1975, so a date and time typed there carry this offset. */
const VIETNAM_OFFSET = '+07:00';

/** The time now in Vietnam as HH:mm:ss, the way TimePicker holds a value, to the minute. */
function timeNow(): string {
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: DISPLAY_TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return `${time.format(new Date())}:00`;
}

/** A date (YYYY-MM-DD) and a time (HH:mm[:ss]) in Vietnam as an ISO instant with its offset, to the minute. */
function toInstant(date: string, time: string): string {
  return `${date}T${time.slice(0, 5)}:00${VIETNAM_OFFSET}`;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;

type DelegationFormModalProps = { opened: boolean; onClose: () => void };

export function DelegationFormModal({ opened, onClose }: DelegationFormModalProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('delegations.createTitle')} size="lg">
      <DelegationForm onDone={onClose} />
    </Modal>
  );
}

type Values = {
  deputyId: string | null;
  fromDate: string | null;
  fromTime: string;
  /** undefined until the leader picks a date: the end of the working day after next is offered. */
  toDate: string | null | undefined;
  toTime: string;
  reason: string;
};

function DelegationForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const errors = useFormErrors(FIELDS);
  const create = useCreateDelegation();
  const today = todayIsoDate();
  const [values, setValues] = useState<Values>({
    deputyId: null,
    fromDate: today,
    fromTime: timeNow(),
    toDate: undefined,
    toTime: END_OF_WORKING_DAY,
    reason: '',
  });
  // The working day after next, on the agency's calendar (weekends and holidays skipped).
  const afterNext = useDueDate(today, 2);
  const toDate = values.toDate === undefined ? (afterNext.data?.dueDate ?? null) : values.toDate;

  function set<K extends keyof Values>(name: K, value: Values[K], field: Field) {
    setValues((current) => ({ ...current, [name]: value }));
    errors.clearFieldError(field);
  }

  function check(): Partial<Record<Field, string>> {
    const required = t('common.required');
    const problems: Partial<Record<Field, string>> = {};
    if (!values.deputyId) problems.deputyId = required;
    if (!values.fromDate || !values.fromTime) problems.validFrom = required;
    else if (!TIME.test(values.fromTime)) problems.validFrom = t('delegations.timeInvalid');
    if (!toDate || !values.toTime) problems.validTo = required;
    else if (!TIME.test(values.toTime)) problems.validTo = t('delegations.timeInvalid');
    if (!problems.validFrom && !problems.validTo && toDate && values.fromDate) {
      const from = new Date(toInstant(values.fromDate, values.fromTime));
      const to = new Date(toInstant(toDate, values.toTime));
      if (to <= from) problems.validTo = t('delegations.periodInvalid');
      else if (to <= new Date()) problems.validTo = t('delegations.periodOver');
    }
    if (!values.reason.trim()) problems.reason = required;
    return problems;
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (errors.showFieldErrors(check()) || !values.deputyId || !values.fromDate || !toDate) return;
    create.mutate(
      {
        deputyId: values.deputyId,
        validFrom: toInstant(values.fromDate, values.fromTime),
        validTo: toInstant(toDate, values.toTime),
        reason: values.reason.trim(),
      },
      {
        onSuccess: (created) => {
          notifySuccess(t('delegations.created', { name: created.deputy.fullName }));
          onDone();
        },
        onError: errors.showApiError,
      },
    );
  }

  return (
    <form ref={errors.formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">{t('delegations.createIntro')}</Text>
        <FormProblemAlert problem={errors.problem} />
        <DeputyPicker
          label={t('delegations.deputy')}
          description={t('delegations.deputyHint')}
          name="deputyId"
          required
          data-autofocus
          value={values.deputyId}
          onChange={(value) => set('deputyId', value, 'deputyId')}
          error={errors.fieldErrors.deputyId}
          data-testid="delegation-deputy"
        />
        <Group grow align="flex-start" gap="sm">
          <DateField
            label={t('delegations.fromDate')}
            name="validFrom"
            required
            value={values.fromDate}
            onChange={(value) => set('fromDate', value, 'validFrom')}
            error={errors.fieldErrors.validFrom}
          />
          <TimePicker
            label={t('delegations.fromTime')}
            name="validFromTime"
            required
            format="24h"
            hoursInputLabel={t('delegations.hours')}
            minutesInputLabel={t('delegations.minutes')}
            value={values.fromTime}
            onChange={(value) => set('fromTime', value, 'validFrom')}
            error={Boolean(errors.fieldErrors.validFrom)}
          />
        </Group>
        <Group grow align="flex-start" gap="sm">
          <DateField
            label={t('delegations.toDate')}
            name="validTo"
            required
            value={toDate}
            onChange={(value) => set('toDate', value, 'validTo')}
            error={errors.fieldErrors.validTo}
          />
          <TimePicker
            label={t('delegations.toTime')}
            name="validToTime"
            required
            format="24h"
            hoursInputLabel={t('delegations.hours')}
            minutesInputLabel={t('delegations.minutes')}
            value={values.toTime}
            onChange={(value) => set('toTime', value, 'validTo')}
            error={Boolean(errors.fieldErrors.validTo)}
          />
        </Group>
        <Text size="xs" c="dimmed" mt={-6}>
          {t('delegations.toHint')}
        </Text>
        <Textarea
          label={t('delegations.reason')}
          description={t('delegations.reasonHint')}
          name="reason"
          required
          autosize
          minRows={2}
          maxLength={1000}
          value={values.reason}
          onChange={(event) => set('reason', event.currentTarget.value, 'reason')}
          error={errors.fieldErrors.reason}
        />
        <FormActions onCancel={onDone} submitLabel={t('delegations.createConfirm')} isPending={create.isPending} />
      </Stack>
    </form>
  );
}
