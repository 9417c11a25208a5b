import { Badge, Button, DataList, Group, Paper, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { formatDate, formatDateTime, type DossierDetail } from '@nghiemthu/shared';
import { IconUsersGroup } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/session';
import { DataItem } from '../../ui/section-card';
import { DossierConflictPanel } from './dossier-conflict-panel';
import { DossierCouncilModal } from './dossier-council-modal';
import { DetailBlock, WrittenText } from './dossier-detail-block';
import { DossierVotePanel } from './dossier-vote-panel';

type Council = NonNullable<DossierDetail['council']>;
type Member = Council['members'][number];
type Vote = Member['votes'][number];

const VOTE_COLORS = { agree: 'green', disagree: 'red', abstain: 'gray' } as const;

/** The acceptance council: its decision, quorum, members, declarations and votes; and the current member's own forms. */
export function DossierCouncilPanel({ dossier }: { dossier: DossierDetail }) {
  const { t } = useTranslation();
  const me = useMe();
  const [isSettingUp, setSettingUp] = useState(false);
  // On phones each member is a card with their votes; wide tables would scroll sideways.
  const isPhone = useMediaQuery('(max-width: 48em)');
  const council = dossier.council;
  const canSetUp = dossier.allowedActions.includes('setupCouncil');
  const mine = council?.members.find((member) => member.user.id === me.user.id);
  const setupButton = canSetUp && (
    <Button variant={council ? 'default' : 'filled'} size={council ? 'xs' : 'sm'} leftSection={<IconUsersGroup size={16} aria-hidden />} onClick={() => setSettingUp(true)}>
      {council ? t('dossier.council.change') : t('dossier.council.setUp')}
    </Button>
  );

  return (
    <Stack gap="md">
      {mine && dossier.allowedActions.includes('declareConflict') && <DossierConflictPanel dossier={dossier} member={mine} />}
      {mine && dossier.allowedActions.includes('vote') && mine.hasConflict === false && <DossierVotePanel dossier={dossier} member={mine} />}
      <DetailBlock title={t('dossier.council.title')} action={council ? setupButton : undefined} testId="dossier-council">
        {!council ? (
          <Stack gap="sm" align="flex-start">
            <Text size="sm" c="dimmed">{t('dossier.council.none')}</Text>
            {setupButton}
          </Stack>
        ) : (
          <Stack gap="md">
            <DataList labelWidth="190px" orientation={isPhone ? 'vertical' : 'horizontal'}>
              <DataItem label={t('dossier.council.decision')}>
                {t('dossier.council.decisionText', { number: council.decisionNumber, date: formatDate(council.decisionDate) })}
                {council.fromOrderCouncil && (
                  <Badge ml="xs" variant="light" color="blue" tt="none" data-testid="council-from-order">{t('dossier.council.fromOrder')}</Badge>
                )}
              </DataItem>
              <DataItem label={t('dossier.council.quorum')}>{council.quorum}</DataItem>
              <DataItem label={t('dossier.council.votesCounted')}>
                <Badge color={council.votesCounted >= council.quorum ? 'green' : 'gray'} variant="light" tt="none" data-testid="council-votes-counted">
                  {t('dossier.council.votesCountedText', { counted: council.votesCounted, quorum: council.quorum })}
                </Badge>
              </DataItem>
            </DataList>
            {isPhone ? (
              <MemberCards dossier={dossier} council={council} />
            ) : (
              <>
                <MembersTable council={council} />
                <VotesTable dossier={dossier} council={council} />
              </>
            )}
          </Stack>
        )}
      </DetailBlock>
      {dossier.councilSummary && (
        <DetailBlock title={t('dossier.council.summary')} testId="dossier-council-summary">
          <WrittenText text={dossier.councilSummary} empty="—" />
        </DetailBlock>
      )}
      {canSetUp && <DossierCouncilModal dossier={dossier} opened={isSettingUp} onClose={() => setSettingUp(false)} />}
    </Stack>
  );
}

function ConflictText({ member }: { member: Member }) {
  const { t } = useTranslation();
  if (member.hasConflict === null) return <Text size="sm" c="dimmed">{t('dossier.council.notDeclared')}</Text>;
  if (!member.hasConflict) return <Text size="sm">{t('dossier.council.noConflict')}</Text>;
  return (
    <Stack gap={2}>
      <Badge color="orange" variant="light" tt="none">{t('dossier.council.hasConflict')}</Badge>
      {member.conflictNote && <Text size="xs">{member.conflictNote}</Text>}
    </Stack>
  );
}

/** Phones: one card per member with role, declaration, time of vote and the vote on each line. */
function MemberCards({ dossier, council }: { dossier: DossierDetail; council: Council }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" data-testid="council-members">
      {council.members.map((member) => (
        <Paper key={member.user.id} withBorder p="sm" data-testid={`council-member-${member.user.username}`}>
          <Group justify="space-between" gap="xs" align="flex-start">
            <Text size="sm" fw={600}>{member.user.fullName}</Text>
            <Badge variant="light" color="gray" tt="none">{t(`dossier.council.roles.${member.role}`)}</Badge>
          </Group>
          <ConflictText member={member} />
          <Text size="xs" c="dimmed">
            {t('dossier.council.votedAt')}: {member.votedAt ? formatDateTime(member.votedAt) : '—'}
          </Text>
          {member.votes.length > 0 && (
            <Stack gap={6} mt="xs">
              {dossier.lines.map((line) => {
                const vote = member.votes.find((v) => v.lineNo === line.lineNo);
                return (
                  <Group key={line.lineNo} gap="xs" align="flex-start" wrap="nowrap" data-dissent={vote?.vote === 'disagree' || undefined}>
                    <Text size="xs" c="dimmed" w={52} style={{ flexShrink: 0 }}>{t('dossier.council.lineText', { line: line.lineNo })}</Text>
                    <VoteCell vote={vote} />
                  </Group>
                );
              })}
            </Stack>
          )}
        </Paper>
      ))}
    </Stack>
  );
}

