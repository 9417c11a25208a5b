import { Badge } from '@mantine/core';
import type { DispositionStatus } from '@nghiemthu/shared';
import { useTranslation } from 'react-i18next';

const COLORS: Record<DispositionStatus, string> = { proposed: 'yellow', approved: 'blue', executed: 'gray', cancelled: 'red' };

export function BatchStatusBadge({ status }: { status: DispositionStatus }) {
  const { t } = useTranslation();
  return <Badge color={COLORS[status]} variant="light" tt="none" data-testid="batch-status">{t(`disposition.statuses.${status}`)}</Badge>;
}
