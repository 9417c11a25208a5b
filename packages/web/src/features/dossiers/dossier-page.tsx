import { Stack, Tabs, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { DossierAllowedAction, DossierDetail, ErrorDetail } from '@nghiemthu/shared';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { DetailPage } from '../../ui/detail-page';
import { oneOf } from '../../ui/use-list-params';
import { DossierCommentsPanel } from './dossier-comments-panel';
import { DossierContentPanel } from './dossier-content-panel';
import { DossierCouncilPanel } from './dossier-council-panel';
import { DossierDetailActions } from './dossier-detail-actions';
import { DossierDetailHeader } from './dossier-detail-header';
import { DossierFilesPanel } from './dossier-files-panel';
import { DossierLinesPanel } from './dossier-lines-panel';
import { DossierMinutesPanel } from './dossier-minutes-panel';
import { DossierTimeline } from './dossier-timeline';
import { useDossier } from './dossiers.api';

const SECTIONS = ['content', 'lines', 'files', 'council', 'minutes', 'timeline', 'comments'] as const;
type Section = (typeof SECTIONS)[number];

/** The section a person most likely came for: where the step they are expected to take is. */
function defaultSection(can: (action: DossierAllowedAction) => boolean): Section {
  if (can('edit')) return 'content';
  if (can('appraise')) return 'lines';
  if (can('vote') || can('declareConflict') || can('close_council_review')) return 'council';
  if (can('recordPayment') || can('uploadSignedMinutes') || can('record_final_payment')) return 'minutes';
  return 'content';
}

export function DossierPage() {
  const { t } = useTranslation();
  const { dossierId = null } = useParams();
  const dossier = useDossier(dossierId);
  return (
    <DetailPage backTo="/dossiers" backLabel={t('dossier.backToList')} query={dossier}>
      {(data) => <DossierView dossier={data} />}
    </DetailPage>
  );
}

function DossierView({ dossier }: { dossier: DossierDetail }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  // Tabs need room for seven labels; on phones the sections follow one another instead.
  const isPhone = useMediaQuery('(max-width: 48em)');
  // What the server refused at submission (a quantity, a KPI actual, a document): shown at those fields.
  const [submitProblems, setSubmitProblems] = useState<ErrorDetail[]>([]);
  const can = (action: DossierAllowedAction) => dossier.allowedActions.includes(action);
  const fallback = defaultSection(can);
  const section = oneOf(SECTIONS, params.get('tab') ?? '') ?? fallback;

  function changeSection(next: string | null) {
    setParams((previous) => {
      const updated = new URLSearchParams(previous);
      if (next && next !== fallback) updated.set('tab', next);
      else updated.delete('tab');
      return updated;
    }, { replace: true });
  }

  const panels: Record<Section, { label: string; content: ReactNode }> = {
    content: { label: t('dossier.sections.content'), content: <DossierContentPanel dossier={dossier} submitProblems={submitProblems} /> },
    lines: { label: t('dossier.sections.lines'), content: <DossierLinesPanel dossier={dossier} /> },
    files: {
      label: dossier.missingDocuments.length > 0 && can('attach')
        ? t('dossier.sections.filesMissing', { count: dossier.missingDocuments.length })
        : t('dossier.sections.filesCount', { count: dossier.files.length }),
      content: <DossierFilesPanel dossier={dossier} />,
    },
    council: { label: t('dossier.sections.council'), content: <DossierCouncilPanel dossier={dossier} /> },
    minutes: { label: t('dossier.sections.minutes'), content: <DossierMinutesPanel dossier={dossier} /> },
    timeline: { label: t('dossier.sections.timeline'), content: <DossierTimeline dossier={dossier} /> },
    comments: { label: t('dossier.sections.commentsCount', { count: dossier.comments.length }), content: <DossierCommentsPanel dossier={dossier} /> },
  };

  return (
    <>
      <DossierDetailHeader dossier={dossier} actions={<DossierDetailActions dossier={dossier} onSubmitRefused={setSubmitProblems} />} />
      {isPhone ? (
        <Stack gap="xl">
          {SECTIONS.map((name) => (
            <Stack key={name} gap="sm" component="section" aria-labelledby={`dossier-section-${name}`} data-testid={`dossier-section-${name}`}>
              <Title order={2} size="h3" id={`dossier-section-${name}`}>
                {panels[name].label}
              </Title>
              {panels[name].content}
            </Stack>
          ))}
        </Stack>
      ) : (
        <Tabs value={section} onChange={changeSection}>
          <Tabs.List aria-label={t('dossier.sectionsLabel')}>
            {SECTIONS.map((name) => (
              <Tabs.Tab key={name} value={name} data-testid={`dossier-tab-${name}`}>
                {panels[name].label}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {SECTIONS.map((name) => (
            <Tabs.Panel key={name} value={name} pt="md">
              {panels[name].content}
            </Tabs.Panel>
          ))}
        </Tabs>
      )}
    </>
  );
}
