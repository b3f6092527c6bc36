import type { ReactNode } from 'react';
import { MultiSelect, Select, SimpleGrid, Text, TextInput, Textarea, SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useFormState, zonedToIso, isoToZonedLocal, TIMEZONES, useResetOnOpen } from '../../app/form.ts';
import { FormError } from '../../app/FormError.tsx';
import { errorMessage } from '../../app/states.tsx';
import { useNames, useReference } from '../../app/reference.ts';
import { AccessFields, FormDialog } from '../../app/FormDialog.tsx';
import { FormConflict } from '../../app/ConflictPanel.tsx';
import { isStaleWrite } from '../../app/conflict.ts';
import { checkText, lengthProps } from '../../app/limits.ts';
import { localTitle } from '../../app/format.ts';
import { ApiError } from '../../api/client.ts';
import { useIssues } from '../positions/api.ts';
import { useCreateMeeting, useMeetingAction } from './api.ts';
import { AgendaItemBody, AttendanceBody, MeetingCreateBody, MeetingUpdateBody, ReasonBody, type AgendaItem, type Meeting, type MeetingSummary, type Attendance } from '../../../core/api/meetings.ts';
import type { WorkingGroup } from '../../../core/api/working-groups.ts';
import { ATTENDANCE_STATUSES, CLASSIFICATIONS, MEETING_FORMATS, MEETING_LEVELS, SCOPES, wordOf, type AttendanceStatus, type MeetingFormat, type MeetingLevel } from '../../../core/vocabulary.ts';

type Close = { opened: boolean; onClose: () => void };

const AG = AgendaItemBody.properties;
const MC = MeetingCreateBody.properties;
const MP = MeetingUpdateBody.properties;
const MR = ReasonBody.properties;
const AT = AttendanceBody.properties;

export function CreateMeetingDialog({ opened, onClose, wgId, beside }: Close & { wgId: string; beside?: MeetingSummary }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const ref = useReference();
  const create = useCreateMeeting();
  const f = useFormState(
    {
      title: '',
      titleKo: '',
      level: 'working' as MeetingLevel,
      format: 'in_person' as MeetingFormat,
      place: '',
      start: '',
      end: '',
      timezone: 'Asia/Seoul',
      invite: [] as string[],
      scope: beside ? 'party' : 'group',
      classification: 'unclassified',
    },
    { draft: beside ? `meeting.consultation:${beside.id}` : `meeting.create:${wgId}` },
  );
  useResetOnOpen(opened, () => {
    f.reset();
    create.reset();
  });
  const orgs = (ref.data?.organisations ?? []).map((o) => ({ value: o.id, label: `${o.acronym ? `${o.acronym} — ` : ''}${i18n.language === 'ko' && o.nameKo ? o.nameKo : o.name}` }));
  const submit = () => {
    const ok = f.validate({
      title: (v) => checkText(t, v.title, MC.title, { required: true }),
      titleKo: (v) => checkText(t, v.titleKo, MC.titleKo),
      place: (v) => checkText(t, v.place, MC.place),
      start: (v) => !v.start && t('form.required'),
      end: (v) => !!v.end && v.end <= v.start && t('meeting.endBeforeStart'),
    });
    if (!ok) return;
    const v = f.values;
    create.mutate(
      {
        wgId,
        title: v.title.trim(),
        titleKo: v.titleKo.trim() || undefined,
        level: v.level,
        format: v.format,
        place: v.place.trim() || undefined,
        startsAt: zonedToIso(v.start, v.timezone),
        endsAt: v.end ? zonedToIso(v.end, v.timezone) : undefined,
        timezone: v.timezone,
        besideMeetingId: beside?.id,
        invite: v.invite.length ? v.invite : undefined,
        scope: wordOf(SCOPES, v.scope) ?? undefined,
        classification: wordOf(CLASSIFICATIONS, v.classification) ?? undefined,
      },
      {
        onSuccess: (r) => {
          f.sent();
          onClose();
          navigate(`/groups/${wgId}/meetings/${r.id}`);
        },
        onError: (e) => f.fromServer(e, errorMessage(t, e)),
      },
    );
  };
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      form={f}
      title={beside ? t('meeting.addConsultationTitle') : t('meeting.createTitle')}
      submitLabel={beside ? t('meeting.recordConsultation') : t('meeting.create')}
      pending={create.isPending}
      onSubmit={submit}
      testId="meeting-form"
    >
      {beside ? (
        <Text size="sm" c="dimmed">
          {t('meeting.consultationHelp', { title: beside.title })}
        </Text>
      ) : null}
      <FormError message={f.errors._form} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('meeting.titleEn')} required {...lengthProps(MC.title)} {...f.field('title')} data-autofocus name="title" />
        <TextInput label={t('meeting.titleKo')} lang="ko" {...lengthProps(MC.titleKo)} {...f.field('titleKo')} name="titleKo" />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Select label={t('meeting.level')} data={MEETING_LEVELS.map((l) => ({ value: l, label: t(`meetingLevel.${l}`) }))} {...f.field('level')} allowDeselect={false} />
        <Select label={t('meeting.format')} data={MEETING_FORMATS.map((l) => ({ value: l, label: t(`meetingFormat.${l}`) }))} {...f.field('format')} allowDeselect={false} />
        <Select label={t('meeting.timezone')} data={[...TIMEZONES]} {...f.field('timezone')} allowDeselect={false} searchable />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput type="datetime-local" label={t('meeting.startsAt')} required {...f.field('start')} name="start" />
        <TextInput type="datetime-local" label={t('meeting.endsAt')} {...f.field('end')} name="end" />
      </SimpleGrid>
      <TextInput label={t('meeting.place')} {...lengthProps(MC.place)} {...f.field('place')} name="place" />
      {orgs.length ? <MultiSelect label={t('meeting.invite')} data={orgs} searchable {...f.field('invite')} /> : null}
      <AccessFields scope={f.field('scope')} classification={f.field('classification')} />
    </FormDialog>
  );
}

