import { Badge, Group, Text, Timeline } from '@mantine/core';
import { DOSSIER_ACTIONS, DOSSIER_STATES, FINAL_DOSSIER_STATES, formatDate, formatDateTime, type DossierDetail, type DossierState, type TimelineEntry } from '@nghiemthu/shared';
import { IconCalendarPlus, IconCheck, IconClock, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { StepDeadlineBadge } from './dossier-detail-deadline';

const TIMELINE_ACTIONS = [...DOSSIER_ACTIONS, 'extend_deadline'] as const;
type TimelineAction = (typeof TIMELINE_ACTIONS)[number];
const isTimelineAction = (action: string): action is TimelineAction => (TIMELINE_ACTIONS as readonly string[]).includes(action);
const isState = (state: string): state is DossierState => (DOSSIER_STATES as readonly string[]).includes(state);
const isRefusal = (action: string) => action === 'reject' || action === 'withdraw';

/** Every step the dossier went through, who took it (and for whom), when, how long it took against its due date and why; then the step it is in now. */
export function DossierTimeline({ dossier }: { dossier: DossierDetail }) {
  const { t } = useTranslation();
  const isOpen = !FINAL_DOSSIER_STATES.includes(dossier.state);
  if (dossier.timeline.length === 0 && !isOpen) return <Text size="sm" c="dimmed">{t('dossier.timeline.empty')}</Text>;
  return (
    <Timeline active={dossier.timeline.length - 1} bulletSize={26} lineWidth={2} data-testid="dossier-timeline" aria-label={t('dossier.sections.timeline')}>
      {dossier.timeline.map((entry) => (
        <Timeline.Item
          key={entry.seq}
          bullet={<EntryIcon action={entry.action} />}
          color={isRefusal(entry.action) ? 'red' : entry.action === 'extend_deadline' ? 'orange' : undefined}
          title={<Text fw={600} size="sm">{isTimelineAction(entry.action) ? t(`dossier.timeline.actions.${entry.action}`) : entry.action}</Text>}
          data-testid={`timeline-${entry.action}`}
        >
          <EntryBody entry={entry} />
        </Timeline.Item>
      ))}
      {isOpen && (
        <Timeline.Item
          bullet={<IconClock size={14} aria-hidden />}
          lineVariant="dashed"
          title={<Text fw={600} size="sm">{t('dossier.timeline.current', { state: t(`dossiers.states.${dossier.state}`) })}</Text>}
          data-testid="timeline-current"
        >
          <Text size="sm" c="dimmed">{t('dossier.timeline.since', { at: formatDateTime(dossier.stepStartedAt) })}</Text>
          <Group mt={4}>
            <StepDeadlineBadge dossier={dossier} />
          </Group>
        </Timeline.Item>
      )}
    </Timeline>
  );
}

function EntryIcon({ action }: { action: string }) {
  if (action === 'extend_deadline') return <IconCalendarPlus size={14} aria-hidden />;
  if (isRefusal(action)) return <IconX size={14} aria-hidden />;
  return <IconCheck size={14} aria-hidden />;
}

function EntryBody({ entry }: { entry: TimelineEntry }) {
  const { t } = useTranslation();
  const stateName = (state: string) => (isState(state) ? t(`dossiers.states.${state}`) : state);
  const who = entry.actingFor
    ? t('dossier.timeline.actingFor', { name: entry.actor.fullName, principal: entry.actingFor.fullName })
    : entry.actor.fullName;
  return (
    <>
      <Text size="sm">
        {who} · <Text span c="dimmed" size="sm">{formatDateTime(entry.at)}</Text>
      </Text>
      {entry.fromState !== entry.toState && (
        <Text size="xs" c="dimmed">{t('dossier.timeline.moved', { from: stateName(entry.fromState), to: stateName(entry.toState) })}</Text>
      )}
      {/* Steps without a due date (the provider's draft) are not timed. */}
      {entry.stepDueDate && (
        <Group gap="xs" mt={4}>
          <Text size="xs" c="dimmed">
            {t('dossier.timeline.took', { count: entry.workingDays })} · {t('dossier.timeline.due', { date: formatDate(entry.stepDueDate) })}
          </Text>
          {entry.onTime !== null && (
            <Badge size="sm" variant="light" color={entry.onTime ? 'green' : 'red'} tt="none">
              {t(entry.onTime ? 'dossier.timeline.onTime' : 'dossier.timeline.late')}
            </Badge>
          )}
        </Group>
      )}
      {entry.reason && (
        <Text size="sm" mt={6} pl="sm" style={{ borderLeft: '3px solid var(--mantine-color-gray-4)', whiteSpace: 'pre-wrap' }} data-testid="timeline-reason">
          {entry.reason}
        </Text>
      )}
    </>
  );
}
