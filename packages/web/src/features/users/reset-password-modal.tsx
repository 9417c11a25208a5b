import { Modal, Stack, Text } from '@mantine/core';
import { PASSWORD_MIN_LENGTH, translate, type User } from '@nghiemthu/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../app/i18n';
import { FormProblemAlert } from '../../ui/form-problem';
import { notifySuccess } from '../../ui/notify';
import { PasswordField } from '../../ui/password-field';
import { useFormErrors } from '../../ui/use-form-errors';
import { useResetPassword } from './users.api';
import { FormActions } from '../../ui/form-actions';

type ResetPasswordModalProps = { user: User | null; onClose: () => void };

export function ResetPasswordModal({ user, onClose }: ResetPasswordModalProps) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={user !== null}
      onClose={onClose}
      title={t('users.resetPasswordTitle', { name: user?.fullName ?? '' })}
    >
      {user && <ResetPasswordForm user={user} onDone={onClose} />}
    </Modal>
  );
}

function ResetPasswordForm({ user, onDone }: { user: User; onDone: () => void }) {
  const { t } = useTranslation();
  const errors = useFormErrors(['newPassword'] as const);
  const reset = useResetPassword(user.id);
  const [newPassword, setNewPassword] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    const problem =
      newPassword.length < PASSWORD_MIN_LENGTH
        ? { newPassword: translate(currentLanguage(), 'passwordTooShort', { min: PASSWORD_MIN_LENGTH }) }
        : {};
    if (errors.showFieldErrors(problem)) return;
    reset.mutate(newPassword, {
      onSuccess: () => {
        notifySuccess(t('users.passwordReset', { name: user.fullName }));
        onDone();
      },
      onError: errors.showApiError,
    });
  }

  return (
    <form ref={errors.formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">{t('users.resetPasswordIntro')}</Text>
        <FormProblemAlert problem={errors.problem} />
        <PasswordField
          label={t('auth.newPassword')}
          description={t('auth.newPasswordHint', { min: PASSWORD_MIN_LENGTH })}
          name="newPassword"
          autoComplete="new-password"
          required
          data-autofocus
          value={newPassword}
          onChange={(event) => {
            setNewPassword(event.currentTarget.value);
            errors.clearFieldError('newPassword');
          }}
          error={errors.fieldErrors.newPassword}
        />
        <FormActions onCancel={onDone} submitLabel={t('users.resetPassword')} isPending={reset.isPending} />
      </Stack>
    </form>
  );
}
