import { ActionIcon, Button, Fieldset, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** One row of the editor; `key` only keeps React's rows stable while typing. */
export type ComponentRow = { key: number; name: string; description: string };

let nextKey = 1;
export function componentRow(name = '', description = ''): ComponentRow {
  nextKey += 1;
  return { key: nextKey, name, description };
}

type Props = {
  rows: ComponentRow[];
  onChange: (rows: ComponentRow[]) => void;
  /** Messages under a row's name, by index. */
  rowErrors: Record<number, string>;
  error?: string;
};

/** The parts of a system (portal, API gateway, database…): a short list of name + description. */
export function SystemComponentsField({ rows, onChange, rowErrors, error }: Props) {
  const { t } = useTranslation();
  const update = (index: number, patch: Partial<ComponentRow>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <Fieldset legend={t('informationSystems.components')} variant="unstyled">
      <Stack gap="xs">
        {rows.length === 0 && <Text size="sm" c="dimmed">{t('informationSystems.noComponents')}</Text>}
        {rows.map((row, index) => (
          <Group key={row.key} align="flex-start" gap="xs" wrap="nowrap">
            <TextInput
              aria-label={t('informationSystems.componentName', { number: index + 1 })}
              placeholder={t('informationSystems.componentNamePlaceholder')}
              name={`components.${index}.name`}
              value={row.name}
              onChange={(event) => update(index, { name: event.currentTarget.value })}
              error={rowErrors[index]}
              style={{ flex: 2 }}
            />
            <TextInput
              aria-label={t('informationSystems.componentDescription', { number: index + 1 })}
              placeholder={t('informationSystems.componentDescriptionPlaceholder')}
              value={row.description}
              onChange={(event) => update(index, { description: event.currentTarget.value })}
              style={{ flex: 3 }}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              size="lg"
              aria-label={t('informationSystems.removeComponent', { number: index + 1 })}
              onClick={() => onChange(rows.filter((_, i) => i !== index))}
            >
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Group>
        ))}
        {error && <Text size="sm" c="red">{error}</Text>}
        <Group>
          <Button variant="subtle" size="compact-sm" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => onChange([...rows, componentRow()])}>
            {t('informationSystems.addComponent')}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
