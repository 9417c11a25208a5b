import { Anchor, Paper, Table, Text, Title } from '@mantine/core';
import type { DemoAccount } from '@nghiemthu/shared';
import { useTranslation } from 'react-i18next';

type DemoAccountsTableProps = {
  accounts: DemoAccount[];
  demoPassword: string | null;
  onPick: (username: string) => void;
};

/** Only on demonstration servers: the accounts to try, one click fills the sign-in form. */
export function DemoAccountsTable({ accounts, demoPassword, onPick }: DemoAccountsTableProps) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="demo-accounts-title">
      <Title order={2} size="h4" id="demo-accounts-title">
        {t('auth.demoTitle')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {demoPassword ? t('auth.demoHintWithPassword', { password: demoPassword }) : t('auth.demoHint')}
      </Text>
      <Table.ScrollContainer minWidth={480}>
        <Table highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('auth.username')}</Table.Th>
              <Table.Th>{t('users.roles')}</Table.Th>
              <Table.Th>{t('users.fullName')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {accounts.map((account) => (
              <Table.Tr key={account.username} onClick={() => onPick(account.username)} style={{ cursor: 'pointer' }}>
                <Table.Td>
                  <Anchor
                    component="button"
                    type="button"
                    className="mono"
                    onClick={(event) => {
                      event.stopPropagation();
                      onPick(account.username);
                    }}
                    aria-label={t('auth.demoUse', { username: account.username })}
                  >
                    {account.username}
                  </Anchor>
                </Table.Td>
                <Table.Td>{t(`roles.${account.role}`)}</Table.Td>
                <Table.Td>{account.fullName}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
