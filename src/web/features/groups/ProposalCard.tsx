import { useState } from 'react';
import { Badge, Button, Card, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useDecideProposal } from './api.ts';
import { useNames } from '../../app/reference.ts';
import { useResetOnOpen } from '../../app/form.ts';
import { FormError } from '../../app/FormError.tsx';
import { formatDate, localTitle } from '../../app/format.ts';
import type { Proposal } from '../../../core/api/proposals.ts';

const STATUS_COLOR: Record<string, string> = { open: 'blue', applied: 'green', declined: 'red', withdrawn: 'gray' };

/** What a proposal would change, in a sentence of the reader's language. */
export function ProposalSummary({ p }: { p: Proposal }) {
  const { t } = useTranslation();
  const names = useNames();
  const group = localTitle(p.wgName, p.wgNameKo);
  if (p.kind === 'found') return <>{t('groupAdmin.proposal.found', { group })}</>;
  if (p.kind === 'parties') {
    const added = p.parties.after.filter((x) => !p.parties.before.includes(x)).map((x) => names.party(x));
    const removed = p.parties.before.filter((x) => !p.parties.after.includes(x)).map((x) => names.party(x));
    return (
      <>
        {added.length ? t('groupAdmin.proposal.addParties', { parties: added.join(', '), group }) : null}
        {added.length && removed.length ? ' ' : null}
        {removed.length ? t('groupAdmin.proposal.removeParties', { parties: removed.join(', '), group }) : null}
      </>
    );
  }
  const m = p.member!;
  return <>{t('groupAdmin.proposal.member', { org: localTitle(m.name, m.nameKo), participation: t(`groupAdmin.participation.${m.participation}`), group })}</>;
}

/**
 * One proposal: what it changes, each party's approval, and the approve, decline (with a reason)
 * and withdraw buttons its abilities allow.
 */
export function ProposalCard({ p, showGroupLink = false }: { p: Proposal; showGroupLink?: boolean }) {
  const { t, i18n } = useTranslation();
  const decide = useDecideProposal();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  useResetOnOpen(declining, () => {
    setReason('');
    setReasonError(undefined);
    decide.reset();
  });
  const ko = i18n.language === 'ko';
  const run = (decision: 'approve' | 'decline' | 'withdraw') =>
    decide.mutate({ id: p.id, version: p.version, decision, reason: decision === 'decline' ? reason.trim() : undefined }, { onSuccess: () => setDeclining(false) });
  return (
    <Card withBorder radius="md" padding="md" data-testid={`proposal-${p.id}`}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Text fw={600} size="sm">
            <ProposalSummary p={p} />
          </Text>
          <Badge color={STATUS_COLOR[p.status] ?? 'gray'} variant="light" data-testid="proposal-status">
            {t(`groupAdmin.proposalStatus.${p.status}`)}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed">
          {t('groupAdmin.proposedBy', { name: p.proposedBy.name, date: formatDate(p.createdAt) })}
        </Text>
        {p.member?.note ? <Text size="sm">{p.member.note}</Text> : null}
        <Group gap="xs">
          {p.approvals.map((a) => (
            <Badge key={a.partyId} variant={a.approvedAt ? 'filled' : 'outline'} color={a.approvedAt ? 'teal.9' : 'gray'}>
              {`${ko && a.nameKo ? a.nameKo : a.name}: ${a.approvedAt ? t('groupAdmin.approvedOn', { date: formatDate(a.approvedAt) }) : a.invited ? t('groupAdmin.invited') : t('groupAdmin.waiting')}`}
            </Badge>
          ))}
        </Group>
        {p.reason ? (
          <Text size="sm" c="red.8">
            {t('groupAdmin.declinedBecause', { reason: p.reason })}
          </Text>
        ) : null}
        <FormError error={declining ? undefined : decide.error} />
        <Group gap="xs">
          {showGroupLink && p.wgStatus !== 'declined' ? (
            <Button component={Link} to={`/groups/${p.wgId}/settings`} size="xs" variant="subtle">
              {t('groupAdmin.openGroup')}
            </Button>
          ) : null}
          {p.abilities.approve ? (
            <Button size="xs" color="green" loading={decide.isPending && decide.variables?.decision === 'approve'} onClick={() => run('approve')} data-testid="approve-proposal">
              {p.kind === 'found' ? t('groupAdmin.accept') : t('groupAdmin.approve')}
            </Button>
          ) : null}
          {p.abilities.decline ? (
            <Button size="xs" color="red" variant="light" onClick={() => setDeclining(true)} data-testid="decline-proposal">
              {t('groupAdmin.decline')}
            </Button>
          ) : null}
          {p.abilities.withdraw ? (
            <Button size="xs" variant="default" loading={decide.isPending && decide.variables?.decision === 'withdraw'} onClick={() => run('withdraw')}>
              {t('groupAdmin.withdraw')}
            </Button>
          ) : null}
        </Group>
      </Stack>
      <Modal opened={declining} onClose={() => setDeclining(false)} title={t('groupAdmin.declineTitle')}>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!reason.trim()) {
              setReasonError(t('form.required'));
              return;
            }
            run('decline');
          }}
        >
          <Stack gap="sm">
            <FormError error={decide.error} />
            <Textarea
              label={t('groupAdmin.declineReason')}
              description={t('groupAdmin.declineReasonHelp')}
              required
              autosize
              minRows={3}
              value={reason}
              error={reasonError}
              onChange={(e) => setReason(e.currentTarget.value)}
              data-autofocus
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setDeclining(false)}>
                {t('action.cancel')}
              </Button>
              <Button type="submit" color="red" loading={decide.isPending} data-testid="confirm-decline">
                {t('groupAdmin.decline')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Card>
  );
}
