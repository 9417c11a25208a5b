import { Avatar, Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { formatDateTime, type DossierDetail } from '@nghiemthu/shared';
import { IconSend } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/session';
import { FormProblemAlert } from '../../ui/form-problem';
import { notifySuccess } from '../../ui/notify';
import { useFormErrors } from '../../ui/use-form-errors';
import { useCommentOnDossier } from './dossiers.api';

/** The conversation about the dossier between the ordering side, the provider and the council, oldest first. */
export function DossierCommentsPanel({ dossier }: { dossier: DossierDetail }) {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <Stack gap="sm">
      {dossier.comments.length === 0 && <Text size="sm" c="dimmed">{t('dossier.comments.none')}</Text>}
      {dossier.comments.map((comment) => {
        const isMine = comment.author.id === me.user.id;
        return (
          <Paper key={comment.id} withBorder p="sm" bg={isMine ? 'blue.0' : undefined} data-testid="dossier-comment">
            <Group gap="sm" align="flex-start" wrap="nowrap">
              <Avatar name={comment.author.fullName} color="initials" size="sm" aria-hidden />
              <Stack gap={2} style={{ minWidth: 0 }}>
                <Text size="sm">
                  <Text span fw={600} size="sm">{comment.author.fullName}</Text>{' '}
                  <Text span c="dimmed" size="xs">{formatDateTime(comment.createdAt)}</Text>
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{comment.body}</Text>
              </Stack>
            </Group>
          </Paper>
        );
      })}
      {dossier.allowedActions.includes('comment') && <CommentForm dossier={dossier} />}
    </Stack>
  );
}

function CommentForm({ dossier }: { dossier: DossierDetail }) {
  const { t } = useTranslation();
  const post = useCommentOnDossier(dossier.id);
  const errors = useFormErrors(['body'] as const);
  const [body, setBody] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    if (errors.showFieldErrors(body.trim() ? {} : { body: t('dossier.comments.empty') })) return;
    post.mutate(body.trim(), {
      onSuccess: () => {
        setBody('');
        notifySuccess(t('dossier.comments.sent'));
      },
      onError: errors.showApiError,
    });
  }

  return (
    <form ref={errors.formRef} onSubmit={submit} noValidate>
      <Stack gap="xs">
        <FormProblemAlert problem={errors.problem} />
        <Textarea
          label={t('dossier.comments.label')}
          description={t('dossier.comments.hint')}
          autosize
          minRows={2}
          maxRows={10}
          value={body}
          onChange={(event) => {
            setBody(event.currentTarget.value);
            errors.clearFieldError('body');
          }}
          error={errors.fieldErrors.body}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={post.isPending} leftSection={<IconSend size={16} aria-hidden />}>
            {t('dossier.comments.send')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
