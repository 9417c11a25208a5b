import { Button, Checkbox, Group, NumberInput, Paper, Stack, Table, Text, Title } from '@mantine/core';
import {
  DEADLINE_STEPS, DOSSIER_DOCUMENT_TYPES, ORDERING_METHODS,
  type AcceptanceSettings, type DossierDocumentType, type DossierState, type OrderingMethod,
} from '@nghiemthu/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormProblemAlert } from '../../ui/form-problem';
import { notifySuccess } from '../../ui/notify';
import { PageLoader } from '../../ui/page-loader';
import { PageTitle } from '../../ui/page-title';
import { QueryError } from '../../ui/query-error';
import { useFormErrors } from '../../ui/use-form-errors';
import { useAcceptanceSettings, usePutAcceptanceSettings } from './acceptance-settings.api';

/**
 * What the law leaves open about acceptance (domain.md §3), per ordering
 * method: working days for each step and the documents a dossier must carry.
 * Everyone sees the rules in force; system administrators change them.
 */
export function AcceptanceSettingsPage() {
  const { t } = useTranslation();
  const query = useAcceptanceSettings();
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <Stack gap="md">
      <PageTitle>{t('acceptanceSettings.title')}</PageTitle>
      <Text c="dimmed" maw={760}>{t('acceptanceSettings.intro')}</Text>
      <SettingsForm key={JSON.stringify(query.data.settings)} initial={query.data.settings} defaults={query.data.defaults} canEdit={query.data.canEdit} />
    </Stack>
  );
}

type FormProps = { initial: AcceptanceSettings; defaults: AcceptanceSettings; canEdit: boolean };

function SettingsForm({ initial, defaults, canEdit }: FormProps) {
  const { t } = useTranslation();
  const [value, setValue] = useState<AcceptanceSettings>(initial);
  const save = usePutAcceptanceSettings();
  const errors = useFormErrors(['stepDeadlines', 'requiredDocuments'] as const);
  const isChanged = JSON.stringify(value) !== JSON.stringify(initial);

  const setDays = (method: OrderingMethod, state: DossierState, days: number) =>
    setValue((v) => ({ ...v, stepDeadlines: { ...v.stepDeadlines, [method]: { ...v.stepDeadlines[method], [state]: days } } }));
  const toggleDocument = (method: OrderingMethod, type: DossierDocumentType, on: boolean) =>
    setValue((v) => {
      const current = v.requiredDocuments[method];
      const next = on ? DOSSIER_DOCUMENT_TYPES.filter((d) => d === type || current.includes(d)) : current.filter((d) => d !== type);
      return { ...v, requiredDocuments: { ...v.requiredDocuments, [method]: next } };
    });

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(value, { onSuccess: () => notifySuccess(t('acceptanceSettings.saved')), onError: errors.showApiError });
  }

  return (
    <form ref={errors.formRef} onSubmit={submit} noValidate>
      <Stack gap="md">
        <FormProblemAlert problem={errors.problem} />
        <Paper withBorder p="md" component="section" aria-labelledby="deadlines-title">
          <Title order={2} size="h4" id="deadlines-title" mb="xs">{t('acceptanceSettings.deadlinesTitle')}</Title>
          <Text size="sm" c="dimmed" mb="sm">{t('acceptanceSettings.deadlinesHint')}</Text>
          <Table.ScrollContainer minWidth={560}>
            <Table striped withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('acceptanceSettings.step')}</Table.Th>
                  {ORDERING_METHODS.map((method) => <Table.Th key={method}>{t(`acceptanceSettings.method.${method}`)}</Table.Th>)}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {DEADLINE_STEPS.map((state) => (
                  <Table.Tr key={state}>
                    <Table.Td>{t(`acceptanceSettings.steps.${state}` as 'acceptanceSettings.steps.submitted')}</Table.Td>
                    {ORDERING_METHODS.map((method) => (
                      <Table.Td key={method}>
                        {canEdit ? (
                          <NumberInput
                            aria-label={`${t(`acceptanceSettings.steps.${state}` as 'acceptanceSettings.steps.submitted')} – ${t(`acceptanceSettings.method.${method}`)}`}
                            value={value.stepDeadlines[method][state]}
                            onChange={(n) => setDays(method, state, typeof n === 'number' ? n : 0)}
                            min={1} max={60} w={90} allowDecimal={false}
                            error={errors.fieldErrors.stepDeadlines && value.stepDeadlines[method][state] < 1 ? ' ' : undefined}
                            description={value.stepDeadlines[method][state] !== defaults.stepDeadlines[method][state] ? t('acceptanceSettings.default', { value: defaults.stepDeadlines[method][state] }) : undefined}
                          />
                        ) : (
                          t('acceptanceSettings.days', { count: value.stepDeadlines[method][state] })
                        )}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
        <Paper withBorder p="md" component="section" aria-labelledby="documents-title">
          <Title order={2} size="h4" id="documents-title" mb="xs">{t('acceptanceSettings.documentsTitle')}</Title>
          <Text size="sm" c="dimmed" mb="sm">{t('acceptanceSettings.documentsHint')}</Text>
          <Group align="flex-start" gap="xl">
            {ORDERING_METHODS.map((method) => (
              <Stack key={method} gap={6}>
                <Text fw={600}>{t(`acceptanceSettings.method.${method}`)}</Text>
                {DOSSIER_DOCUMENT_TYPES.map((type) => (
                  <Checkbox
                    key={type}
                    label={t(`acceptanceSettings.documents.${type}`)}
                    checked={value.requiredDocuments[method].includes(type)}
                    disabled={!canEdit}
                    onChange={(event) => toggleDocument(method, type, event.currentTarget.checked)}
                  />
                ))}
              </Stack>
            ))}
          </Group>
        </Paper>
        {canEdit && (
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setValue(defaults)} disabled={JSON.stringify(value) === JSON.stringify(defaults)}>
              {t('acceptanceSettings.restoreDefaults')}
            </Button>
            <Button type="submit" loading={save.isPending} disabled={!isChanged} data-testid="acceptance-settings-save">
              {t('common.save')}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
