import { Checkbox, Modal, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { PASSWORD_MIN_LENGTH, ROLES, translate, type Role, type User } from '@nghiemthu/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../app/i18n';
import { useMe } from '../../app/session';
import { FormProblemAlert } from '../../ui/form-problem';
import { notifySuccess } from '../../ui/notify';
import { PasswordField } from '../../ui/password-field';
import { useFormErrors } from '../../ui/use-form-errors';
import { AgencyPicker } from '../agencies/agency-picker';
import { useCreateUser, useUpdateUser } from './users.api';
import { FormActions } from '../../ui/form-actions';

const FIELDS = ['username', 'fullName', 'email', 'agencyId', 'roles', 'password', 'isActive'] as const;
type Field = (typeof FIELDS)[number];

type UserFormModalProps = {
  opened: boolean;
  onClose: () => void;
  /** The user to edit; without it the form creates an account. */
  user?: User;
};

export function UserFormModal({ opened, onClose, user }: UserFormModalProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t(user ? 'users.editTitle' : 'users.createTitle')} size="lg">
      <UserForm user={user} onDone={onClose} />
    </Modal>
  );
}

type Values = {
  username: string;
  fullName: string;
  email: string;
  agencyId: string | null;
  roles: Role[];
  password: string;
  isActive: boolean;
};

function UserForm({ user, onDone }: { user?: User; onDone: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const errors = useFormErrors(FIELDS);
  const create = useCreateUser();
  const update = useUpdateUser(user?.id ?? '');
  const [values, setValues] = useState<Values>({
    username: '',
    fullName: user?.fullName ?? '',
    email: user?.email ?? '',
    agencyId: user?.agency.id ?? me.agency.id,
    roles: user?.roles ?? [],
    password: '',
    isActive: user?.isActive ?? true,
  });

  function set<K extends keyof Values>(name: K, value: Values[K]) {
    setValues((current) => ({ ...current, [name]: value }));
    errors.clearFieldError(name);
  }

  function check(): Partial<Record<Field, string>> {
    const required = t('common.required');
    const problems: Partial<Record<Field, string>> = {};
    if (!user) {
      if (!values.username.trim()) problems.username = required;
      if (!values.agencyId) problems.agencyId = required;
      if (values.password.length < PASSWORD_MIN_LENGTH) {
        problems.password = translate(currentLanguage(), 'passwordTooShort', { min: PASSWORD_MIN_LENGTH });
      }
    }
    if (!values.fullName.trim()) problems.fullName = required;
    if (values.roles.length === 0) problems.roles = t('users.rolesRequired');
    return problems;
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (errors.showFieldErrors(check())) return;
    const common = { fullName: values.fullName.trim(), email: values.email.trim() || null, roles: values.roles };
    if (user) {
      update.mutate(
        { ...common, isActive: values.isActive },
        {
          onSuccess: () => {
            notifySuccess(t('users.saved', { name: common.fullName }));
            onDone();
          },
          onError: errors.showApiError,
        },
      );
    } else {
      create.mutate(
        { ...common, username: values.username.trim(), agencyId: values.agencyId ?? '', password: values.password },
        {
          onSuccess: (created) => {
            notifySuccess(t('users.created', { username: created.username }));
            onDone();
          },
          onError: errors.showApiError,
        },
      );
    }
  }

  return (
    <form ref={errors.formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FormProblemAlert problem={errors.problem} />
        {!user && (
          <TextInput
            label={t('users.username')}
            description={t('users.usernameHint')}
            name="username"
            required
            data-autofocus
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            value={values.username}
            onChange={(event) => set('username', event.currentTarget.value)}
            error={errors.fieldErrors.username}
          />
        )}
        <TextInput
          label={t('users.fullName')}
          name="fullName"
          required
          data-autofocus={user ? true : undefined}
          value={values.fullName}
          onChange={(event) => set('fullName', event.currentTarget.value)}
          error={errors.fieldErrors.fullName}
        />
        <TextInput
          label={t('users.email')}
          name="email"
          type="email"
          autoComplete="off"
          value={values.email}
          onChange={(event) => set('email', event.currentTarget.value)}
          error={errors.fieldErrors.email}
        />
        {!user && (
          <AgencyPicker
            label={t('users.agency')}
            name="agencyId"
            required
            isActiveOnly
            value={values.agencyId}
            onChange={(value) => set('agencyId', value)}
            error={errors.fieldErrors.agencyId}
          />
        )}
        <Checkbox.Group
          label={t('users.roles')}
          required
          value={values.roles}
          onChange={(roles) => set('roles', roles as Role[])}
          error={errors.fieldErrors.roles}
        >
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing={6} mt={6}>
            {ROLES.map((role) => (
              <Checkbox
                key={role}
                value={role}
                label={t(`roles.${role}`)}
                aria-invalid={Boolean(errors.fieldErrors.roles)}
              />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        {!user && (
          <PasswordField
            label={t('users.initialPassword')}
            description={t('users.initialPasswordHint', { min: PASSWORD_MIN_LENGTH })}
            name="password"
            required
            autoComplete="new-password"
            value={values.password}
            onChange={(event) => set('password', event.currentTarget.value)}
            error={errors.fieldErrors.password}
          />
        )}
        {user && (
          <Switch
            label={t('users.isActive')}
            description={t('users.isActiveHint')}
            name="isActive"
            checked={values.isActive}
            onChange={(event) => set('isActive', event.currentTarget.checked)}
            error={errors.fieldErrors.isActive}
          />
        )}
        <FormActions onCancel={onDone} submitLabel={t(user ? 'common.save' : 'users.create')} isPending={create.isPending || update.isPending} />
      </Stack>
    </form>
  );
}
