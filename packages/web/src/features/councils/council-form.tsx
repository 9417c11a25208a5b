import { ActionIcon, Alert, Button, Group, NumberInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import type { CouncilBody, UserBrief } from '@nghiemthu/shared';
import { IconAlertTriangle, IconPlus, IconTrash } from '@tabler/icons-react';
import type { UseMutationResult } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../ui/date-field';
import { errorMessage } from '../../ui/error-message';
import { FormActions } from '../../ui/form-actions';
import { todayIsoDate } from '../../ui/format';
import { notifySuccess } from '../../ui/notify';
import { detailsOf, messagesByPath } from '../dossiers/dossier-detail-format';
import { PeopleUnavailableAlert } from '../dossiers/dossier-detail-people';
import type { PeopleChoice } from './people-choice';

type Role = CouncilBody['members'][number]['role'];
type MemberRow = { key: number; userId: string | null; role: Role };

/** What the form starts from: the council's decision in force, if any. */
export type CouncilDecision = { decisionNumber: string; decisionDate: string; quorum: number; members: { user: UserBrief; role: Role }[] };

type CouncilFormProps = {
  existing: CouncilDecision | null;
  choice: PeopleChoice;
  setup: UseMutationResult<unknown, Error, CouncilBody>;
  /** What this decision covers (one dossier, or every dossier of an order). */
  intro: string;
  onClose: () => void;
};

const ROLES: readonly Role[] = ['chair', 'secretary', 'member'];

/** A council set up by decision: number and date, quorum, and members with one chair; people of the provider are flagged. */
export function CouncilForm({ existing, choice, setup, intro, onClose }: CouncilFormProps) {
  const { t } = useTranslation();
  const nextKey = useRef(10);
  const formRef = useRef<HTMLFormElement>(null);
  const [decisionNumber, setDecisionNumber] = useState(existing?.decisionNumber ?? '');
  const [decisionDate, setDecisionDate] = useState<string | null>(existing?.decisionDate ?? todayIsoDate());
  const [quorum, setQuorum] = useState<number | string>(existing?.quorum ?? 2);
  const [members, setMembers] = useState<MemberRow[]>(() =>
    existing
      ? existing.members.map((member, index) => ({ key: index, userId: member.user.id, role: member.role }))
      : [{ key: 0, userId: null, role: 'chair' }, { key: 1, userId: null, role: 'secretary' }, { key: 2, userId: null, role: 'member' }],
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (attempt > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt]);

  function clear(path: string) {
    setErrors(({ [path]: _removed, ...rest }) => rest);
  }

  function setMember(index: number, change: Partial<MemberRow>) {
    setMembers((current) => current.map((row, i) => (i === index ? { ...row, ...change } : row)));
    clear(`members.${index}.userId`);
    clear('members');
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!decisionNumber.trim()) found.decisionNumber = t('common.required');
    if (!decisionDate) found.decisionDate = t('common.required');
    if (typeof quorum !== 'number' || quorum < 1) found.quorum = t('dossier.councilForm.quorumForm');
    members.forEach((row, index) => {
      if (!row.userId) found[`members.${index}.userId`] = t('dossier.councilForm.chooseMember');
    });
    if (members.filter((row) => row.role === 'chair').length !== 1) found.members = t('dossier.councilForm.oneChair');
    setErrors(found);
    setProblem(null);
    if (Object.keys(found).length > 0 || !decisionDate || typeof quorum !== 'number') {
      setAttempt((n) => n + 1);
      return;
    }
    setup.mutate({
      decisionNumber: decisionNumber.trim(),
      decisionDate,
      quorum,
      members: members.map((row) => ({ userId: row.userId ?? '', role: row.role })),
    }, {
      onSuccess: () => {
        notifySuccess(t('dossier.councilForm.done', { number: decisionNumber.trim() }));
        onClose();
      },
      onError: (error) => {
        setErrors(messagesByPath(detailsOf(error)));
        setProblem(errorMessage(error));
        setAttempt((n) => n + 1);
      },
    });
  }

  const options = choice.people.map((person) => ({
    value: person.id,
    label: `${person.fullName} (${person.agencyShortName ?? person.username})${person.isProviderSide ? ` – ${t('dossier.people.providerSide')}` : ''}`,
  }));

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">{intro}</Text>
        {choice.isUnavailable && <PeopleUnavailableAlert />}
        {problem && <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert">{problem}</Alert>}
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput
            label={t('dossier.councilForm.decisionNumber')}
            placeholder={t('dossier.councilForm.decisionNumberPlaceholder')}
            required
            data-autofocus
            value={decisionNumber}
            onChange={(event) => {
              setDecisionNumber(event.currentTarget.value);
              clear('decisionNumber');
            }}
            error={errors.decisionNumber}
          />
          <DateField
            label={t('dossier.councilForm.decisionDate')}
            required
            value={decisionDate}
            onChange={(value) => {
              setDecisionDate(value);
              clear('decisionDate');
            }}
            error={errors.decisionDate}
          />
          <NumberInput
            label={t('dossier.council.quorum')}
            description={t('dossier.councilForm.quorumHint')}
            required
            min={1}
            max={50}
            allowDecimal={false}
            allowNegative={false}
            value={quorum}
            onChange={(value) => {
              setQuorum(value);
              clear('quorum');
            }}
            error={errors.quorum}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
          />
        </SimpleGrid>
        <Text size="sm" fw={600} mt="xs">{t('dossier.council.members')}</Text>
        {errors.members && <Text size="sm" c="red.8" role="alert">{errors.members}</Text>}
        {members.map((row, index) => (
          <Group key={row.key} gap="xs" align="flex-start" wrap="nowrap" data-testid={`council-form-member-${index + 1}`}>
            <Select
              label={t('dossier.councilForm.memberNumber', { number: index + 1 })}
              placeholder={choice.isPending ? t('common.loading') : t('dossier.people.placeholder')}
              required
              searchable
              nothingFoundMessage={t('dossier.people.nothingFound')}
              data={options.filter((option) => option.value === row.userId || !members.some((other) => other.userId === option.value))}
              value={row.userId}
              onChange={(value) => setMember(index, { userId: value })}
              error={errors[`members.${index}.userId`]}
              style={{ flex: 1, minWidth: 0 }}
              comboboxProps={{ withinPortal: true }}
            />
            <Select
              label={t('dossier.council.role')}
              allowDeselect={false}
              data={ROLES.map((role) => ({ value: role, label: t(`dossier.council.roles.${role}`) }))}
              value={row.role}
              onChange={(value) => value && setMember(index, { role: value as Role })}
              w={{ base: 130, sm: 190 }}
              comboboxProps={{ withinPortal: true }}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              mt={28}
              disabled={members.length <= 1}
              onClick={() => setMembers((current) => current.filter((_, i) => i !== index))}
              aria-label={t('dossier.councilForm.removeMember', { number: index + 1 })}
            >
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button
            variant="light"
            size="xs"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => setMembers((current) => [...current, { key: nextKey.current++, userId: null, role: 'member' }])}
          >
            {t('dossier.councilForm.addMember')}
          </Button>
        </Group>
        <FormActions onCancel={onClose} submitLabel={t('dossier.councilForm.submit')} isPending={setup.isPending} />
      </Stack>
    </form>
  );
}
