import { Button, Group, Stack, Tabs } from '@mantine/core';
import type { Delegation } from '@nghiemthu/shared';
import { IconUserShare } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useMe } from '../../app/session';
import { ListFooter } from '../../ui/list-footer';
import { PageLoader } from '../../ui/page-loader';
import { PageTitle } from '../../ui/page-title';
import { QueryError } from '../../ui/query-error';
import { oneOf, useListParams } from '../../ui/use-list-params';
import { canDelegate, canSeeAllDelegations } from './delegation-access';
import { DELEGATION_FILTERS, DelegationFilters } from './delegation-filters';
import { DelegationFormModal } from './delegation-form-modal';
import { DELEGATION_SORTS, DELEGATION_STATUSES, useDelegationList, type DelegationScope } from './delegations.api';
import { DelegationsTable } from './delegations-table';
import { RevokeDelegationModal } from './revoke-delegation-modal';

export function DelegationsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const [isCreating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<Delegation | null>(null);
  const scopes: DelegationScope[] = canSeeAllDelegations(me) ? ['given', 'received', 'all'] : ['given', 'received'];
  // Someone who cannot delegate mostly comes to see what was delegated to them.
  const defaultScope: DelegationScope = canDelegate(me) ? 'given' : 'received';
  const scope = oneOf(scopes, params.get('scope') ?? '') ?? defaultScope;

  function changeScope(next: string | null) {
    setParams(
      (previous) => {
        const updated = new URLSearchParams(previous);
        if (next) updated.set('scope', next);
        updated.delete('page');
        return updated;
      },
      { replace: true },
    );
  }

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <PageTitle>{t('delegations.title')}</PageTitle>
        {canDelegate(me) && (
          <Button leftSection={<IconUserShare size={16} aria-hidden />} onClick={() => setCreating(true)} data-testid="delegation-create">
            {t('delegations.create')}
          </Button>
        )}
      </Group>
      <Tabs value={scope} onChange={changeScope} keepMounted={false}>
        <Tabs.List aria-label={t('delegations.tabsLabel')}>
          {scopes.map((value) => (
            <Tabs.Tab key={value} value={value} data-testid={`delegation-tab-${value}`}>
              {t(`delegations.scopes.${value}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {scopes.map((value) => (
          <Tabs.Panel key={value} value={value} pt="md">
            <DelegationList scope={value} onRevoke={setRevoking} />
          </Tabs.Panel>
        ))}
      </Tabs>
      {isCreating && <DelegationFormModal opened onClose={() => setCreating(false)} />}
      <RevokeDelegationModal delegation={revoking} onClose={() => setRevoking(null)} />
    </Stack>
  );
}

function DelegationList({ scope, onRevoke }: { scope: DelegationScope; onRevoke: (delegation: Delegation) => void }) {
  const list = useListParams({ sorts: DELEGATION_SORTS, defaultSort: 'validFrom', defaultOrder: 'desc', filters: DELEGATION_FILTERS });
  const delegations = useDelegationList({
    scope,
    page: list.page,
    pageSize: list.pageSize,
    sort: list.sort,
    order: list.order,
    status: oneOf(DELEGATION_STATUSES, list.filters.status),
  });
  return (
    <Stack>
      <DelegationFilters list={list} />
      {delegations.isError && <QueryError error={delegations.error} onRetry={() => void delegations.refetch()} />}
      {delegations.isPending && <PageLoader />}
      {delegations.data && (
        <>
          <DelegationsTable
            delegations={delegations.data.items}
            sort={list.sort}
            order={list.order}
            onSort={list.toggleSort}
            onRevoke={onRevoke}
            hasFilters={list.hasFilters}
            isRefreshing={delegations.isPlaceholderData}
          />
          <ListFooter page={list.page} pageSize={list.pageSize} total={delegations.data.total} onPageChange={list.setPage} />
        </>
      )}
    </Stack>
  );
}
