import { ActionIcon, Alert, Button, Fieldset, Grid, Group, List, Paper, SimpleGrid, Stack, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { DECIMAL_PATTERN, checkPeriods, formatDate, formatVnd, numberPeriods, translate, type AcceptancePeriodInput } from '@nghiemthu/shared';
import { IconAlertTriangle, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../app/i18n';
import { DateField } from '../../ui/date-field';
import { milestoneRow, type LineRow, type MilestoneRow } from './order-form-values';
import type { PricedLine } from './order-pricing';
import type { OrderFormErrors } from './use-order-form-errors';

type Props = {
  startDate: string | null;
  endDate: string | null;
  lines: LineRow[];
  priced: PricedLine[];
  periodLines: { lineNo: number; quantity: string; unitPrice: number }[] | null;
  milestones: MilestoneRow[];
  onMilestonesChange: (rows: MilestoneRow[]) => void;
  errors: OrderFormErrors;
};

/** The periods as the API takes them, or null while a date or quantity is missing. */
function periodInputs(rows: MilestoneRow[], lines: LineRow[]): AcceptancePeriodInput[] | null {
  const result: AcceptancePeriodInput[] = [];
  for (const row of rows) {
    if (!row.startDate || !row.endDate) return null;
    const quantities = lines.map((line, index) => ({ lineNo: index + 1, quantity: (row.quantities[line.key] ?? '').trim() || '0' }));
    if (quantities.some((q) => !DECIMAL_PATTERN.test(q.quantity) || q.quantity.startsWith('-'))) return null;
    result.push({ label: row.label.trim(), startDate: row.startDate, endDate: row.endDate, quantities });
  }
  return result;
}

/**
 * Milestones (nghiệm thu theo mốc): each period's label, dates and quantity of each
 * line, checked as it is typed with the server's own rule (checkPeriods).
 */
export function MilestonesField({ startDate, endDate, lines, priced, periodLines, milestones, onMilestonesChange, errors }: Props) {
  const { t } = useTranslation();
  function update(index: number, patch: Partial<MilestoneRow>, path: string) {
    onMilestonesChange(milestones.map((row, i) => (i === index ? { ...row, ...patch } : row)));
    errors.clear(`periods.${index}.${path}`);
    errors.clear(`periods.${index}`);
    errors.clear('periods');
  }
  const inputs = periodInputs(milestones, lines);
  const numbered = inputs && periodLines ? numberPeriods(inputs, periodLines) : null;
  const problems = inputs && periodLines && startDate && endDate && inputs.length > 0 ? checkPeriods(inputs, startDate, endDate, periodLines) : [];
  const isShown = (path: string) =>
    milestones.some((_, i) => path === `periods.${i}` || ['label', 'startDate', 'endDate'].some((f) => path === `periods.${i}.${f}`) || path.startsWith(`periods.${i}.quantities.`));
  /** The server's word on the periods as a whole (sums per line); it replaces the live check, which says the same. */
  const serverMessages = errors.listMessages('periods', isShown);

  return (
    <Fieldset legend={<VisuallyHidden>{t('orders.form.periods')}</VisuallyHidden>} variant="unstyled" data-testid="milestones-field">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">{t('orders.form.milestonesHint')}</Text>
        {milestones.map((row, index) => (
          <Paper key={row.key} withBorder p="sm" data-testid={`milestone-${index + 1}`}>
            <Group justify="space-between" mb={4}>
              <Text fw={600} size="sm">
                {t('orders.form.milestoneNumber', { number: index + 1 })}
                {numbered?.[index] && (
                  <Text span c="dimmed" size="sm" fw={400}> · {t('orders.plannedValue')}: {formatVnd(numbered[index].plannedValue)}</Text>
                )}
              </Text>
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('orders.form.removeMilestone', { number: index + 1 })}
                onClick={() => onMilestonesChange(milestones.filter((_, i) => i !== index))}
              >
                <IconTrash size={16} aria-hidden />
              </ActionIcon>
            </Group>
            <Grid gap="xs">
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <TextInput
                  label={t('orders.form.milestoneLabel')}
                  placeholder={t('orders.form.milestoneLabelPlaceholder')}
                  required
                  value={row.label}
                  onChange={(event) => update(index, { label: event.currentTarget.value }, 'label')}
                  error={errors.at(`periods.${index}.label`) ?? errors.at(`periods.${index}`)}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 6, sm: 4 }}>
                <DateField
                  label={t('orders.form.from')}
                  required
                  value={row.startDate}
                  onChange={(value) => update(index, { startDate: value }, 'startDate')}
                  error={errors.at(`periods.${index}.startDate`)}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 6, sm: 4 }}>
                <DateField
                  label={t('orders.form.to')}
                  required
                  value={row.endDate}
                  onChange={(value) => update(index, { endDate: value }, 'endDate')}
                  error={errors.at(`periods.${index}.endDate`)}
                />
              </Grid.Col>
            </Grid>
            <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs" mt="xs">
              {lines.map((line, lineIndex) => (
                <TextInput
                  key={line.key}
                  label={t('orders.form.milestoneQuantity', { line: priced[lineIndex]?.service?.code ?? lineIndex + 1 })}
                  inputMode="decimal"
                  autoComplete="off"
                  placeholder="0"
                  value={row.quantities[line.key] ?? ''}
                  onChange={(event) => update(index, { quantities: { ...row.quantities, [line.key]: event.currentTarget.value } }, `quantities.${lineIndex}`)}
                  error={errors.at(`periods.${index}.quantities.${lineIndex}`) ?? errors.at(`periods.${index}.quantities.${lineIndex}.quantity`) ?? (serverMessages.length > 0 || undefined)}
                  styles={{ input: { textAlign: 'right' } }}
                />
              ))}
            </SimpleGrid>
          </Paper>
        ))}
        {problems.length > 0 && serverMessages.length === 0 && (
          <Alert color="yellow" icon={<IconAlertTriangle aria-hidden />} p="xs" role="status">
            <List size="sm">
              {problems.map((problem) => {
                const { key, ...params } = problem;
                const dates: Record<string, string> = key === 'orderPeriodOutside' && startDate && endDate ? { from: formatDate(startDate), to: formatDate(endDate) } : {};
                return <List.Item key={JSON.stringify(problem)}>{translate(currentLanguage(), key, { ...params, ...dates })}</List.Item>;
              })}
            </List>
          </Alert>
        )}
        {serverMessages.map((message) => (
          <Text key={message} size="sm" c="red" role="alert">{message}</Text>
        ))}
        <Group>
          <Button variant="subtle" size="compact-sm" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => onMilestonesChange([...milestones, milestoneRow()])}>
            {t('orders.form.addMilestone')}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
