import { Badge } from '@mantine/core';
import type { RecordStatus } from '@nghiemthu/shared';
import { useTranslation } from 'react-i18next';

const COLORS: Record<RecordStatus, string> = { open: 'blue', closed: 'teal', destroyed: 'gray' };

export function RecordStatusBadge({ status }: { status: RecordStatus }) {
  const { t } = useTranslation();
  return <Badge color={COLORS[status]} variant="light" tt="none">{t(`records.statuses.${status}`)}</Badge>;
}
