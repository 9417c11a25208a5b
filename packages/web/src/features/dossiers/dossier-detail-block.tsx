import { Group, Paper, Text, Title } from '@mantine/core';
import { useId, type ReactNode } from 'react';

/**
 * One titled block inside a section of the dossier page (h3: the page title is h1, sections are
 * tabs on desktop and h2 on phones), with an optional action at the right of its title.
 */
export function DetailBlock({ title, action, testId, children }: { title: string; action?: ReactNode; testId?: string; children: ReactNode }) {
  const titleId = useId();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId} data-testid={testId}>
      <Group justify="space-between" align="center" mb="sm" gap="xs">
        <Title order={3} size="h4" id={titleId}>
          {title}
        </Title>
        {action}
      </Group>
      {children}
    </Paper>
  );
}

/** Text people wrote (a report, remarks, a reason), with its line breaks; a dimmed word when empty. */
export function WrittenText({ text, empty }: { text: string | null | undefined; empty: string }) {
  if (!text?.trim()) return <Text size="sm" c="dimmed">{empty}</Text>;
  return (
    <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
      {text}
    </Text>
  );
}