type ReasonValues = { reason: string; newStart: string; outcome: string };
type MeetingMutation<V> = { mutate: (v: V, o: { onSuccess: (r: unknown) => void; onError: (e: unknown) => void }) => void; reset: () => void; isPending: boolean; error: unknown };

/**
 * The frame of a meeting's postpone, cancel and hold dialogs: one text (the reason or the
 * outcome), kept as a draft per meeting; a stale write opens the conflict panel, and "keep mine"
 * sends the text again against the meeting as it is now.
 */
function MeetingActionDialog<V>({
  opened,
  onClose,
  meeting,
  onReload,
  form,
  mutation,
  body,
  check,
  title,
  submitLabel,
  submitColor,
  testId,
  children,
}: Close & {
  meeting: Meeting;
  onReload: () => void;
  /** The draft's form name, e.g. "meeting.postpone". */
  form: string;
  mutation: MeetingMutation<V>;
  body: (v: ReasonValues) => V;
  check?: (v: ReasonValues) => string | false | undefined;
  title: string;
  submitLabel: string;
  submitColor: string;
  testId: string;
  children: (f: ReturnType<typeof useReasonForm>) => ReactNode;
}) {
  const { t } = useTranslation();
  const f = useReasonForm(opened, `${form}:${meeting.id}`);
  useResetOnOpen(opened, () => mutation.reset());
  const send = (v: ReasonValues) => mutation.mutate(body(v), f.sending(onClose));
  const submit = () => {
    if (check && !f.validate({ reason: check, outcome: (v) => checkText(t, v.outcome, MP.outcome) })) return;
    send(f.values);
  };
  return (
    <FormDialog opened={opened} onClose={onClose} form={f} title={title} submitLabel={submitLabel} submitColor={submitColor} pending={mutation.isPending} onSubmit={submit} testId={testId}>
      <FormConflict form={f} mutation={mutation} refresh={onReload} version={meeting.version} resend={send} onClose={onClose} />
      <FormError error={mutation.error instanceof ApiError && mutation.error.status !== 400 && !isStaleWrite(mutation.error) ? mutation.error : undefined} message={f.errors._form} />
      {children(f)}
    </FormDialog>
  );
}

function useReasonForm(opened: boolean, draft: string) {
  const f = useFormState<ReasonValues>({ reason: '', newStart: '', outcome: '' }, { draft, conflicts: true });
  useResetOnOpen(opened, () => f.reset());
  return f;
}

