import { ActionIcon, Button, Fieldset, Grid, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../ui/date-field';
import { LEGEND } from './legend';
import { basisRow, type BasisRow } from './order-form-values';
import type { OrderFormErrors } from './use-order-form-errors';

type Props = { rows: BasisRow[]; onChange: (rows: BasisRow[]) => void; errors: OrderFormErrors };

const FIELDS = ['number', 'date', 'signer', 'summary'] as const;

/** The documents an order rests on (căn cứ): number, date, signer and summary of each. */
export function BasisDocumentsField({ rows, onChange, errors }: Props) {
  const { t } = useTranslation();
  function update(index: number, patch: Partial<BasisRow>) {
    onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
    for (const field of Object.keys(patch)) errors.clear(`basisDocuments.${index}.${field}`);
  }
  const isShown = (path: string) => FIELDS.some((field) => rows.some((_, i) => path === `basisDocuments.${i}.${field}`));
  const listMessages = errors.listMessages('basisDocuments', isShown);

  return (
    <Fieldset legend={t('orders.form.basisDocuments')} variant="unstyled" styles={LEGEND}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">{t('orders.form.basisDocumentsHint')}</Text>
        {rows.map((row, index) => {
          const at = (field: (typeof FIELDS)[number]) => errors.at(`basisDocuments.${index}.${field}`);
          return (
            <Group key={row.key} align="flex-start" gap="xs" wrap="nowrap" data-testid={`basis-document-${index + 1}`}>
              <Grid gap="xs" flex={1}>
                <Grid.Col span={{ base: 12, sm: 6, lg: 3 }}>
                  <TextInput
                    label={t('orders.form.documentNumber')}
                    placeholder={t('orders.form.documentNumberPlaceholder')}
                    required
                    value={row.number}
                    onChange={(event) => update(index, { number: event.currentTarget.value })}
                    error={at('number')}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 12, sm: 6, lg: 2 }}>
                  <DateField
                    label={t('orders.form.documentDate')}
                    required
                    value={row.date}
                    onChange={(value) => update(index, { date: value })}
                    error={at('date')}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 12, sm: 6, lg: 3 }}>
                  <TextInput
                    label={t('orders.form.documentSigner')}
                    placeholder={t('orders.form.documentSignerPlaceholder')}
                    required
                    value={row.signer}
                    onChange={(event) => update(index, { signer: event.currentTarget.value })}
                    error={at('signer')}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 12, sm: 6, lg: 4 }}>
                  <TextInput
                    label={t('orders.form.documentSummary')}
                    placeholder={t('orders.form.documentSummaryPlaceholder')}
                    required
                    value={row.summary}
                    onChange={(event) => update(index, { summary: event.currentTarget.value })}
                    error={at('summary')}
                  />
                </Grid.Col>
              </Grid>
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                mt={26}
                aria-label={t('orders.form.removeDocument', { number: index + 1 })}
                disabled={rows.length === 1}
                onClick={() => onChange(rows.filter((_, i) => i !== index))}
              >
                <IconTrash size={16} aria-hidden />
              </ActionIcon>
            </Group>
          );
        })}
        {listMessages.map((message) => (
          <Text key={message} size="sm" c="red" role="alert">{message}</Text>
        ))}
        <Group>
          <Button variant="subtle" size="compact-sm" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => onChange([...rows, basisRow()])}>
            {t('orders.form.addDocument')}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
