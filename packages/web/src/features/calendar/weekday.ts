import { formatDate, isoWeekday, type IsoWeekday } from '@nghiemthu/shared';
import { useTranslation } from 'react-i18next';

/** Names of weekdays (ISO 1 = Monday … 7 = Sunday) and dates shown as "dd/MM/yyyy (weekday)". */
export function useWeekdays() {
  const { t } = useTranslation();
  const weekdayName = (day: IsoWeekday) => t(`workingCalendar.weekdays.${day}`);
  return {
    weekdayName,
    weekdayOf: (date: string) => weekdayName(isoWeekday(date)),
    dateWithWeekday: (date: string) =>
      t('workingCalendar.dateWithWeekday', { date: formatDate(date), weekday: weekdayName(isoWeekday(date)) }),
  };
}
