import { Badge, type MantineColor } from '@mantine/core';
import { formatDate, type DeadlineStatus, type Dossier } from '@nghiemthu/shared';
import { useTranslation } from 'react-i18next';

const COLORS: Record<Exclude<DeadlineStatus, 'none'>, MantineColor> = { on_time: 'green', due_soon: 'orange', overdue: 'red' };

/**
 * The current step's deadline in words, with its due date and whether it was extended:
 * "Trong hạn · hạn 25/11/2026 (đã gia hạn)". Nothing for drafts and closed dossiers.
 */
export function StepDeadlineBadge({ dossier }: { dossier: Pick<Dossier, 'deadline' | 'stepDueDate' | 'stepExtended'> }) {
  const { t } = useTranslation();
  const { deadline, stepDueDate, stepExtended } = dossier;
  if (deadline === 'none' || !stepDueDate) return null;
  const text = [
    t(`dossiers.deadlines.${deadline}`),
    '·',
    t('dossier.dueOn', { date: formatDate(stepDueDate) }),
    ...(stepExtended ? [`(${t('dossiers.extended')})`] : []),
  ].join(' ');
  return (
    <Badge size="lg" color={COLORS[deadline]} variant={deadline === 'on_time' ? 'outline' : 'light'} tt="none" style={{ overflow: 'visible', whiteSpace: 'nowrap' }} data-testid="dossier-step-deadline">
      {text}
    </Badge>
  );
}
