import { Badge } from '@mantine/core';
import type { AgencyStatus } from '@nghiemthu/shared';
import { useTranslation } from 'react-i18next';

export function AgencyStatusBadge({ status }: { status: AgencyStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={status === 'active' ? 'green' : 'gray'} variant="light" tt="none">
      {t(`agencyStatus.${status}`)}
    </Badge>
  );
}
