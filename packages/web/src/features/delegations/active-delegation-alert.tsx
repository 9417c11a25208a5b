import { Alert, Anchor, Stack, Text } from '@mantine/core';
import { formatDateTimeMinutes } from '@nghiemthu/shared';
import { IconUserShare } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useActiveReceivedDelegations } from './delegations.api';

/** Tells a deputy, on their My work page, that they currently approve in a leader's place. */
export function ActiveDelegationAlert() {
  const { t } = useTranslation();
  const active = useActiveReceivedDelegations();
  const items = active.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Alert color="violet" variant="light" icon={<IconUserShare aria-hidden />} title={t('delegations.activeTitle')} data-testid="active-delegation-alert">
      <Stack gap={4}>
        {items.map((delegation) => (
          <Text key={delegation.id} size="sm">
            {t('delegations.activeText', { name: delegation.delegator.fullName, to: formatDateTimeMinutes(delegation.validTo) })}
          </Text>
        ))}
        <Anchor component={Link} to="/delegations?scope=received" size="sm">
          {t('delegations.activeLink')}
        </Anchor>
      </Stack>
    </Alert>
  );
}
