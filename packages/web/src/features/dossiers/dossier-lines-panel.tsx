import { Badge, Group, Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { formatVnd, type DossierDetail, type DossierKpi } from '@nghiemthu/shared';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DossierAppraisalPanel } from './dossier-appraisal-panel';
import { DetailBlock, WrittenText } from './dossier-detail-block';
import { decimalText } from './dossier-detail-format';

const right = { textAlign: 'right', whiteSpace: 'nowrap' } as const;

/** Planned, delivered and accepted quantities and values per line; KPI results and deductions; the appraisal. */
export function DossierLinesPanel({ dossier }: { dossier: DossierDetail }) {
  const { t } = useTranslation();
  const canAppraise = dossier.allowedActions.includes('appraise');
  return (
    <Stack gap="md">
      {canAppraise && <DossierAppraisalPanel dossier={dossier} />}
      <DetailBlock title={t('dossier.lines.title')} testId="dossier-lines">
        <LinesTable dossier={dossier} />
      </DetailBlock>
      <DetailBlock title={t('dossier.kpis.title')} testId="dossier-kpis">
        <KpiTables dossier={dossier} />
      </DetailBlock>
      {!canAppraise && dossier.appraisalRemarks !== null && (
        <DetailBlock title={t('dossier.appraisal.remarks')} testId="dossier-appraisal-remarks">
          <WrittenText text={dossier.appraisalRemarks} empty="—" />
        </DetailBlock>
      )}
    </Stack>
  );
}

/** A label over its value, for the phone layout where a table would scroll sideways. */
function Figure({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div data-testid={testId}>
      <Text size="xs" c="dimmed">{label}</Text>
      <Text size="sm">{children}</Text>
    </div>
  );
}

function LineCards({ dossier }: { dossier: DossierDetail }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      {dossier.lines.map((line) => (
        <Paper key={line.lineNo} withBorder p="sm" data-testid={`dossier-line-${line.lineNo}`}>
          <Text size="sm" fw={600}>{line.lineNo}. {line.serviceName}</Text>
          <Text size="xs" c="dimmed" mb="xs">
            <span className="mono">{line.serviceCode}</span> · {t('dossier.lines.unitPrice', { price: formatVnd(line.unitPrice), unit: line.unit })}
          </Text>
          <SimpleGrid cols={2} spacing="xs" verticalSpacing="xs">
            <Figure label={t('dossier.lines.planned')}>{decimalText(line.plannedQuantity)} {line.unit} · {formatVnd(line.plannedValue)}</Figure>
            <Figure label={t('dossier.lines.delivered')} testId="line-delivered">{decimalText(line.deliveredQuantity)}</Figure>
            <Figure label={t('dossier.lines.accepted')} testId="line-accepted">{decimalText(line.acceptedQuantity)}</Figure>
            <Figure label={t('dossier.lines.deduction')} testId="line-deduction">{line.acceptedValue === null ? '—' : formatVnd(line.deduction)}</Figure>
            <Figure label={t('dossier.lines.acceptedValue')} testId="line-accepted-value">
              <Text span fw={600} size="sm">{line.acceptedValue === null ? '—' : formatVnd(line.acceptedValue)}</Text>
            </Figure>
          </SimpleGrid>
          {line.remarks && <Text size="xs" c="dimmed" fs="italic" mt="xs">{line.remarks}</Text>}
        </Paper>
      ))}
    </Stack>
  );
}