export function PostponeDialog(props: Close & { meeting: Meeting; onReload: () => void }) {
  const { t } = useTranslation();
  const a = useMeetingAction(props.meeting.id);
  const { meeting } = props;
  return (
    <MeetingActionDialog
      {...props}
      form="meeting.postpone"
      mutation={a.postpone}
      body={(v) => ({ version: meeting.version, reason: v.reason.trim(), newStartsAt: v.newStart ? zonedToIso(v.newStart, meeting.timezone) : undefined })}
      check={(v) => (!v.reason.trim() ? t('form.reasonRequired') : checkText(t, v.reason, MR.reason))}
      title={t('meeting.postponeTitle')}
      submitLabel={t('meeting.postpone')}
      submitColor="orange"
      testId="postpone-form"
    >
      {(f) => (
        <>
          <Textarea label={t('meeting.reason')} required autosize minRows={3} {...lengthProps(MR.reason)} {...f.field('reason')} data-autofocus name="reason" />
          <TextInput type="datetime-local" label={t('meeting.newStartsAt', { tz: meeting.timezone })} description={t('meeting.newStartsAtHelp')} {...f.field('newStart')} name="newStart" />
        </>
      )}
    </MeetingActionDialog>
  );
}

export function CancelDialog(props: Close & { meeting: Meeting; onReload: () => void }) {
  const { t } = useTranslation();
  const a = useMeetingAction(props.meeting.id);
  return (
    <MeetingActionDialog
      {...props}
      form="meeting.cancel"
      mutation={a.cancel}
      body={(v) => ({ version: props.meeting.version, reason: v.reason.trim() })}
      check={(v) => (!v.reason.trim() ? t('form.reasonRequired') : checkText(t, v.reason, MR.reason))}
      title={t('meeting.cancelTitle')}
      submitLabel={t('meeting.cancelMeeting')}
      submitColor="red"
      testId="cancel-form"
    >
      {(f) => (
        <>
          <Text size="sm">{t('meeting.cancelWarning')}</Text>
          <Textarea label={t('meeting.reason')} required autosize minRows={3} {...lengthProps(MR.reason)} {...f.field('reason')} data-autofocus name="reason" />
        </>
      )}
    </MeetingActionDialog>
  );
}

export function HoldDialog(props: Close & { meeting: Meeting; onReload: () => void }) {
  const { t } = useTranslation();
  const a = useMeetingAction(props.meeting.id);
  return (
    <MeetingActionDialog
      {...props}
      form="meeting.hold"
      mutation={a.hold}
      body={(v) => ({ version: props.meeting.version, outcome: v.outcome.trim() })}
      check={() => false}
      title={t('meeting.holdTitle')}
      submitLabel={t('meeting.markHeld')}
      submitColor="green"
      testId="hold-form"
    >
      {(f) => <Textarea label={t('meeting.outcome')} autosize minRows={4} {...lengthProps(MP.outcome)} {...f.field('outcome')} data-autofocus name="outcome" />}
    </MeetingActionDialog>
  );
}

/** An organisation's reply: attend, observe, or decline with its reason (required). */
export function RespondDialog({
  opened,
  onClose,
  meeting,
  organisationId,
  organisationName,
  current,
  onReload,
}: Close & { meeting: Meeting; organisationId: string; organisationName: string; current?: Attendance; onReload: () => void }) {
  const { t } = useTranslation();
  const a = useMeetingAction(meeting.id);
  // The reply on record, or, for a first reply, attending: a decline is always a choice made.
  const onRecord = (): AttendanceStatus => (current && current.status !== 'invited' ? current.status : 'attending');
  const f = useFormState<{ status: AttendanceStatus; reason: string }>({ status: onRecord(), reason: '' }, { draft: `meeting.reply:${meeting.id}:${organisationId}`, conflicts: true });
  useResetOnOpen(opened, () => {
    f.reset({ status: onRecord(), reason: current?.reason ?? '' });
    a.attendance.reset();
  });
  const send = (v: { status: AttendanceStatus; reason: string }) =>
    a.attendance.mutate({ organisationId, status: v.status, reason: v.reason.trim() || undefined, version: current?.version }, f.sending(onClose));
  const submit = () => {
    if (!f.validate({ reason: (v) => (v.status === 'declined' && !v.reason.trim() ? t('form.declineReasonRequired') : checkText(t, v.reason, AT.reason)) })) return;
    send(f.values);
  };
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      form={f}
      title={t('meeting.respondTitle', { org: organisationName })}
      submitLabel={f.values.status === 'declined' ? t('meeting.sendDecline') : t('meeting.sendReply')}
      submitColor={f.values.status === 'declined' ? 'red' : undefined}
      pending={a.attendance.isPending}
      onSubmit={submit}
      testId="reply-form"
    >
      <FormConflict
        form={f}
        mutation={a.attendance}
        refresh={onReload}
        version={current?.version}
        fields={[{ key: 'reason', label: t('meeting.declineReason') }]}
        theirs={current ? { status: current.status, reason: current.reason ?? '' } : {}}
        resend={send}
        onClose={onClose}
      />
      <FormError message={f.errors._form} />
      <SegmentedControl
        fullWidth
        aria-label={t('meeting.reply')}
        data={[
          { value: 'attending', label: t('attendance.attending') },
          { value: 'observer', label: t('attendance.observer') },
          { value: 'declined', label: t('attendance.declined') },
        ]}
        value={f.values.status}
        onChange={(v) => f.set('status', wordOf(ATTENDANCE_STATUSES, v) ?? 'declined')}
      />
      <Textarea
        label={f.values.status === 'declined' ? t('meeting.declineReason') : t('meeting.note')}
        description={f.values.status === 'declined' ? t('meeting.declineReasonHelp') : undefined}
        required={f.values.status === 'declined'}
        autosize
        minRows={3}
        name="reason"
        {...lengthProps(AT.reason)}
        {...f.field('reason')}
        data-autofocus
      />
    </FormDialog>
  );
}

