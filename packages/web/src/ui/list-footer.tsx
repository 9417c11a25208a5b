import { Group, Pagination, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatCount } from './format';

type ListFooterProps = {
  page: number;
  pageSize: number;
  total: number;
  onPageChange: (page: number) => void;
};

export function ListFooter({ page, pageSize, total, onPageChange }: ListFooterProps) {
  const { t } = useTranslation();
  if (total === 0) return null;
  const from = (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <Group justify="space-between" mt="md" gap="sm">
      <Text size="sm" c="dimmed" aria-live="polite">
        {t('list.range', { from: formatCount(from), to: formatCount(to), total: formatCount(total) })}
      </Text>
      <nav aria-label={t('list.pagination')}>
        <Pagination
          total={Math.ceil(total / pageSize)}
          value={page}
          onChange={onPageChange}
          size="sm"
          hideWithOnePage
          getControlProps={(control) => ({ 'aria-label': t(`list.${control}`) })}
          getItemProps={(item) => ({ 'aria-label': t('list.page', { page: item }) })}
        />
      </nav>
    </Group>
  );
}
