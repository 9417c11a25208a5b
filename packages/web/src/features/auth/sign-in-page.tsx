import { Alert, Box, Button, Center, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconClipboardCheck, IconClockExclamation } from '@tabler/icons-react';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { LanguageSwitch } from '../../app/language-switch';
import { usePublicConfig } from '../../app/public-config';
import { hasSessionExpired, useSession } from '../../app/session';
import { FormProblemAlert } from '../../ui/form-problem';
import { useDocumentTitle } from '../../ui/page-title';
import { PasswordField } from '../../ui/password-field';
import { useFormErrors } from '../../ui/use-form-errors';
import { useSignIn } from './auth.api';
import { DemoAccountsTable } from './demo-accounts-table';

const FIELDS = ['username', 'password'] as const;

export function SignInPage() {
  const { t } = useTranslation();
  const session = useSession();
  const config = usePublicConfig();
  const location = useLocation();
  const navigate = useNavigate();
  const signIn = useSignIn();
  const errors = useFormErrors(FIELDS);
  const submitRef = useRef<HTMLButtonElement>(null);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  useDocumentTitle(t('auth.signInTitle'));

  const from = (location.state as { from?: string } | null)?.from ?? '/';
  if (session.data) return <Navigate to={from} replace />;

  function submit(event: FormEvent) {
    event.preventDefault();
    const missing = {
      ...(username.trim() ? {} : { username: t('common.required') }),
      ...(password ? {} : { password: t('common.required') }),
    };
    if (errors.showFieldErrors(missing)) return;
    signIn.mutate(
      { username: username.trim(), password },
      { onSuccess: () => void navigate(from, { replace: true }), onError: errors.showApiError },
    );
  }

  function fillDemoAccount(demoUsername: string) {
    setUsername(demoUsername);
    setPassword(config.data?.demoPassword ?? '');
    errors.reset();
    submitRef.current?.focus();
  }

  return (
    <Box component="main" mih="100vh" bg="var(--mantine-color-gray-0)" py="xl" px="md">
      <Group justify="flex-end" maw={720} mx="auto" mb="md">
        <LanguageSwitch />
      </Group>
      <Center>
        <Stack w="100%" maw={720} gap="lg">
          <Paper withBorder shadow="sm" p="xl" maw={420} w="100%" mx="auto">
            <Group gap="xs" mb={4} wrap="nowrap">
              <IconClipboardCheck size={32} color="var(--mantine-primary-color-filled)" aria-hidden />
              <Text fw={700} size="xl">
                {t('app.productName')}
              </Text>
            </Group>
            <Text size="sm" c="dimmed">
              {t('app.tagline')}
            </Text>
            {config.data && (
              <Text size="sm" fw={500} mt={4}>
                {config.data.provinceName}
              </Text>
            )}
            <Title order={1} size="h3" mt="lg" mb="md">
              {t('auth.signInTitle')}
            </Title>
            {hasSessionExpired() && !errors.problem && (
              <Alert color="yellow" icon={<IconClockExclamation aria-hidden />} mb="md" role="status">
                {t('auth.sessionExpired')}
              </Alert>
            )}
            <form ref={errors.formRef} onSubmit={submit} noValidate data-testid="login-form">
              <Stack gap="sm">
                <FormProblemAlert problem={errors.problem} />
                <TextInput
                  label={t('auth.username')}
                  name="username"
                  autoComplete="username"
                  autoCapitalize="none"
                  spellCheck={false}
                  required
                  autoFocus
                  value={username}
                  onChange={(event) => setUsername(event.currentTarget.value)}
                  error={errors.fieldErrors.username}
                />
                <PasswordField
                  label={t('auth.password')}
                  name="password"
                  autoComplete="current-password"
                  required
                  value={password}
                  onChange={(event) => setPassword(event.currentTarget.value)}
                  error={errors.fieldErrors.password}
                />
                <Button ref={submitRef} type="submit" loading={signIn.isPending} fullWidth mt="xs">
                  {t('auth.signIn')}
                </Button>
              </Stack>
            </form>
          </Paper>
          {config.data && config.data.demoAccounts.length > 0 && (
            <DemoAccountsTable
              accounts={config.data.demoAccounts}
              demoPassword={config.data.demoPassword}
              onPick={fillDemoAccount}
            />
          )}
        </Stack>
      </Center>
    </Box>
  );
}
