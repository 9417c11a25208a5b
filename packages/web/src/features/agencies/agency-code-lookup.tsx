import { Alert, Anchor, Button, Group, Paper, Text, TextInput } from '@mantine/core';
import { normalizeAgencyCode, type AgencyCodeLookup, type AgencyRef } from '@nghiemthu/shared';
import { IconArrowRight, IconSearch } from '@tabler/icons-react';
import { Fragment, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../ui/error-message';
import { useAgencyCodeLookup } from './agencies.api';
import { agencyCodeProblem } from './agency-code-check';

/** "Find by code": also answers for old codes, naming the agency that holds them today. */
export function AgencyCodeLookupBox() {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [code, setCode] = useState<string | null>(null);
  const lookup = useAgencyCodeLookup(code);

  function submit(event: FormEvent) {
    event.preventDefault();
    const codeProblem = agencyCodeProblem(typed);
    setProblem(codeProblem);
    setCode(codeProblem ? null : normalizeAgencyCode(typed));
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="code-lookup-title">
      <Text id="code-lookup-title" fw={600} mb={4}>
        {t('agencies.lookupTitle')}
      </Text>
      <form onSubmit={submit} noValidate role="search" aria-labelledby="code-lookup-title">
        <TextInput
          label={t('agencies.lookupLabel')}
          description={t('agencies.lookupHint')}
          classNames={{ input: 'mono' }}
          spellCheck={false}
          value={typed}
          onChange={(event) => setTyped(event.currentTarget.value)}
          error={problem}
          maw={560}
          inputContainer={(input) => (
            <Group gap="xs" wrap="nowrap" align="flex-start">
              <div style={{ flex: 1 }}>{input}</div>
              <Button type="submit" leftSection={<IconSearch size={16} aria-hidden />} loading={lookup.isFetching}>
                {t('agencies.lookupButton')}
              </Button>
            </Group>
          )}
        />
      </form>
      <div aria-live="polite">
        {lookup.isError && (
          <Alert color="yellow" mt="sm">
            {errorMessage(lookup.error)}
          </Alert>
        )}
        {lookup.data && <LookupAnswer answer={lookup.data} />}
      </div>
    </Paper>
  );
}

function AgencyLink({ agency }: { agency: AgencyRef }) {
  return (
    <Anchor component={Link} to={`/agencies/${agency.id}`}>
      {agency.name} (<span className="mono">{agency.code}</span>)
    </Anchor>
  );
}

function LookupAnswer({ answer }: { answer: AgencyCodeLookup }) {
  const { t } = useTranslation();
  const isHeldToday = answer.heldBy.id === answer.current.id;
  return (
    <Alert color={isHeldToday ? 'blue' : 'grape'} mt="sm">
      <Text size="sm">
        {t('agencies.lookupHeldBy', { code: answer.code })} <AgencyLink agency={answer.heldBy} />
        {answer.heldBy.code !== answer.code && ` – ${t('agencies.lookupOldCode')}`}
      </Text>
      {!isHeldToday && (
        <>
          <Text size="sm" mt={4}>
            {t('agencies.lookupCurrent')} <AgencyLink agency={answer.current} />
          </Text>
          {answer.path.length > 1 && (
            <Group gap={4} mt={4} aria-label={t('agencies.lookupPath')}>
              {answer.path.map((step, index) => (
                <Fragment key={step.id}>
                  {index > 0 && <IconArrowRight size={14} aria-hidden />}
                  <Text size="xs" c="dimmed">
                    {step.shortName} (<span className="mono">{step.code}</span>)
                  </Text>
                </Fragment>
              ))}
            </Group>
          )}
        </>
      )}
    </Alert>
  );
}
