import { useState } from 'react';
import { Alert, Badge, Button, Card, Group, Select, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../app/PageHeader.tsx';
import { EmptyState, QueryView } from '../../app/states.tsx';
import { FormDialog } from '../../app/FormDialog.tsx';
import { FormError } from '../../app/FormError.tsx';
import { formatDateTime, localTitle } from '../../app/format.ts';
import { useNames } from '../../app/reference.ts';
import { useGroups } from '../groups/api.ts';
import { useSignInOptions } from '../auth/ProviderSignIn.tsx';
import { CLASSIFICATIONS, GROUP_ROLES, type Classification, type GroupRole } from '../../../core/vocabulary.ts';
import type { AccessRequest } from '../../../core/api/identity.ts';
import { useAccessRequests, useDecideAccessRequest } from './api.ts';

/**
 * First sign-ins through the instance's identity providers that wait for an administrator of my
 * party: who they are by the provider's word, and the organisation their claims map to. Approving
 * makes the account (organisation, clearance, a role) or links it to the party's account with the
 * same e-mail; refusing keeps that person's sign-ins refused.
 */
export default function AccessRequestsPage() {
  const { t } = useTranslation();
  const q = useAccessRequests();
  const providers = useSignInOptions().data?.providers ?? [];
  const names = useNames();
  const decide = useDecideAccessRequest();
  const [approving, setApproving] = useState<AccessRequest | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  /** A new decision starts: the last one's note and error go. */
  const begin = (open: () => void) => {
    setDone(null);
    decide.reset();
    open();
  };
  const refused = (r: AccessRequest) => {
    setConfirming(null);
    setDone(t('accessRequests.refused', { name: r.displayName }));
  };
  const providerName = (id: string) => {
    const p = providers.find((x) => x.id === id);
    return p ? localTitle(p.label.en, p.label.ko) : id;
  };
  return (
    <>
      <PageHeader title={t('accessRequests.title')} subtitle={t('accessRequests.subtitle')} crumbs={[{ label: t('account.title'), to: '/account' }, { label: t('accessRequests.title') }]} />
      {done ? (
        <Alert color="green" variant="light" role="status" mb="md" data-testid="access-decided">
          {done}
        </Alert>
      ) : null}
      {decide.error && !approving ? <FormError error={decide.error} /> : null}
      <QueryView query={q} empty={(d) => (d.items.length === 0 ? <EmptyState title={t('accessRequests.empty')}>{d.canReview ? null : t('accessRequests.notReviewer')}</EmptyState> : null)}>
        {(d) => (
          <Stack gap="sm">
            {d.items.map((r) => (
              <Card key={r.id} withBorder padding="md" data-testid="access-request">
                <Stack gap={6}>
                  <Group justify="space-between" wrap="wrap" gap="xs">
                    <Text fw={600}>
                      {r.displayName} · {r.email}
                    </Text>
                    <Badge variant="light" color={r.emailVerified ? 'green' : 'orange'}>
                      {r.emailVerified ? t('accessRequests.verified') : t('accessRequests.unverified')}
                    </Badge>
                  </Group>
                  <Text size="sm">
                    {t('accessRequests.proposed')}: <strong>{names.org(r.organisationId)}</strong>
                    {r.organisationClaim ? ` · ${t('accessRequests.claim', { value: r.organisationClaim })}` : ''}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('accessRequests.through', { provider: providerName(r.providerId), date: formatDateTime(r.createdAt) })}
                  </Text>
                  {r.existingUserId ? (
                    <Text size="sm" c="blue">
                      {t('accessRequests.existing')}
                    </Text>
                  ) : null}
                  <Group gap="xs">
                    {r.abilities.approve ? (
                      <Button size="compact-sm" onClick={() => begin(() => setApproving(r))}>
                        {t('accessRequests.approve')}
                      </Button>
                    ) : null}
                    {r.abilities.refuse ? (
                      confirming === r.id ? (
                        <Group gap="xs" role="group" aria-label={t('accessRequests.refuseConfirm', { name: r.displayName })}>
                          <Text size="sm">{t('accessRequests.refuseConfirm', { name: r.displayName })}</Text>
                          <Button size="compact-sm" color="red" loading={decide.isPending} onClick={() => decide.mutate({ request: r, approve: null }, { onSuccess: () => refused(r) })}>
                            {t('accessRequests.refuseYes')}
                          </Button>
                          <Button size="compact-sm" variant="subtle" onClick={() => setConfirming(null)}>
                            {t('action.cancel')}
                          </Button>
                        </Group>
                      ) : (
                        <Button size="compact-sm" variant="subtle" color="red" onClick={() => begin(() => setConfirming(r.id))}>
                          {t('accessRequests.refuse')}
                        </Button>
                      )
                    ) : null}
                  </Group>
                </Stack>
              </Card>
            ))}
          </Stack>
        )}
      </QueryView>
      {approving ? (
        <ApproveDialog
          request={approving}
          onClose={() => setApproving(null)}
          onApproved={() => {
            setDone(t('accessRequests.approved', { name: approving.displayName }));
            setApproving(null);
          }}
        />
      ) : null}
    </>
  );
}

