import { Badge, type MantineColor } from '@mantine/core';
import type { OrderStatus } from '@nghiemthu/shared';
import { useTranslation } from 'react-i18next';

const COLORS: Record<OrderStatus, MantineColor> = {
  draft: 'gray',
  signed: 'blue',
  in_progress: 'cyan',
  accepted: 'teal',
  liquidated: 'grape',
  settled: 'green',
  archived: 'dark',
  cancelled: 'red',
};

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  const { t } = useTranslation();
  return (
    // The status is short and must be read whole: it never wraps or truncates.
    <Badge color={COLORS[status]} variant="light" tt="none" style={{ overflow: 'visible', whiteSpace: 'nowrap' }}>
      {t(`orders.statuses.${status}`)}
    </Badge>
  );
}
