import { Paper, SegmentedControl, Select, SimpleGrid, Text, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormState, useResetOnOpen } from '../../app/form.ts';
import { DateField } from '../../app/DateField.tsx';
import { FormError } from '../../app/FormError.tsx';
import { AccessFields, FormDialog } from '../../app/FormDialog.tsx';
import { checkText, lengthProps } from '../../app/limits.ts';
import { formatDate, localTitle } from '../../app/format.ts';
import { useNames } from '../../app/reference.ts';
import { errorMessage } from '../../app/states.tsx';
import { ApiError } from '../../api/client.ts';
import { useDocument, useDocuments } from '../documents/api.ts';
import { useMeetings } from '../meetings/api.ts';
import { useCreateCommitment } from './api.ts';
import { CommitmentCreateBody } from '../../../core/api/commitments.ts';
import type { WorkingGroup } from '../../../core/api/working-groups.ts';

const S = CommitmentCreateBody.properties;
const BOTH = 'both';

/** Where a commitment was made, when the page it is recorded from already says. */
export type CommitmentSource = { documentId: string; clauseKey: string; label: string } | { meetingId: string; label: string };

/**
 * A commitment made in the group: from a clause of a joint document or from a meeting (one of
 * them fixed when recorded from that clause or meeting), with the party and organisation that
 * owe it, the due date and its wording in English and Korean.
 */
