import { Button, Group, Radio, Stack, Text, Textarea } from '@mantine/core';
import type { DossierDetail } from '@nghiemthu/shared';
import { IconShieldCheck } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormProblemAlert } from '../../ui/form-problem';
import { notifySuccess } from '../../ui/notify';
import { useFormErrors } from '../../ui/use-form-errors';
import { DetailBlock } from './dossier-detail-block';
import { useDeclareConflict } from './dossiers.api';

type Member = NonNullable<DossierDetail['council']>['members'][number];

/** A council member declares whether they have a conflict of interest; one who has does not vote. Revisable until they vote. */
export function DossierConflictPanel({ dossier, member }: { dossier: DossierDetail; member: Member }) {
  const { t } = useTranslation();
  const declare = useDeclareConflict(dossier.id);
  const errors = useFormErrors(['hasConflict', 'note'] as const);
  const [answer, setAnswer] = useState<'no' | 'yes' | null>(member.hasConflict === null ? null : member.hasConflict ? 'yes' : 'no');
  const [note, setNote] = useState(member.conflictNote ?? '');
  if (member.votedAt) return null;

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems: Partial<Record<'hasConflict' | 'note', string>> = {};
    if (answer === null) problems.hasConflict = t('dossier.conflict.choose');
    if (answer === 'yes' && !note.trim()) problems.note = t('dossier.conflict.noteRequired');
    if (errors.showFieldErrors(problems) || answer === null) return;
    declare.mutate({ hasConflict: answer === 'yes', note: note.trim() || null }, {
      onSuccess: () => notifySuccess(t(answer === 'yes' ? 'dossier.conflict.doneYes' : 'dossier.conflict.doneNo')),
      onError: errors.showApiError,
    });
  }

  return (
    <DetailBlock title={t('dossier.conflict.title')} testId="dossier-conflict-form">
      <form ref={errors.formRef} onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {member.hasConflict === null
              ? t('dossier.conflict.intro')
              : t('dossier.conflict.declared', { answer: t(member.hasConflict ? 'dossier.council.hasConflict' : 'dossier.council.noConflict') })}
          </Text>
          <FormProblemAlert problem={errors.problem} />
          <Radio.Group
            label={t('dossier.conflict.question')}
            required
            value={answer}
            onChange={(value) => {
              setAnswer(value === 'yes' ? 'yes' : 'no');
              errors.clearFieldError('hasConflict');
            }}
            error={errors.fieldErrors.hasConflict}
          >
            <Stack gap={6} mt={6}>
              <Radio value="no" label={t('dossier.conflict.no')} />
              <Radio value="yes" label={t('dossier.conflict.yes')} />
            </Stack>
          </Radio.Group>
          {answer === 'yes' && (
            <Textarea
              label={t('dossier.conflict.note')}
              description={t('dossier.conflict.noteHint')}
              required
              autosize
              minRows={2}
              value={note}
              onChange={(event) => {
                setNote(event.currentTarget.value);
                errors.clearFieldError('note');
              }}
              error={errors.fieldErrors.note}
            />
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={declare.isPending} leftSection={<IconShieldCheck size={16} aria-hidden />}>
              {t('dossier.conflict.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </DetailBlock>
  );
}
