import { DateInput, type DateInputProps } from '@mantine/dates';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';

type DateFieldProps = Omit<DateInputProps, 'value' | 'onChange' | 'valueFormat' | 'dateParser'> & {
  /** A calendar date as YYYY-MM-DD, or null. */
  value: string | null;
  onChange: (value: string | null) => void;
};

const TYPED_FORMATS = ['DD/MM/YYYY', 'D/M/YYYY', 'YYYY-MM-DD'];

/** A date typed as dd/mm/yyyy (the way Vietnamese documents write it) or picked from a calendar. */
export function DateField({ value, onChange, ...props }: DateFieldProps) {
  const { t } = useTranslation();
  return (
    <DateInput
      value={value}
      onChange={onChange}
      valueFormat="DD/MM/YYYY"
      dateParser={(typed) => {
        const parsed = dayjs(typed.trim(), TYPED_FORMATS, true);
        return parsed.isValid() ? parsed.format('YYYY-MM-DD') : null;
      }}
      placeholder={t('common.datePlaceholder')}
      clearable={!props.required}
      // The calendar opens under the input on focus, and a failed submit focuses the first wrong
      // field: the error goes above the input so the calendar never hides why the form was refused.
      inputWrapperOrder={['label', 'description', 'error', 'input']}
      {...props}
    />
  );
}