export function NewCommitmentDialog({ opened, onClose, group, source }: { opened: boolean; onClose: () => void; group: WorkingGroup; source?: CommitmentSource }) {
  const { t } = useTranslation();
  const names = useNames();
  const create = useCreateCommitment();
  const f = useFormState(
    {
      from: 'clause' as 'clause' | 'meeting',
      documentId: null as string | null,
      clauseKey: null as string | null,
      meetingId: null as string | null,
      title: '',
      titleKo: '',
      responsiblePartyId: BOTH as string | null,
      responsibleOrgId: null as string | null,
      dueOn: '',
      track: '',
      scope: 'group',
      classification: 'unclassified',
    },
    { draft: `commitment.create:${group.id}:${source ? ('clauseKey' in source ? `${source.documentId}.${source.clauseKey}` : source.meetingId) : 'group'}` },
  );
  useResetOnOpen(opened, () => {
    f.reset();
    create.reset();
  });
  const v = f.values;
  const pick = !source;
  const docs = useDocuments(pick && opened && v.from === 'clause' ? group.id : undefined);
  const doc = useDocument(pick && opened && v.from === 'clause' && v.documentId ? v.documentId : undefined);
  const meetings = useMeetings(pick && opened && v.from === 'meeting' ? group.id : undefined, { limit: 500 });
  const party = v.responsiblePartyId && v.responsiblePartyId !== BOTH ? v.responsiblePartyId : null;
  const orgs = group.members.filter((m) => m.participation !== 'non_participant' && (!party || m.partyId === party));
  const submit = () => {
    const ok = f.validate({
      title: (x) => checkText(t, x.title, S.title, { required: true }),
      titleKo: (x) => checkText(t, x.titleKo, S.titleKo),
      track: (x) => checkText(t, x.track, S.track),
      documentId: (x) => pick && x.from === 'clause' && !x.documentId && t('form.required'),
      clauseKey: (x) => pick && x.from === 'clause' && !x.clauseKey && t('form.required'),
      meetingId: (x) => pick && x.from === 'meeting' && !x.meetingId && t('form.required'),
    });
    if (!ok) return;
    const where = source
      ? 'documentId' in source
        ? { documentId: source.documentId, clauseKey: source.clauseKey }
        : { meetingId: source.meetingId }
      : v.from === 'clause'
        ? { documentId: v.documentId!, clauseKey: v.clauseKey! }
        : { meetingId: v.meetingId! };
    create.mutate(
      {
        ...where,
        title: v.title.trim(),
        titleKo: v.titleKo.trim() || null,
        responsiblePartyId: party,
        responsibleOrgId: v.responsibleOrgId || null,
        dueOn: v.dueOn || null,
        track: v.track.trim() || null,
        scope: v.scope as never,
        classification: v.classification as never,
      },
      {
        onSuccess: () => {
          f.sent();
          onClose();
        },
        onError: (e) => {
          // A source fixed by the page has no field here: its error goes above the form.
          if (source && e instanceof ApiError && /^body\.(documentId|clauseKey|meetingId)$/.test(e.field ?? '')) f.fromServer(new Error(e.message), e.message);
          else f.fromServer(e, errorMessage(t, e));
        },
      },
    );
  };
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      form={f}
      title={t('create.commitment.title')}
      submitLabel={t('create.commitment.submit')}
      pending={create.isPending}
      onSubmit={submit}
      testId="new-commitment-form"
    >
      <FormError message={f.errors._form} />
      {source ? (
        <Paper withBorder p="xs" radius="sm" bg="var(--concord-muted)" data-testid="commitment-source">
          <Text size="xs" c="dimmed">
            {'documentId' in source ? t('create.commitment.fromClause') : t('create.commitment.fromMeeting')}
          </Text>
          <Text size="sm" lineClamp={3}>
            {source.label}
          </Text>
        </Paper>
      ) : (
        <>
          <SegmentedControl
            aria-label={t('create.commitment.madeIn')}
            value={v.from}
            onChange={(x) => f.set('from', x as 'clause' | 'meeting')}
            data={[
              { value: 'clause', label: t('create.commitment.aClause') },
              { value: 'meeting', label: t('create.commitment.aMeeting') },
            ]}
          />
          {v.from === 'clause' ? (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label={t('create.commitment.document')}
                required
                searchable
                data={(docs.data?.items ?? []).map((d) => ({ value: d.id, label: localTitle(d.title, d.titleKo) }))}
                {...f.field('documentId')}
                onChange={(x) => {
                  f.set('documentId', x);
                  f.set('clauseKey', null);
                }}
              />
              <Select
                label={t('create.commitment.clause')}
                required
                searchable
                disabled={!v.documentId}
                data={[...(doc.data?.current?.clauses ?? [])]
                  .sort((a, b) => a.position - b.position)
                  .map((c) => ({ value: c.key, label: `${c.key} — ${c.textEn.length > 80 ? `${c.textEn.slice(0, 80)}…` : c.textEn}` }))}
                {...f.field('clauseKey')}
              />
            </SimpleGrid>
          ) : (
            <Select
              label={t('create.commitment.meeting')}
              required
              searchable
              data={(meetings.data?.items ?? []).map((m) => ({ value: m.id, label: `${formatDate(m.startsAt)} · ${localTitle(m.title, m.titleKo)}` }))}
              {...f.field('meetingId')}
            />
          )}
        </>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Textarea label={t('create.commitment.textEn')} required autosize minRows={2} {...lengthProps(S.title)} {...f.field('title')} data-autofocus name="title" />
        <Textarea label={t('create.commitment.textKo')} lang="ko" autosize minRows={2} {...lengthProps(S.titleKo)} {...f.field('titleKo')} name="titleKo" />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Select
          label={t('create.commitment.party')}
          data={[{ value: BOTH, label: t('commitments.bothParties') }, ...group.parties.map((p) => ({ value: p.id, label: names.party(p.id) }))]}
          {...f.field('responsiblePartyId')}
          onChange={(x) => {
            f.set('responsiblePartyId', x);
            f.set('responsibleOrgId', null);
          }}
          allowDeselect={false}
        />
        <Select
          label={t('create.commitment.org')}
          clearable
          searchable
          data={orgs.map((m) => ({ value: m.organisationId, label: `${m.acronym ? `${m.acronym} — ` : ''}${names.org(m.organisationId, m.name)}` }))}
          {...f.field('responsibleOrgId')}
        />
        <DateField label={t('create.commitment.dueOn')} {...f.field('dueOn')} name="dueOn" />
      </SimpleGrid>
      <TextInput label={t('create.commitment.track')} description={t('create.commitment.trackHelp')} {...lengthProps(S.track)} {...f.field('track')} name="track" />
      <AccessFields scope={f.field('scope')} classification={f.field('classification')} />
    </FormDialog>
  );
}