/** The meeting's record: its outcome in both languages and its minutes, edited against the version loaded. */
export function MinutesDialog({ opened, onClose, meeting, onReload }: Close & { meeting: Meeting; onReload: () => void }) {
  const { t } = useTranslation();
  const a = useMeetingAction(meeting.id);
  const f = useFormState({ minutes: '', outcome: '', outcomeKo: '' }, { draft: `meeting.minutes:${meeting.id}`, conflicts: true });
  const current = { minutes: meeting.minutes ?? '', outcome: meeting.outcome ?? '', outcomeKo: meeting.outcomeKo ?? '' };
  useResetOnOpen(opened, () => {
    f.reset(current);
    a.update.reset();
  });
  const send = (v: typeof current) =>
    a.update.mutate({ version: meeting.version, body: { minutes: v.minutes || null, outcome: v.outcome || null, outcomeKo: v.outcomeKo || null } }, f.sending(onClose));
  const submit = () => {
    const ok = f.validate({
      minutes: (v) => checkText(t, v.minutes, MP.minutes),
      outcome: (v) => checkText(t, v.outcome, MP.outcome),
      outcomeKo: (v) => checkText(t, v.outcomeKo, MP.outcomeKo),
    });
    if (ok) send(f.values);
  };
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      form={f}
      size="xl"
      title={t('meeting.editRecordTitle')}
      submitLabel={t('action.save')}
      pending={a.update.isPending}
      onSubmit={submit}
      testId="minutes-form"
    >
      <FormConflict
        form={f}
        mutation={a.update}
        refresh={onReload}
        version={meeting.version}
        fields={[
          { key: 'outcome', label: t('meeting.outcomeEn') },
          { key: 'outcomeKo', label: t('meeting.outcomeKo') },
          { key: 'minutes', label: t('meeting.minutes') },
        ]}
        theirs={current}
        resend={send}
        onClose={onClose}
      />
      <FormError message={f.errors._form} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Textarea label={t('meeting.outcomeEn')} autosize minRows={3} {...lengthProps(MP.outcome)} {...f.field('outcome')} name="outcome" />
        <Textarea label={t('meeting.outcomeKo')} lang="ko" autosize minRows={3} {...lengthProps(MP.outcomeKo)} {...f.field('outcomeKo')} name="outcomeKo" />
      </SimpleGrid>
      <Textarea label={t('meeting.minutes')} autosize minRows={8} {...lengthProps(MP.minutes)} {...f.field('minutes')} name="minutes" />
    </FormDialog>
  );
}

/**
 * Adds an agenda item, or changes one (`item`): its title in English and Korean, its track, the
 * issue it takes up and the organisation that leads it.
 */
