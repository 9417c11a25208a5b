import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { useMemo, type ReactNode } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { i18n } from './i18n';
import { queryClient } from './query-client';
import { createAppTheme } from './theme';

export function Providers({ children }: { children: ReactNode }) {
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <LocalizedMantine>
          <Notifications position="top-right" />
          {children}
        </LocalizedMantine>
      </QueryClientProvider>
    </I18nextProvider>
  );
}

function LocalizedMantine({ children }: { children: ReactNode }) {
  const { t, i18n: instance } = useTranslation();
  const theme = useMemo(() => createAppTheme(t), [t, instance.language]);
  return (
    <MantineProvider theme={theme}>
      <DatesProvider settings={{ locale: instance.language, firstDayOfWeek: 1 }}>{children}</DatesProvider>
    </MantineProvider>
  );
}
