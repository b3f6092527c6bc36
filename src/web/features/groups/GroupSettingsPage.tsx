import { useMemo, useState } from 'react';
import { Alert, Badge, Button, Card, Group, Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useGroup, useGroupPeople, useProposals, useSaveTrack, useSetMember, useSetRole, useUpdateGroup } from './api.ts';
import { ProposalCard } from './ProposalCard.tsx';
import { FeedsCard } from './FeedsCard.tsx';
import { PageHeader } from '../../app/PageHeader.tsx';
import { FormError } from '../../app/FormError.tsx';
import { EmptyState, QueryView } from '../../app/states.tsx';
import { useNames } from '../../app/reference.ts';
import { localTitle } from '../../app/format.ts';
import { TIMEZONES } from '../../app/form.ts';
import type { Track, WorkingGroup } from '../../../core/api/working-groups.ts';
import type { Proposal } from '../../../core/api/proposals.ts';
import { GROUP_ROLES } from '../../../core/vocabulary.ts';

const PARTICIPATIONS = ['member', 'observer', 'non_participant'] as const;

/** After a write that the other parties must approve (202): say so, where the change was asked. */
function ProposedNotice({ proposal }: { proposal: Proposal | undefined }) {
  const { t } = useTranslation();
  if (!proposal) return null;
  return (
    <Alert variant="light" color="blue" data-testid="proposed-notice">
      {t('groupAdmin.proposedNotice')}
    </Alert>
  );
}

function Proposals({ wgId }: { wgId: string }) {
  const { t } = useTranslation();
  const q = useProposals(wgId);
  return (
    <Card withBorder radius="md" padding="lg" data-testid="group-proposals">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('groupAdmin.proposals')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('groupAdmin.proposalsHelp')}
        </Text>
        <QueryView query={q} rows={2} empty={(d) => (d.items.length === 0 ? <EmptyState title={t('groupAdmin.noProposals')} /> : null)}>
          {(d) => (
            <Stack gap="sm">
              {[...d.items.filter((p) => p.status === 'open'), ...d.items.filter((p) => p.status !== 'open')].map((p) => (
                <ProposalCard key={p.id} p={p} />
              ))}
            </Stack>
          )}
        </QueryView>
      </Stack>
    </Card>
  );
}

function Details({ g }: { g: WorkingGroup }) {
  const { t } = useTranslation();
  const update = useUpdateGroup(g.id);
  const [v, setV] = useState({ cadenceNote: g.cadenceNote ?? '', timezone: g.timezone, mandate: g.mandate ?? '', mandateKo: g.mandateKo ?? '' });
  const [saved, setSaved] = useState(false);
  const editable = g.abilities.update;
  const set = (k: keyof typeof v, value: string) => {
    setSaved(false);
    setV((s) => ({ ...s, [k]: value }));
  };
  return (
    <Card withBorder radius="md" padding="lg">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          update.mutate(
            { body: { cadenceNote: v.cadenceNote.trim() || null, timezone: v.timezone, mandate: v.mandate.trim() || null, mandateKo: v.mandateKo.trim() || null }, version: g.version },
            { onSuccess: () => setSaved(true) },
          );
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('groupAdmin.details')}
          </Title>
          {g.status === 'proposed' ? <Text size="sm">{t('groupAdmin.proposedFrozen')}</Text> : null}
          <FormError error={update.error} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('groupAdmin.cadenceNote')}
              description={t('groupAdmin.cadenceNoteHelp')}
              value={v.cadenceNote}
              onChange={(e) => set('cadenceNote', e.currentTarget.value)}
              disabled={!editable}
            />
            <Select
              label={t('groupAdmin.timezone')}
              data={[...new Set([...TIMEZONES, g.timezone])]}
              searchable
              value={v.timezone}
              onChange={(x) => x && set('timezone', x)}
              allowDeselect={false}
              disabled={!editable}
            />
          </SimpleGrid>
          <Textarea label={t('groupAdmin.mandate')} autosize minRows={2} value={v.mandate} onChange={(e) => set('mandate', e.currentTarget.value)} disabled={!editable} />
          <Textarea label={t('groupAdmin.mandateKo')} autosize minRows={2} value={v.mandateKo} onChange={(e) => set('mandateKo', e.currentTarget.value)} disabled={!editable} />
          {editable ? (
            <Group justify="flex-end">
              {saved ? (
                <Text size="sm" c="green.8">
                  {t('groupAdmin.saved')}
                </Text>
              ) : null}
              <Button type="submit" loading={update.isPending}>
                {t('action.save')}
              </Button>
            </Group>
          ) : null}
        </Stack>
      </form>
    </Card>
  );
}

