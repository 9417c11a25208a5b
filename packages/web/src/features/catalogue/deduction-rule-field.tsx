import { ActionIcon, Button, Fieldset, Group, SegmentedControl, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { DECIMAL_PATTERN, DEDUCTION_RULE_KINDS, parseDecimal, type DeductionRule, type DeductionRuleKind } from '@nghiemthu/shared';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** The editor keeps every kind's fields, so switching kinds back and forth loses nothing. */
export type TierRow = { key: number; threshold: string; percent: string };
export type RuleDraft = { kind: DeductionRuleKind; percentPerUnit: string; maxPercent: string; tiers: TierRow[] };
/** Messages by sub-field: "percentPerUnit", "maxPercent", "tiers", "tiers.0.threshold"… */
export type RuleErrors = Record<string, string>;

let nextKey = 1;
function tierRow(threshold = '', percent = ''): TierRow {
  nextKey += 1;
  return { key: nextKey, threshold, percent };
}

export function ruleDraft(rule?: DeductionRule): RuleDraft {
  return {
    kind: rule?.kind ?? 'none',
    percentPerUnit: rule?.kind === 'per_unit' ? rule.percentPerUnit : '',
    maxPercent: rule?.kind === 'per_unit' ? rule.maxPercent : '',
    tiers: rule?.kind === 'tiers' ? rule.tiers.map((tier) => tierRow(tier.threshold, tier.percent)) : [tierRow()],
  };
}

export function ruleOf(draft: RuleDraft): DeductionRule {
  switch (draft.kind) {
    case 'none':
      return { kind: 'none' };
    case 'per_unit':
      return { kind: 'per_unit', percentPerUnit: draft.percentPerUnit.trim(), maxPercent: draft.maxPercent.trim() };
    case 'tiers':
      return { kind: 'tiers', tiers: draft.tiers.map((tier) => ({ threshold: tier.threshold.trim(), percent: tier.percent.trim() })) };
  }
}

/** The checks the server makes on the shape of a rule, with messages from `messages` (decimal, percent, required…). */
export function ruleProblems(
  draft: RuleDraft,
  messages: { required: string; decimal: string; percent: string; duplicate: string },
): RuleErrors {
  const problems: RuleErrors = {};
  const decimal = (key: string, text: string) => {
    if (!text.trim()) problems[key] = messages.required;
    else if (!DECIMAL_PATTERN.test(text.trim())) problems[key] = messages.decimal;
  };
  const percent = (key: string, text: string) => {
    decimal(key, text);
    if (!problems[key] && (parseDecimal(text) < 0n || parseDecimal(text) > 1_000_000n)) problems[key] = messages.percent;
  };
  if (draft.kind === 'per_unit') {
    percent('percentPerUnit', draft.percentPerUnit);
    percent('maxPercent', draft.maxPercent);
  }
  if (draft.kind === 'tiers') {
    const seen = new Set<bigint>();
    draft.tiers.forEach((tier, index) => {
      decimal(`tiers.${index}.threshold`, tier.threshold);
      percent(`tiers.${index}.percent`, tier.percent);
      if (!problems[`tiers.${index}.threshold`]) {
        const value = parseDecimal(tier.threshold);
        if (seen.has(value)) problems[`tiers.${index}.threshold`] = messages.duplicate;
        seen.add(value);
      }
    });
    if (draft.tiers.length === 0) problems.tiers = messages.required;
  }
  return problems;
}

type Props = {
  value: RuleDraft;
  onChange: (draft: RuleDraft) => void;
  /** The KPI's unit, to label thresholds. */
  unit: string;
  errors: RuleErrors;
  /** A message for the rule as a whole (from the server). */
  error?: string;
};

/** The closed set of deduction rules: none, a percent per unit of shortfall (capped), or tiers. */
export function DeductionRuleField({ value, onChange, unit, errors, error }: Props) {
  const { t } = useTranslation();
  const set = (patch: Partial<RuleDraft>) => onChange({ ...value, ...patch });
  const setTier = (index: number, patch: Partial<TierRow>) =>
    set({ tiers: value.tiers.map((tier, i) => (i === index ? { ...tier, ...patch } : tier)) });
  const unitSuffix = unit.trim() ? ` (${unit.trim()})` : '';

  return (
    <Fieldset legend={t('catalogue.deductionRule')}>
      <Stack gap="sm">
        <SegmentedControl
          aria-label={t('catalogue.ruleKind')}
          data={DEDUCTION_RULE_KINDS.map((kind) => ({ value: kind, label: t(`catalogue.ruleKinds.${kind}`) }))}
          value={value.kind}
          onChange={(kind) => set({ kind: kind as DeductionRuleKind })}
        />
        <Text size="sm" c="dimmed">{t(`catalogue.ruleKindHints.${value.kind}`)}</Text>
        {value.kind === 'per_unit' && (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('catalogue.percentPerUnit', { unit: unit.trim() || t('catalogue.unitWord') })}
              name="deductionRule.percentPerUnit"
              required
              inputMode="decimal"
              rightSection="%"
              value={value.percentPerUnit}
              onChange={(event) => set({ percentPerUnit: event.currentTarget.value })}
              error={errors.percentPerUnit}
            />
            <TextInput
              label={t('catalogue.maxPercent')}
              name="deductionRule.maxPercent"
              required
              inputMode="decimal"
              rightSection="%"
              value={value.maxPercent}
              onChange={(event) => set({ maxPercent: event.currentTarget.value })}
              error={errors.maxPercent}
            />
          </SimpleGrid>
        )}
        {value.kind === 'tiers' && (
          <Stack gap="xs">
            {value.tiers.map((tier, index) => (
              <Group key={tier.key} align="flex-start" gap="xs" wrap="nowrap">
                <TextInput
                  label={index === 0 ? `${t('catalogue.tierThreshold')}${unitSuffix}` : undefined}
                  aria-label={t('catalogue.tierThresholdNumber', { number: index + 1 })}
                  name={`deductionRule.tiers.${index}.threshold`}
                  inputMode="decimal"
                  value={tier.threshold}
                  onChange={(event) => setTier(index, { threshold: event.currentTarget.value })}
                  error={errors[`tiers.${index}.threshold`]}
                  style={{ flex: 1 }}
                />
                <TextInput
                  label={index === 0 ? t('catalogue.tierPercent') : undefined}
                  aria-label={t('catalogue.tierPercentNumber', { number: index + 1 })}
                  name={`deductionRule.tiers.${index}.percent`}
                  inputMode="decimal"
                  rightSection="%"
                  value={tier.percent}
                  onChange={(event) => setTier(index, { percent: event.currentTarget.value })}
                  error={errors[`tiers.${index}.percent`]}
                  style={{ flex: 1 }}
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="lg"
                  mt={index === 0 ? 25 : 0}
                  disabled={value.tiers.length === 1}
                  aria-label={t('catalogue.removeTier', { number: index + 1 })}
                  onClick={() => set({ tiers: value.tiers.filter((_, i) => i !== index) })}
                >
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              </Group>
            ))}
            {errors.tiers && <Text size="sm" c="red">{errors.tiers}</Text>}
            <Group>
              <Button
                variant="subtle"
                size="compact-sm"
                leftSection={<IconPlus size={14} aria-hidden />}
                disabled={value.tiers.length >= 20}
                onClick={() => set({ tiers: [...value.tiers, tierRow()] })}
              >
                {t('catalogue.addTier')}
              </Button>
            </Group>
          </Stack>
        )}
        {error && <Text size="sm" c="red" role="alert">{error}</Text>}
      </Stack>
    </Fieldset>
  );
}