/** Approving one request: the account's organisation, clearance and a role (or, for an existing account, just the link). */
function ApproveDialog({ request, onClose, onApproved }: { request: AccessRequest; onClose: () => void; onApproved: () => void }) {
  const { t } = useTranslation();
  const names = useNames();
  const groups = useGroups();
  const decide = useDecideAccessRequest();
  const [organisationId, setOrganisationId] = useState(request.organisationId);
  const [clearance, setClearance] = useState<Classification>('unclassified');
  const [wgId, setWgId] = useState<string | null>(null);
  const [role, setRole] = useState<GroupRole>('member');
  // The organisations of the request's party (an administrator's own: the server checks).
  const party = names.orgParty(request.organisationId);
  const orgs = names.ref.organisations.filter((o) => o.partyId === party).map((o) => ({ value: o.id, label: names.org(o.id) }));
  const submit = () =>
    decide.mutate(
      {
        request,
        approve: request.existingUserId ? {} : { organisationId, clearance, roles: wgId ? [{ wgId, role }] : undefined },
      },
      { onSuccess: onApproved },
    );
  return (
    <FormDialog
      opened
      onClose={onClose}
      title={t('accessRequests.approveTitle', { name: request.displayName })}
      submitLabel={t('accessRequests.approve')}
      pending={decide.isPending}
      onSubmit={submit}
      testId="approve-access"
    >
      <Stack gap="sm">
        <FormError error={decide.error} />
        {request.existingUserId ? (
          <Text size="sm">{t('accessRequests.existing')}</Text>
        ) : (
          <>
            <Select label={t('accessRequests.organisation')} data={orgs} value={organisationId} onChange={(v) => v && setOrganisationId(v)} allowDeselect={false} />
            <Select
              label={t('accessRequests.clearance')}
              description={t('accessRequests.clearanceHelp')}
              data={CLASSIFICATIONS.map((c) => ({ value: c, label: t(`classification.${c}`) }))}
              value={clearance}
              onChange={(v) => v && setClearance(v as Classification)}
              allowDeselect={false}
            />
            <Group grow align="flex-start">
              <Select
                label={t('accessRequests.group')}
                data={(groups.data?.items ?? []).map((g) => ({ value: g.id, label: localTitle(g.shortName || g.name, g.nameKo) }))}
                value={wgId}
                onChange={setWgId}
                clearable
                placeholder={t('accessRequests.noGroup')}
              />
              <Select
                label={t('accessRequests.role')}
                data={GROUP_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
                value={role}
                onChange={(v) => v && setRole(v as GroupRole)}
                allowDeselect={false}
                disabled={!wgId}
              />
            </Group>
          </>
        )}
      </Stack>
    </FormDialog>
  );
}
