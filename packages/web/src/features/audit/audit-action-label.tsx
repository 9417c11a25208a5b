import { Text } from '@mantine/core';
import { auditActionLabel } from '@nghiemthu/shared';
import { currentLanguage } from '../../app/i18n';

/** The readable name of an audit action, with its stable code underneath for inspectors and exports. */
export function AuditActionLabel({ action }: { action: string }) {
  const label = auditActionLabel(action, currentLanguage());
  return (
    <>
      <Text size="sm">{label}</Text>
      {label !== action && (
        <Text size="xs" c="dimmed" className="mono">
          {action}
        </Text>
      )}
    </>
  );
}