export function AgendaItemDialog({ opened, onClose, meeting, group, item, onReload }: Close & { meeting: Meeting; group?: WorkingGroup; item?: AgendaItem; onReload?: () => void }) {
  const { t } = useTranslation();
  const names = useNames();
  const a = useMeetingAction(meeting.id);
  const issues = useIssues(opened ? meeting.wgId : undefined);
  const m = item ? a.updateAgenda : a.addAgenda;
  const initial = () => ({
    title: item?.title ?? '',
    titleKo: item?.titleKo ?? '',
    trackId: item?.trackId ?? (null as string | null),
    issueId: item?.issueId ?? (null as string | null),
    leadOrgId: item?.leadOrgId ?? (null as string | null),
    notes: item?.notes ?? '',
    outcome: item?.outcome ?? '',
  });
  const f = useFormState(initial(), { draft: item ? `agenda.edit:${item.id}` : `agenda.add:${meeting.id}`, conflicts: true });
  useResetOnOpen(opened, () => {
    f.reset(initial());
    a.addAgenda.reset();
    a.updateAgenda.reset();
  });
  const send = (v: ReturnType<typeof initial>) => {
    // The API keeps a field it is not sent: an emptied one is left out rather than cleared.
    const body = {
      title: v.title.trim(),
      titleKo: v.titleKo.trim() || undefined,
      trackId: v.trackId || undefined,
      issueId: v.issueId || undefined,
      leadOrgId: v.leadOrgId || undefined,
      notes: v.notes.trim() || undefined,
      outcome: v.outcome.trim() || undefined,
    };
    const done = {
      onSuccess: () => {
        f.sent();
        onClose();
      },
      onError: (e: Error) => f.fromServer(e, errorMessage(t, e)),
    };
    if (item) a.updateAgenda.mutate({ itemId: item.id, version: item.version, body }, done);
    else a.addAgenda.mutate(body, done);
  };
  const submit = () => {
    const ok = f.validate({
      title: (v) => checkText(t, v.title, AG.title, { required: true }),
      titleKo: (v) => checkText(t, v.titleKo, AG.titleKo),
      notes: (v) => checkText(t, v.notes, AG.notes),
      outcome: (v) => checkText(t, v.outcome, AG.outcome),
    });
    if (ok) send(f.values);
  };
  const tracks = (group?.tracks ?? []).map((tr) => ({ value: tr.id, label: localTitle(tr.name, tr.nameKo) }));
  const leads = (group?.members ?? [])
    .filter((x) => x.participation !== 'non_participant')
    .map((x) => ({ value: x.organisationId, label: `${x.acronym ? `${x.acronym} — ` : ''}${names.org(x.organisationId, x.name)}` }));
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      dirty={f.dirty}
      failures={f.failures}
      title={item ? t('create.agenda.editTitle') : t('meeting.addAgendaTitle')}
      submitLabel={item ? t('action.save') : t('action.add')}
      pending={m.isPending}
      onSubmit={submit}
      testId="agenda-form"
      draft={f.draft}
    >
      <FormConflict
        form={f}
        mutation={m}
        refresh={onReload}
        version={item?.version}
        fields={[
          { key: 'title', label: t('meeting.titleEn') },
          { key: 'titleKo', label: t('meeting.titleKo') },
          { key: 'notes', label: t('meeting.notes') },
          { key: 'outcome', label: t('meeting.itemOutcome') },
        ]}
        theirs={initial()}
        resend={send}
        onClose={onClose}
      />
      <FormError error={m.error instanceof ApiError && m.error.status === 409 && !isStaleWrite(m.error) ? m.error : undefined} message={f.errors._form} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('meeting.titleEn')} required {...lengthProps(AG.title)} {...f.field('title')} data-autofocus name="title" />
        <TextInput label={t('meeting.titleKo')} lang="ko" {...lengthProps(AG.titleKo)} {...f.field('titleKo')} name="titleKo" />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t('create.agenda.issue')}
          description={t('create.agenda.issueHelp')}
          searchable
          clearable
          data={(issues.data?.items ?? []).map((i) => ({ value: i.id, label: `${i.code ? `${i.code} · ` : ''}${localTitle(i.title, i.titleKo)}` }))}
          {...f.field('issueId')}
          onChange={(v) => {
            f.set('issueId', v);
            // The issue's track, unless one is chosen already.
            const track = issues.data?.items.find((i) => i.id === v)?.trackId;
            if (track && !f.values.trackId) f.set('trackId', track);
          }}
        />
        <Select label={t('create.agenda.lead')} searchable clearable data={leads} {...f.field('leadOrgId')} />
      </SimpleGrid>
      {tracks.length ? <Select label={t('meeting.track')} data={tracks} clearable {...f.field('trackId')} /> : null}
      <Textarea label={t('meeting.notes')} autosize minRows={2} {...lengthProps(AG.notes)} {...f.field('notes')} name="notes" />
      {item ? <Textarea label={t('meeting.itemOutcome')} autosize minRows={2} {...lengthProps(AG.outcome)} {...f.field('outcome')} name="outcome" /> : null}
    </FormDialog>
  );
}

export { isoToZonedLocal };
