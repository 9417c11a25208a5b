import { Alert, Button, Group, Paper, Stack } from '@mantine/core';
import { PASSWORD_MIN_LENGTH, translate } from '@nghiemthu/shared';
import { IconInfoCircle } from '@tabler/icons-react';
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { currentLanguage } from '../../app/i18n';
import { useMe } from '../../app/session';
import { FormProblemAlert } from '../../ui/form-problem';
import { notifySuccess } from '../../ui/notify';
import { PageTitle } from '../../ui/page-title';
import { PasswordField } from '../../ui/password-field';
import { useFormErrors } from '../../ui/use-form-errors';
import { useChangePassword } from './auth.api';

const FIELDS = ['currentPassword', 'newPassword', 'confirmPassword'] as const;

export function ChangePasswordPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const changePassword = useChangePassword();
  const errors = useFormErrors(FIELDS);
  const [values, setValues] = useState({ currentPassword: '', newPassword: '', confirmPassword: '' });

  function field(name: (typeof FIELDS)[number]) {
    return {
      name,
      value: values[name],
      error: errors.fieldErrors[name],
      onChange: (event: ChangeEvent<HTMLInputElement>) => {
        const value = event.currentTarget.value;
        setValues((current) => ({ ...current, [name]: value }));
        errors.clearFieldError(name);
      },
      required: true,
    };
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems = {
      ...(values.currentPassword ? {} : { currentPassword: t('common.required') }),
      ...(values.newPassword.length >= PASSWORD_MIN_LENGTH
        ? {}
        : { newPassword: translate(currentLanguage(), 'passwordTooShort', { min: PASSWORD_MIN_LENGTH }) }),
      ...(values.confirmPassword === values.newPassword ? {} : { confirmPassword: t('auth.passwordMismatch') }),
    };
    if (errors.showFieldErrors(problems)) return;
    changePassword.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          notifySuccess(t('auth.passwordChanged'));
          void navigate('/', { replace: true });
        },
        onError: errors.showApiError,
      },
    );
  }

  return (
    <Stack maw={480}>
      <PageTitle>{t('auth.changePassword')}</PageTitle>
      {me.user.mustChangePassword && (
        <Alert color="blue" icon={<IconInfoCircle aria-hidden />}>
          {t('auth.mustChangePassword')}
        </Alert>
      )}
      <Paper withBorder p="lg">
        <form ref={errors.formRef} onSubmit={submit} noValidate>
          <Stack gap="sm">
            <FormProblemAlert problem={errors.problem} />
            <PasswordField
              label={t('auth.currentPassword')}
              autoComplete="current-password"
              autoFocus
              {...field('currentPassword')}
            />
            <PasswordField
              label={t('auth.newPassword')}
              description={t('auth.newPasswordHint', { min: PASSWORD_MIN_LENGTH })}
              autoComplete="new-password"
              {...field('newPassword')}
            />
            <PasswordField
              label={t('auth.confirmPassword')}
              autoComplete="new-password"
              {...field('confirmPassword')}
            />
            <Group justify="flex-end" mt="xs">
              {!me.user.mustChangePassword && (
                <Button variant="default" onClick={() => void navigate(-1)}>
                  {t('common.cancel')}
                </Button>
              )}
              <Button type="submit" loading={changePassword.isPending}>
                {t('auth.changePassword')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
