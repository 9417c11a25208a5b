import { Button, Group } from '@mantine/core';
import { IconFilterOff } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The row of filters above every list, announced as a search region, with "clear filters" once any is set. */
export function FilterBar({ hasFilters, onClear, children }: { hasFilters: boolean; onClear: () => void; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Group align="flex-end" gap="sm" role="search" aria-label={t('list.filters')}>
      {children}
      {hasFilters && (
        <Button variant="subtle" leftSection={<IconFilterOff size={16} aria-hidden />} onClick={onClear}>
          {t('list.clearFilters')}
        </Button>
      )}
    </Group>
  );
}