function Parties({ g }: { g: WorkingGroup }) {
  const { t } = useTranslation();
  const names = useNames();
  const update = useUpdateGroup(g.id);
  const [adding, setAdding] = useState<string | null>(null);
  const others = names.ref.parties.filter((p) => !g.parties.some((x) => x.id === p.id));
  const canChange = g.abilities.manageMembers;
  return (
    <Card withBorder radius="md" padding="lg">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('groupAdmin.parties')}
        </Title>
        <Group gap="xs">
          {g.parties.map((p) => (
            <Badge key={p.id} variant="light" size="lg">
              {localTitle(p.name, p.nameKo)}
            </Badge>
          ))}
        </Group>
        {canChange ? (
          <>
            <Text size="sm" c="dimmed">
              {g.parties.length > 1 ? t('groupAdmin.partiesJoint') : t('groupAdmin.partiesInvite')}
            </Text>
            <FormError error={update.error} />
            <ProposedNotice proposal={update.data?.proposal} />
            <Group align="flex-end">
              <Select
                label={t('groupAdmin.addParty')}
                data={others.map((p) => ({ value: p.id, label: localTitle(p.name, p.nameKo) }))}
                value={adding}
                onChange={setAdding}
                clearable
                style={{ minWidth: 240 }}
              />
              <Button
                variant="light"
                disabled={!adding}
                loading={update.isPending}
                onClick={() => adding && update.mutate({ body: { partyIds: [...g.parties.map((p) => p.id), adding] }, version: g.version }, { onSuccess: () => setAdding(null) })}
              >
                {t('groupAdmin.proposeParty')}
              </Button>
            </Group>
          </>
        ) : null}
      </Stack>
    </Card>
  );
}

