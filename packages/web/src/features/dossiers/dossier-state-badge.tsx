import { Badge, Group, Text, type BadgeProps, type MantineColor } from '@mantine/core';
import { formatDate, type Dossier, type DossierState } from '@nghiemthu/shared';
import { useTranslation } from 'react-i18next';

/** One colour per stage: grey with the provider, blues while the agency works, greens once accepted, red or dark when it ended otherwise. */
export const DOSSIER_STATE_COLORS: Record<DossierState, MantineColor> = {
  draft: 'gray',
  submitted: 'blue',
  supplement_requested: 'orange',
  received: 'indigo',
  in_appraisal: 'cyan',
  in_council: 'violet',
  awaiting_decision: 'grape',
  approved: 'teal',
  minutes_issued: 'green',
  paid: 'green',
  rejected: 'red',
  withdrawn: 'dark',
};

// Short labels that must be read whole: they never wrap or truncate, also in a squeezed table column.
const WHOLE = { overflow: 'visible', whiteSpace: 'nowrap', flexShrink: 0 } as const;
const WHOLE_LABEL = { root: WHOLE, label: { overflow: 'visible', textOverflow: 'clip' } } as const;

export function DossierStateBadge({ state, size }: { state: DossierState; size?: BadgeProps['size'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={DOSSIER_STATE_COLORS[state]} variant="light" size={size} tt="none" styles={WHOLE_LABEL} data-testid="dossier-state">
      {t(`dossiers.states.${state}`)}
    </Badge>
  );
}

type DossierDeadlineBadgeProps = Pick<Dossier, 'deadline' | 'stepDueDate' | 'stepExtended'> & {
  /** Without the date, only what it means now (where the date is written next to it). */
  withDate?: boolean;
};

/**
 * The current step's due date and what it means now: amber one working day before, red once
 * past, and whether it was already extended (a step may be extended only once).
 */
export function DossierDeadlineBadge({ deadline, stepDueDate, stepExtended, withDate = true }: DossierDeadlineBadgeProps) {
  const { t } = useTranslation();
  if (!stepDueDate) return withDate ? <Text span c="dimmed">—</Text> : null;
  const isPressing = deadline === 'due_soon' || deadline === 'overdue';
  if (!withDate && !isPressing && !stepExtended) return null;
  return (
    <Group gap={6} wrap="nowrap" display="inline-flex">
      {withDate && <Text span size="sm" style={{ whiteSpace: 'nowrap' }}>{formatDate(stepDueDate)}</Text>}
      {isPressing && (
        <Badge size="sm" variant="filled" color={deadline === 'overdue' ? 'red' : 'yellow'} autoContrast tt="none" styles={WHOLE_LABEL} data-testid="dossier-deadline">
          {t(`dossiers.deadlines.${deadline}`)}
        </Badge>
      )}
      {stepExtended && (
        <Badge size="sm" variant="outline" color="gray" tt="none" fw={500} styles={WHOLE_LABEL}>
          {t('dossiers.extended')}
        </Badge>
      )}
    </Group>
  );
}