function LinesTable({ dossier }: { dossier: DossierDetail }) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 48em)');
  if (dossier.lines.length === 0) return <Text size="sm" c="dimmed">{t('dossier.lines.none')}</Text>;
  if (isPhone) return <LineCards dossier={dossier} />;
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table verticalSpacing="xs" aria-label={t('dossier.lines.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('orders.lineNo')}</Table.Th>
            <Table.Th>{t('orders.form.service')}</Table.Th>
            <Table.Th style={right}>{t('dossier.lines.planned')}</Table.Th>
            <Table.Th style={right}>{t('dossier.lines.delivered')}</Table.Th>
            <Table.Th style={right}>{t('dossier.lines.accepted')}</Table.Th>
            <Table.Th style={right}>{t('dossier.lines.deduction')}</Table.Th>
            <Table.Th style={right}>{t('dossier.lines.acceptedValue')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {dossier.lines.map((line) => (
            <Table.Tr key={line.lineNo} data-testid={`dossier-line-${line.lineNo}`}>
              <Table.Td>{line.lineNo}</Table.Td>
              <Table.Td>
                <Text size="sm" fw={500}>{line.serviceName}</Text>
                <Text size="xs" c="dimmed">
                  <span className="mono">{line.serviceCode}</span> · {t('dossier.lines.unitPrice', { price: formatVnd(line.unitPrice), unit: line.unit })}
                </Text>
                {line.remarks && <Text size="xs" c="dimmed" fs="italic">{line.remarks}</Text>}
              </Table.Td>
              <Table.Td style={right}>
                {decimalText(line.plannedQuantity)} <Text span size="xs" c="dimmed">{line.unit}</Text>
                <Text size="xs" c="dimmed">{formatVnd(line.plannedValue)}</Text>
              </Table.Td>
              <Table.Td style={right} data-testid="line-delivered">{decimalText(line.deliveredQuantity)}</Table.Td>
              <Table.Td style={right} data-testid="line-accepted">{decimalText(line.acceptedQuantity)}</Table.Td>
              <Table.Td style={right} c={line.deduction > 0 ? 'red.8' : undefined} data-testid="line-deduction">
                {line.acceptedValue === null ? '—' : formatVnd(line.deduction)}
              </Table.Td>
              <Table.Td style={right} fw={600} data-testid="line-accepted-value">
                {line.acceptedValue === null ? '—' : formatVnd(line.acceptedValue)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th colSpan={2} style={right}>{t('orders.form.total')}</Table.Th>
            <Table.Th style={right}>{formatVnd(dossier.plannedValue)}</Table.Th>
            <Table.Th />
            <Table.Th />
            <Table.Th style={right}>{dossier.deductionTotal === null ? '—' : formatVnd(dossier.deductionTotal)}</Table.Th>
            <Table.Th style={right} data-testid="lines-accepted-total">{dossier.acceptedValue === null ? '—' : formatVnd(dossier.acceptedValue)}</Table.Th>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}

function VerdictBadge({ verdict }: { verdict: DossierKpi['verdict'] }) {
  const { t } = useTranslation();
  if (verdict === null) return <Text size="xs" c="dimmed">{t('dossier.kpis.notJudged')}</Text>;
  return (
    <Badge color={verdict === 'met' ? 'green' : 'red'} variant="light" tt="none" style={{ whiteSpace: 'nowrap', overflow: 'visible' }}>
      {t(`dossier.kpis.verdicts.${verdict}`)}
    </Badge>
  );
}

function KpiCards({ kpis }: { kpis: DossierKpi[] }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      {kpis.map((kpi) => (
        <Paper key={kpi.code} withBorder p="sm" data-testid={`dossier-kpi-${kpi.lineNo}-${kpi.code}`}>
          <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
            <Text size="sm" fw={500}>{kpi.name}</Text>
            <VerdictBadge verdict={kpi.verdict} />
          </Group>
          <Text size="xs" c="dimmed">
            {t('catalogue.target')}: {t(`catalogue.directions.${kpi.direction}`, { target: decimalText(kpi.target), unit: kpi.unit })}
            {' · '}
            {t('dossier.kpis.actual')}: {kpi.actual === null ? '—' : `${decimalText(kpi.actual)} ${kpi.unit}`}
          </Text>
          {(kpi.deduction ?? 0) > 0 && (
            <Text size="sm" c="red.8">{t('dossier.lines.deduction')}: {formatVnd(kpi.deduction ?? 0)}</Text>
          )}
          {kpi.explanation && <Text size="xs" mt={4}>{kpi.explanation}</Text>}
        </Paper>
      ))}
    </Stack>
  );
}

function KpiTables({ dossier }: { dossier: DossierDetail }) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 48em)');
  if (dossier.kpis.length === 0) return <Text size="sm" c="dimmed">{t('dossier.kpis.none')}</Text>;
  return (
    <Stack gap="md">
      {dossier.lines.filter((line) => dossier.kpis.some((kpi) => kpi.lineNo === line.lineNo)).map((line) => (
        <Stack key={line.lineNo} gap={4}>
          <Text size="sm" fw={600}>{t('dossier.kpis.forLine', { line: line.lineNo, service: line.serviceName })}</Text>
          {isPhone ? <KpiCards kpis={dossier.kpis.filter((kpi) => kpi.lineNo === line.lineNo)} /> : (
            <Table.ScrollContainer minWidth={760}>
              {/* Fixed widths, so the tables of successive lines line up. */}
              <Table verticalSpacing={6} fz="sm" layout="fixed" aria-label={t('dossier.kpis.forLine', { line: line.lineNo, service: line.serviceName })}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w="25%">{t('catalogue.kpi')}</Table.Th>
                    <Table.Th w="12%" style={{ whiteSpace: 'nowrap' }}>{t('catalogue.target')}</Table.Th>
                    <Table.Th w="10%" style={right}>{t('dossier.kpis.actual')}</Table.Th>
                    <Table.Th w="12%">{t('dossier.kpis.verdict')}</Table.Th>
                    <Table.Th w="13%" style={right}>{t('dossier.lines.deduction')}</Table.Th>
                    <Table.Th w="28%">{t('dossier.kpis.explanation')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {dossier.kpis.filter((kpi) => kpi.lineNo === line.lineNo).map((kpi) => (
                    <Table.Tr key={kpi.code} data-testid={`dossier-kpi-${kpi.lineNo}-${kpi.code}`}>
                      <Table.Td>
                        {kpi.name}
                        <Text size="xs" c="dimmed" className="mono">{kpi.code}</Text>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {t(`catalogue.directions.${kpi.direction}`, { target: decimalText(kpi.target), unit: kpi.unit })}
                      </Table.Td>
                      <Table.Td style={right}>{kpi.actual === null ? '—' : `${decimalText(kpi.actual)} ${kpi.unit}`}</Table.Td>
                      <Table.Td><VerdictBadge verdict={kpi.verdict} /></Table.Td>
                      <Table.Td style={right} c={(kpi.deduction ?? 0) > 0 ? 'red.8' : undefined}>
                        {kpi.deduction === null ? '—' : formatVnd(kpi.deduction)}
                      </Table.Td>
                      <Table.Td maw={360}>
                        <Text size="xs">{kpi.explanation ?? '—'}</Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      ))}
    </Stack>
  );
}
