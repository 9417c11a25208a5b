import { Alert, List } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { FormProblem } from './use-form-errors';

/** The message for a whole form, with any details that belong to no single field. */
export function FormProblemAlert({ problem }: { problem: FormProblem | null }) {
  if (!problem) return null;
  return (
    <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert">
      {problem.message}
      {problem.details.length > 0 && (
        <List size="sm" mt="xs">
          {problem.details.map((detail) => (
            <List.Item key={`${detail.path}:${detail.message}`}>
              {detail.path ? `${detail.path}: ${detail.message}` : detail.message}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
