import { createTheme } from '@mantine/core';
import type { TFunction } from 'i18next';

const FONT = "'Noto Sans', 'Segoe UI', Roboto, Arial, sans-serif";

/**
 * The look of the app, plus names for the buttons Mantine draws itself, in the chosen
 * language. Components are named by string so this file does not pull them into the
 * first download.
 */
export function createAppTheme(t: TFunction) {
  const clearButtonProps = { 'aria-label': t('common.clear') };
  return createTheme({
    primaryColor: 'blue',
    defaultRadius: 'sm',
    fontFamily: FONT,
    headings: { fontFamily: FONT },
    cursorType: 'pointer',
    focusRing: 'auto',
    components: {
      Modal: { defaultProps: { closeButtonProps: { 'aria-label': t('common.close') } } },
      Select: { defaultProps: { clearButtonProps } },
      FileInput: { defaultProps: { clearButtonProps } },
      DateInput: {
        defaultProps: {
          clearButtonProps,
          ariaLabels: {
            monthLevelControl: t('calendar.chooseMonth'),
            yearLevelControl: t('calendar.chooseYear'),
            nextMonth: t('calendar.nextMonth'),
            previousMonth: t('calendar.previousMonth'),
            nextYear: t('calendar.nextYear'),
            previousYear: t('calendar.previousYear'),
            nextDecade: t('calendar.nextDecade'),
            previousDecade: t('calendar.previousDecade'),
          },
        },
      },
    },
  });
}