function MembersTable({ council }: { council: Council }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing={6} fz="sm" aria-label={t('dossier.council.members')} data-testid="council-members">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('dossier.council.member')}</Table.Th>
            <Table.Th>{t('dossier.council.role')}</Table.Th>
            <Table.Th>{t('dossier.council.conflict')}</Table.Th>
            <Table.Th>{t('dossier.council.votedAt')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {council.members.map((member) => (
            <Table.Tr key={member.user.id} data-testid={`council-member-${member.user.username}`}>
              <Table.Td>
                {member.user.fullName}
                <Text size="xs" c="dimmed" className="mono">{member.user.username}</Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{t(`dossier.council.roles.${member.role}`)}</Table.Td>
              <Table.Td>
                <ConflictText member={member} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{member.votedAt ? formatDateTime(member.votedAt) : '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function VoteCell({ vote }: { vote: Vote | undefined }) {
  const { t } = useTranslation();
  if (!vote) return <Text size="sm" c="dimmed">—</Text>;
  const badge = (
    <Badge color={VOTE_COLORS[vote.vote]} variant={vote.vote === 'disagree' ? 'filled' : 'light'} tt="none" style={{ whiteSpace: 'nowrap', overflow: 'visible' }}>
      {t(`dossier.council.votes.${vote.vote}`)}
      {vote.score !== null && ` · ${vote.score}`}
    </Badge>
  );
  return (
    <Stack gap={2}>
      <Group gap={4}>{vote.score !== null ? <Tooltip label={t('dossier.council.score')}>{badge}</Tooltip> : badge}</Group>
      {vote.comment && <Text size="xs" style={{ overflowWrap: 'anywhere' }}>{vote.comment}</Text>}
    </Stack>
  );
}

/** Each line against each member: a "disagree" (dissent) stands out, as the minutes must record it. */
function VotesTable({ dossier, council }: { dossier: DossierDetail; council: Council }) {
  const { t } = useTranslation();
  const hasVotes = council.members.some((member) => member.votes.length > 0);
  if (!hasVotes) return <Text size="sm" c="dimmed">{t('dossier.council.noVotes')}</Text>;
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>{t('dossier.council.votesTitle')}</Text>
      <Table.ScrollContainer minWidth={200 + council.members.length * 180}>
        <Table verticalSpacing={6} fz="sm" withColumnBorders aria-label={t('dossier.council.votesTitle')} data-testid="council-votes">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('dossier.council.line')}</Table.Th>
              {council.members.map((member) => (
                <Table.Th key={member.user.id}>{member.user.fullName}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {dossier.lines.map((line) => (
              <Table.Tr key={line.lineNo}>
                <Table.Td>
                  <Text size="sm">{t('dossier.council.lineText', { line: line.lineNo })}</Text>
                  <Text size="xs" c="dimmed">{line.serviceName}</Text>
                </Table.Td>
                {council.members.map((member) => {
                  const vote = member.votes.find((v) => v.lineNo === line.lineNo);
                  return (
                    <Table.Td key={member.user.id} bg={vote?.vote === 'disagree' ? 'red.0' : undefined} data-dissent={vote?.vote === 'disagree' || undefined}>
                      <VoteCell vote={vote} />
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
