import { Button, Group, type MantineColor } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The footer of every modal form: Cancel on the left of the one submit button. */
export function FormActions(props: { onCancel: () => void; submitLabel: string; isPending: boolean; color?: MantineColor }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" mt="sm">
      <Button variant="default" onClick={props.onCancel}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" color={props.color} loading={props.isPending}>
        {props.submitLabel}
      </Button>
    </Group>
  );
}
