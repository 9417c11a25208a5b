import { Button, Grid, Group, NumberInput, Paper, Radio, Stack, Text, TextInput } from '@mantine/core';
import { formatVnd, type DossierDetail, type VoteBody } from '@nghiemthu/shared';
import { IconChecklist } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormProblemAlert } from '../../ui/form-problem';
import { notifySuccess } from '../../ui/notify';
import { useFormErrors } from '../../ui/use-form-errors';
import { DetailBlock } from './dossier-detail-block';
import { decimalText } from './dossier-detail-format';
import { useCouncilVote } from './dossiers.api';

type Member = NonNullable<DossierDetail['council']>['members'][number];
type Choice = VoteBody['votes'][number]['vote'];
type Row = { vote: Choice | null; score: number | string; comment: string };

/** A member's vote on every line (agree, disagree, abstain), with an optional score and comment; revisable until the chair closes. */
export function DossierVotePanel({ dossier, member }: { dossier: DossierDetail; member: Member }) {
  const { t } = useTranslation();
  const cast = useCouncilVote(dossier.id);
  const errors = useFormErrors(['votes'] as const);
  const [rows, setRows] = useState<Row[]>(() =>
    dossier.lines.map((line) => {
      const earlier = member.votes.find((vote) => vote.lineNo === line.lineNo);
      return { vote: earlier?.vote ?? null, score: earlier?.score ?? '', comment: earlier?.comment ?? '' };
    }),
  );
  const [missing, setMissing] = useState<number[]>([]);

  function setRow(index: number, change: Partial<Row>) {
    setRows((current) => current.map((row, i) => (i === index ? { ...row, ...change } : row)));
    setMissing((current) => current.filter((i) => i !== index));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const unanswered = rows.flatMap((row, index) => (row.vote === null ? [index] : []));
    setMissing(unanswered);
    if (errors.showFieldErrors(unanswered.length > 0 ? { votes: t('dossier.vote.everyLine') } : {})) return;
    const votes = dossier.lines.map((line, index) => {
      const row = rows[index]!;
      return {
        lineNo: line.lineNo,
        vote: row.vote ?? 'abstain',
        score: typeof row.score === 'number' ? row.score : null,
        comment: row.comment.trim() || null,
      };
    });
    cast.mutate({ votes }, {
      onSuccess: () => notifySuccess(t('dossier.vote.done')),
      onError: errors.showApiError,
    });
  }

  return (
    <DetailBlock title={t('dossier.vote.title')} testId="dossier-vote-form">
      <form ref={errors.formRef} onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">{member.votedAt ? t('dossier.vote.revise') : t('dossier.vote.intro')}</Text>
          <FormProblemAlert problem={errors.problem} />
          {errors.fieldErrors.votes && <Text size="sm" c="red.8" role="alert">{errors.fieldErrors.votes}</Text>}
          {dossier.lines.map((line, index) => (
            <Paper key={line.lineNo} withBorder p="sm" data-testid={`dossier-vote-line-${line.lineNo}`}>
              <Stack gap="xs">
                <Text size="sm" fw={600}>{t('dossier.content.lineLegend', { line: line.lineNo, service: line.serviceName })}</Text>
                <Text size="xs" c="dimmed">
                  {t('dossier.vote.lineFigures', {
                    accepted: decimalText(line.acceptedQuantity),
                    planned: decimalText(line.plannedQuantity),
                    unit: line.unit,
                    value: line.acceptedValue === null ? '—' : formatVnd(line.acceptedValue),
                  })}
                </Text>
                <Radio.Group
                  label={t('dossier.vote.voteOn', { line: line.lineNo })}
                  required
                  value={rows[index]?.vote ?? null}
                  onChange={(value) => setRow(index, { vote: value as Choice })}
                  error={missing.includes(index) ? t('dossier.vote.choose') : undefined}
                >
                  <Group mt={4} gap="lg">
                    <Radio value="agree" label={t('dossier.council.votes.agree')} />
                    <Radio value="disagree" label={t('dossier.council.votes.disagree')} color="red" />
                    <Radio value="abstain" label={t('dossier.council.votes.abstain')} color="gray" />
                  </Group>
                </Radio.Group>
                <Grid gap="sm">
                  <Grid.Col span={{ base: 12, sm: 4 }}>
                    <NumberInput
                      label={t('dossier.vote.score', { line: line.lineNo })}
                      min={0}
                      max={100}
                      clampBehavior="strict"
                      allowDecimal={false}
                      allowNegative={false}
                      value={rows[index]?.score ?? ''}
                      onChange={(value) => setRow(index, { score: value })}
                    />
                  </Grid.Col>
                  <Grid.Col span={{ base: 12, sm: 8 }}>
                    <TextInput
                      label={t('dossier.vote.comment', { line: line.lineNo })}
                      value={rows[index]?.comment ?? ''}
                      onChange={(event) => setRow(index, { comment: event.currentTarget.value })}
                    />
                  </Grid.Col>
                </Grid>
              </Stack>
            </Paper>
          ))}
          <Group justify="flex-end">
            <Button type="submit" loading={cast.isPending} leftSection={<IconChecklist size={16} aria-hidden />}>
              {member.votedAt ? t('dossier.vote.update') : t('dossier.vote.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </DetailBlock>
  );
}