function Members({ g }: { g: WorkingGroup }) {
  const { t } = useTranslation();
  const names = useNames();
  const setMember = useSetMember(g.id);
  const [newOrg, setNewOrg] = useState<string | null>(null);
  const [newTaking, setNewTaking] = useState<string>('member');
  const canChange = g.abilities.manageMembers;
  const partyIds = g.parties.map((p) => p.id);
  const candidates = names.ref.organisations.filter((o) => partyIds.includes(o.partyId) && !g.members.some((m) => m.organisationId === o.id));
  const participationData = PARTICIPATIONS.map((p) => ({ value: p, label: t(`groupAdmin.participation.${p}`) }));
  return (
    <Card withBorder radius="md" padding="lg" data-testid="group-members">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('groupAdmin.members')}
        </Title>
        {canChange && g.parties.length > 1 ? (
          <Text size="sm" c="dimmed">
            {t('groupAdmin.membersJoint')}
          </Text>
        ) : null}
        <FormError error={setMember.error} />
        <ProposedNotice proposal={setMember.data?.proposal} />
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('groupAdmin.organisation')}</Table.Th>
              <Table.Th>{t('groupAdmin.party')}</Table.Th>
              <Table.Th>{t('groupAdmin.participationLabel')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {g.members.map((m) => (
              <Table.Tr key={m.organisationId} data-testid={`member-${m.organisationId}`}>
                <Table.Td>{localTitle(m.name, m.nameKo)}</Table.Td>
                <Table.Td>{names.party(m.partyId)}</Table.Td>
                <Table.Td>
                  {canChange ? (
                    <Select
                      size="xs"
                      aria-label={t('groupAdmin.participationOf', { org: localTitle(m.name, m.nameKo) })}
                      data={participationData}
                      value={m.participation}
                      allowDeselect={false}
                      onChange={(v) => v && v !== m.participation && setMember.mutate({ organisationId: m.organisationId, participation: v, note: m.note })}
                    />
                  ) : (
                    t(`groupAdmin.participation.${m.participation}`)
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {canChange ? (
          <Group align="flex-end">
            <Select
              label={t('groupAdmin.addOrganisation')}
              data={candidates.map((o) => ({ value: o.id, label: `${localTitle(o.name, o.nameKo)} · ${names.partyCode(o.partyId)}` }))}
              value={newOrg}
              onChange={setNewOrg}
              searchable
              clearable
              style={{ minWidth: 280 }}
              data-testid="add-member-org"
            />
            <Select label={t('groupAdmin.participationLabel')} data={participationData.slice(0, 2)} value={newTaking} onChange={(v) => v && setNewTaking(v)} allowDeselect={false} />
            <Button
              variant="light"
              disabled={!newOrg}
              loading={setMember.isPending}
              onClick={() => newOrg && setMember.mutate({ organisationId: newOrg, participation: newTaking }, { onSuccess: () => setNewOrg(null) })}
              data-testid="add-member"
            >
              {t('action.add')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Card>
  );
}

function Roles({ g }: { g: WorkingGroup }) {
  const { t } = useTranslation();
  const names = useNames();
  const q = useGroupPeople(g.id);
  const setRole = useSetRole(g.id);
  const roleData = useMemo(() => [{ value: 'none', label: t('groupAdmin.noRole') }, ...GROUP_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))], [t]);
  return (
    <Card withBorder radius="md" padding="lg">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('groupAdmin.roles')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('groupAdmin.rolesHelp')}
        </Text>
        <FormError error={setRole.error} />
        <QueryView query={q} rows={3}>
          {(d) => (
            <Table striped withTableBorder>
              <Table.Tbody>
                {d.items.map((p) => (
                  <Table.Tr key={p.userId}>
                    <Table.Td>{p.displayName}</Table.Td>
                    <Table.Td>{names.org(p.organisationId)}</Table.Td>
                    <Table.Td>
                      {p.abilities.setRole ? (
                        <Select
                          size="xs"
                          aria-label={t('groupAdmin.roleOf', { name: p.displayName })}
                          data={roleData}
                          value={p.role ?? 'none'}
                          allowDeselect={false}
                          onChange={(v) => v && setRole.mutate({ userId: p.userId, role: v === 'none' ? null : (v as (typeof GROUP_ROLES)[number]) })}
                        />
                      ) : p.role ? (
                        t(`role.${p.role}`)
                      ) : (
                        t('groupAdmin.noRole')
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </QueryView>
      </Stack>
    </Card>
  );
}

function TrackRow({ g, tr }: { g: WorkingGroup; tr: Track }) {
  const { t } = useTranslation();
  const save = useSaveTrack(g.id);
  const [name, setName] = useState(tr.name);
  const [nameKo, setNameKo] = useState(tr.nameKo ?? '');
  const changed = name !== tr.name || nameKo !== (tr.nameKo ?? '');
  return (
    <Stack gap={4}>
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <TextInput style={{ flex: 1 }} label={t('groupAdmin.trackName')} value={name} onChange={(e) => setName(e.currentTarget.value)} disabled={!g.abilities.manageTracks} />
        <TextInput style={{ flex: 1 }} label={t('groupAdmin.trackNameKo')} value={nameKo} onChange={(e) => setNameKo(e.currentTarget.value)} disabled={!g.abilities.manageTracks} />
        {g.abilities.manageTracks ? (
          <Button
            variant="light"
            disabled={!changed || !name.trim()}
            loading={save.isPending}
            onClick={() => save.mutate({ id: tr.id, version: tr.version, name: name.trim(), nameKo: nameKo.trim() || null })}
          >
            {t('groupAdmin.rename')}
          </Button>
        ) : null}
      </Group>
      <FormError error={save.error} />
    </Stack>
  );
}

function Tracks({ g }: { g: WorkingGroup }) {
  const { t } = useTranslation();
  const save = useSaveTrack(g.id);
  const [name, setName] = useState('');
  const [nameKo, setNameKo] = useState('');
  const nextCode = () => {
    let n = g.tracks.length + 1;
    while (g.tracks.some((tr) => tr.code === `track-${n}`)) n++;
    return `track-${n}`;
  };
  return (
    <Card withBorder radius="md" padding="lg">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('groupAdmin.tracks')}
        </Title>
        {g.tracks.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('groupAdmin.noTracks')}
          </Text>
        ) : null}
        {g.tracks.map((tr) => (
          <TrackRow key={`${tr.id}:${tr.version}`} g={g} tr={tr} />
        ))}
        {g.abilities.manageTracks ? (
          <>
            <FormError error={save.error} />
            <Group gap="xs" align="flex-end" wrap="nowrap">
              <TextInput style={{ flex: 1 }} label={t('groupAdmin.newTrackName')} value={name} onChange={(e) => setName(e.currentTarget.value)} />
              <TextInput style={{ flex: 1 }} label={t('groupAdmin.trackNameKo')} value={nameKo} onChange={(e) => setNameKo(e.currentTarget.value)} />
              <Button
                variant="light"
                disabled={!name.trim()}
                loading={save.isPending}
                onClick={() =>
                  save.mutate(
                    { code: nextCode(), name: name.trim(), nameKo: nameKo.trim() || null },
                    {
                      onSuccess: () => {
                        setName('');
                        setNameKo('');
                      },
                    },
                  )
                }
              >
                {t('groupAdmin.addTrack')}
              </Button>
            </Group>
          </>
        ) : null}
      </Stack>
    </Card>
  );
}

/**
 * A group's settings for those who run it: the proposals waiting for the parties, its details
 * (cadence note, time zone, mandate in both languages), parties, member organisations, roles and
 * tracks, and the feeds it follows. What each user may change comes from the API's abilities; a change that needs the
 * other parties comes back as a proposal, listed at the top.
 */
export default function GroupSettingsPage() {
  const { wgId = '' } = useParams();
  const { t } = useTranslation();
  const g = useGroup(wgId);
  const title = g.data ? localTitle(g.data.name, g.data.nameKo) : t('groupAdmin.title');
  return (
    <>
      <PageHeader
        title={title}
        subtitle={t('groupAdmin.subtitle')}
        crumbs={[{ label: t('groups.title'), to: '/' }, { label: title, to: `/groups/${wgId}` }, { label: t('groupAdmin.title') }]}
        badges={g.data ? <Badge variant="light">{t([`wgStatus.${g.data.status}`, `groupAdmin.wgStatus.${g.data.status}`], { defaultValue: g.data.status })}</Badge> : null}
      />
      <QueryView query={g} rows={6}>
        {(d) => (
          <Stack gap="md">
            <Proposals wgId={d.id} />
            <Details key={`details-${d.version}`} g={d} />
            <Parties g={d} />
            <Members g={d} />
            <Roles g={d} />
            <Tracks g={d} />
            <FeedsCard wgId={d.id} />
          </Stack>
        )}
      </QueryView>
    </>
  );
}
