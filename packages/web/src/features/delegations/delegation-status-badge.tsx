import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DelegationStatus } from './delegations.api';

const COLORS: Record<DelegationStatus, string> = { scheduled: 'blue', active: 'green', ended: 'gray', revoked: 'red' };

export function DelegationStatusBadge({ status }: { status: DelegationStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[status]} variant="light" tt="none">
      {t(`delegations.statuses.${status}`)}
    </Badge>
  );
}
