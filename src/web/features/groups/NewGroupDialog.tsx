import { useMemo } from 'react';
import { ActionIcon, Alert, Button, Group, Modal, MultiSelect, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCreateGroup } from './api.ts';
import { useFormState, useResetOnOpen, TIMEZONES } from '../../app/form.ts';
import { FormError } from '../../app/FormError.tsx';
import { errorMessage } from '../../app/states.tsx';
import { useUser } from '../../app/session.tsx';
import { useNames } from '../../app/reference.ts';
import { localTitle } from '../../app/format.ts';
import { WG_KINDS, wordOf } from '../../../core/vocabulary.ts';

type Taking = 'none' | 'member' | 'observer';

/**
 * Found a working group: its parties, the organisations that take part (member or observer), its
 * tracks, cadence note, time zone and mandate in both languages. It starts with the user's own
 * party and organisation (the server requires the party, and makes the organisation a member,
 * since the user becomes the group's secretariat). With another party it is proposed until that
 * party accepts.
 */
export function NewGroupDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const user = useUser();
  const names = useNames();
  const navigate = useNavigate();
  const create = useCreateGroup();
  const initial = useMemo(
    () => ({
      name: '',
      nameKo: '',
      kind: 'bilateral' as string,
      partyIds: user ? [user.partyId] : ([] as string[]),
      taking: (user ? { [user.organisationId]: 'member' } : {}) as Record<string, Taking>,
      cadenceNote: '',
      timezone: 'Asia/Seoul' as string,
      mandate: '',
      mandateKo: '',
      tracks: [] as { name: string; nameKo: string }[],
    }),
    [user],
  );
  const f = useFormState(initial);
  useResetOnOpen(opened, () => {
    f.reset(initial);
    create.reset();
  });
  const orgs = names.ref.organisations.filter((o) => f.values.partyIds.includes(o.partyId));
  const joint = f.values.partyIds.length > 1;
  const setTaking = (orgId: string, v: Taking) => f.set('taking', { ...f.values.taking, [orgId]: v });
  const setTrack = (i: number, k: 'name' | 'nameKo', v: string) =>
    f.set(
      'tracks',
      f.values.tracks.map((tr, j) => (j === i ? { ...tr, [k]: v } : tr)),
    );
  const submit = () => {
    if (!f.validate({ name: (v) => !v.name.trim() && t('form.required'), partyIds: (v) => v.partyIds.length === 0 && t('form.required') })) return;
    const v = f.values;
    const members = Object.entries(v.taking)
      .filter(([orgId, p]) => p !== 'none' && orgs.some((o) => o.id === orgId))
      .map(([organisationId, participation]) => ({ organisationId, participation: participation as 'member' | 'observer' }));
    create.mutate(
      {
        name: v.name.trim(),
        nameKo: v.nameKo.trim() || undefined,
        kind: wordOf(WG_KINDS, v.kind) ?? 'bilateral',
        partyIds: v.partyIds,
        members,
        cadenceNote: v.cadenceNote.trim() || undefined,
        timezone: v.timezone,
        mandate: v.mandate.trim() || undefined,
        mandateKo: v.mandateKo.trim() || undefined,
        tracks: v.tracks.filter((tr) => tr.name.trim()).map((tr) => ({ name: tr.name.trim(), nameKo: tr.nameKo.trim() || undefined })),
      },
      {
        onSuccess: (id) => {
          onClose();
          navigate(`/groups/${id}/settings`);
        },
        onError: (e) => f.fromServer(e, errorMessage(t, e)),
      },
    );
  };
  return (
    <Modal opened={opened} onClose={onClose} size="xl" title={t('groupAdmin.newTitle')}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <FormError message={f.errors._form} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('groupAdmin.name')} required {...f.field('name')} data-autofocus data-testid="group-name" />
            <TextInput label={t('groupAdmin.nameKo')} {...f.field('nameKo')} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select label={t('groupAdmin.kind')} data={WG_KINDS.map((k) => ({ value: k, label: t(`wgKind.${k}`) }))} {...f.field('kind')} allowDeselect={false} />
            <MultiSelect
              label={t('groupAdmin.parties')}
              required
              data={names.ref.parties.map((p) => ({ value: p.id, label: localTitle(p.name, p.nameKo) }))}
              value={f.values.partyIds}
              error={f.errors.partyIds}
              onChange={(v) => f.set('partyIds', v)}
              data-testid="group-parties"
            />
          </SimpleGrid>
          {joint ? (
            <Alert variant="light" color="blue">
              {t('groupAdmin.jointNote')}
            </Alert>
          ) : null}
          <Text size="sm" fw={600}>
            {t('groupAdmin.members')}
          </Text>
          <Table striped withTableBorder>
            <Table.Tbody>
              {orgs.map((o) => (
                <Table.Tr key={o.id} data-testid={`new-member-${o.id}`}>
                  <Table.Td>
                    <Text size="sm">{localTitle(o.name, o.nameKo)}</Text>
                    <Text size="xs" c="dimmed">
                      {names.party(o.partyId)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <SegmentedControl
                      size="xs"
                      aria-label={t('groupAdmin.participationOf', { org: localTitle(o.name, o.nameKo) })}
                      value={f.values.taking[o.id] ?? 'none'}
                      onChange={(v) => setTaking(o.id, v as Taking)}
                      data={[
                        { value: 'none', label: t('groupAdmin.notTaking') },
                        { value: 'member', label: t('groupAdmin.participation.member') },
                        { value: 'observer', label: t('groupAdmin.participation.observer') },
                      ]}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('groupAdmin.cadenceNote')} description={t('groupAdmin.cadenceNoteHelp')} {...f.field('cadenceNote')} />
            <Select label={t('groupAdmin.timezone')} data={[...TIMEZONES]} searchable {...f.field('timezone')} allowDeselect={false} />
          </SimpleGrid>
          <Textarea label={t('groupAdmin.mandate')} autosize minRows={2} {...f.field('mandate')} />
          <Textarea label={t('groupAdmin.mandateKo')} autosize minRows={2} {...f.field('mandateKo')} />
          <Text size="sm" fw={600}>
            {t('groupAdmin.tracks')}
          </Text>
          {f.values.tracks.map((tr, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a new track's row has no id yet; its position is its identity until saved
            <Group key={i} gap="xs" align="flex-end" wrap="nowrap">
              <TextInput style={{ flex: 1 }} label={t('groupAdmin.trackName')} value={tr.name} onChange={(e) => setTrack(i, 'name', e.currentTarget.value)} />
              <TextInput style={{ flex: 1 }} label={t('groupAdmin.trackNameKo')} value={tr.nameKo} onChange={(e) => setTrack(i, 'nameKo', e.currentTarget.value)} />
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('groupAdmin.removeTrack')}
                onClick={() =>
                  f.set(
                    'tracks',
                    f.values.tracks.filter((_, j) => j !== i),
                  )
                }
              >
                ×
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button size="xs" variant="light" onClick={() => f.set('tracks', [...f.values.tracks, { name: '', nameKo: '' }])}>
              {t('groupAdmin.addTrack')}
            </Button>
          </Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('action.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} data-testid="submit-group">
              {joint ? t('groupAdmin.propose') : t('groupAdmin.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
