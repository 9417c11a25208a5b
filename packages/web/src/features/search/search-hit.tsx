import { Anchor, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { formatDate, type SearchHit } from '@nghiemthu/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** One document found: where it is kept, what it is, and the words found in context. */
export function SearchHitCard({ hit }: { hit: SearchHit }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" data-testid="search-hit">
      <Stack gap={4}>
        <Group gap="xs" wrap="wrap">
          <Anchor component={Link} to={`/records/${hit.recordId}`} fw={600}>{hit.summary}</Anchor>
          <Badge variant="light" color="gray" tt="none">{t(`records.types.${hit.typeCode}`)}</Badge>
          {hit.textSource === 'ocr' && <Badge variant="light" color="violet" tt="none">{t('search.fromOcr')}</Badge>}
        </Group>
        <Text size="xs" c="dimmed">
          <span className="mono">{hit.fileName}</span> · {hit.issuerName} · {formatDate(hit.issueDate)} · {hit.recordTitle}
        </Text>
        <Text size="sm" data-testid="search-snippet">
          {hit.snippet.map((piece, index) => (piece.isMatch ? <mark key={index}>{piece.text}</mark> : <span key={index}>{piece.text}</span>))}
        </Text>
      </Stack>
    </Paper>
  );
}
