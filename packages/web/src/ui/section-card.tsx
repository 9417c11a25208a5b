import { DataList, Group, Paper, Title } from '@mantine/core';
import { useId, type ReactNode } from 'react';

/**
 * A titled block of a record page or a long form, with an optional action at the right of its
 * title; named by its title, so assistive technology lists it as a region.
 */
export function SectionCard({ title, action, testId, children }: { title: string; action?: ReactNode; testId?: string; children: ReactNode }) {
  const titleId = useId();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId} data-testid={testId}>
      <Group justify="space-between" align="center" mb="sm" gap="xs">
        <Title order={2} size="h4" id={titleId}>
          {title}
        </Title>
        {action}
      </Group>
      {children}
    </Paper>
  );
}

/** One label and value of a DataList. */
export function DataItem({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>{children}</DataList.ItemValue>
    </DataList.Item>
  );
}
