import { ActionIcon, Button, Group, Menu, TextInput } from '@mantine/core';
import type { SearchExportQuery } from '@nghiemthu/shared';
import { IconBookmark, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../ui/error-message';
import { notifySuccess } from '../../ui/notify';
import { useDeleteSavedSearch, useSaveSearch, useSavedSearches } from './search.api';

/** Save the search on screen under a name, and bring back a saved one. */
export function SavedSearches({ current, onApply }: { current: SearchExportQuery; onApply: (query: SearchExportQuery) => void }) {
  const { t } = useTranslation();
  const saved = useSavedSearches();
  const save = useSaveSearch();
  const remove = useDeleteSavedSearch();
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <Group gap="xs" align="flex-end">
      <TextInput
        label={t('search.saveAs')}
        placeholder={t('search.saveAsHint')}
        value={name}
        onChange={(event) => { setName(event.currentTarget.value); setProblem(null); }}
        error={problem}
        w={{ base: '100%', sm: 220 }}
      />
      <Button
        variant="default"
        disabled={!name.trim()}
        loading={save.isPending}
        onClick={() => save.mutate({ name: name.trim(), query: current }, {
          onSuccess: () => { notifySuccess(t('search.saved', { name: name.trim() })); setName(''); },
          onError: (error) => setProblem(errorMessage(error)),
        })}
      >
        {t('search.save')}
      </Button>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="subtle" leftSection={<IconBookmark size={16} aria-hidden />} disabled={!saved.data?.length}>
            {t('search.savedCount', { count: saved.data?.length ?? 0 })}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {(saved.data ?? []).map((item) => (
            <Group key={item.id} gap={4} wrap="nowrap" px={4}>
              <Menu.Item onClick={() => onApply(item.query)}>{item.name}</Menu.Item>
              <ActionIcon variant="subtle" color="red" aria-label={t('search.deleteSaved', { name: item.name })} onClick={() => remove.mutate(item.id)}>
                <IconTrash size={14} aria-hidden />
              </ActionIcon>
            </Group>
          ))}
        </Menu.Dropdown>
      </Menu>
    </Group>
  );
}
