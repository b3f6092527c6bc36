import { Button, Group, Modal, MultiSelect, Select, SimpleGrid, Stack, Text, TextInput, Textarea, SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useFormState, zonedToIso, isoToZonedLocal, TIMEZONES, useResetOnOpen } from '../../app/form.ts';
import { FormError } from '../../app/FormError.tsx';
import { errorMessage } from '../../app/states.tsx';
import { useNames, useReference } from '../../app/reference.ts';
import { FormDialog } from '../../app/FormDialog.tsx';
import { checkText, lengthProps } from '../../app/limits.ts';
import { localTitle } from '../../app/format.ts';
import { ApiError } from '../../api/client.ts';
import { useIssues } from '../positions/api.ts';
import { useCreateMeeting, useMeetingAction } from './api.ts';
import { AgendaItemBody, type AgendaItem, type Meeting, type MeetingSummary, type Attendance } from '../../../core/api/meetings.ts';
import type { WorkingGroup } from '../../../core/api/working-groups.ts';
import { ATTENDANCE_STATUSES, CLASSIFICATIONS, MEETING_FORMATS, MEETING_LEVELS, SCOPES, wordOf, type AttendanceStatus, type MeetingFormat, type MeetingLevel } from '../../../core/vocabulary.ts';

type Close = { opened: boolean; onClose: () => void };

const AG = AgendaItemBody.properties;

export function CreateMeetingDialog({ opened, onClose, wgId, beside }: Close & { wgId: string; beside?: MeetingSummary }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const ref = useReference();
  const create = useCreateMeeting();
  const f = useFormState({
    title: '',
    titleKo: '',
    level: (beside ? 'working' : 'working') as MeetingLevel,
    format: 'in_person' as MeetingFormat,
    place: '',
    start: '',
    end: '',
    timezone: 'Asia/Seoul',
    invite: [] as string[],
    scope: beside ? 'party' : 'group',
    classification: 'unclassified',
  });
  useResetOnOpen(opened, () => {
    f.reset();
    create.reset();
  });
  const orgs = (ref.data?.organisations ?? []).map((o) => ({ value: o.id, label: `${o.acronym ? `${o.acronym} — ` : ''}${i18n.language === 'ko' && o.nameKo ? o.nameKo : o.name}` }));
  const submit = () => {
    const ok = f.validate({
      title: (v) => !v.title.trim() && t('form.required'),
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
          onClose();
          navigate(`/groups/${wgId}/meetings/${r.id}`);
        },
        onError: (e) => f.fromServer(e, errorMessage(t, e)),
      },
    );
  };
  return (
    <Modal opened={opened} onClose={onClose} size="lg" title={beside ? t('meeting.addConsultationTitle') : t('meeting.createTitle')}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          {beside ? (
            <Text size="sm" c="dimmed">
              {t('meeting.consultationHelp', { title: beside.title })}
            </Text>
          ) : null}
          <FormError message={f.errors._form} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('meeting.titleEn')} required {...f.field('title')} data-autofocus name="title" />
            <TextInput label={t('meeting.titleKo')} lang="ko" {...f.field('titleKo')} name="titleKo" />
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
          <TextInput label={t('meeting.place')} {...f.field('place')} name="place" />
          {orgs.length ? <MultiSelect label={t('meeting.invite')} data={orgs} searchable {...f.field('invite')} /> : null}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('access.scope')}
              data={SCOPES.map((s) => ({ value: s, label: t(`scope.${s}`) }))}
              {...f.field('scope')}
              allowDeselect={false}
              description={t(`scopeHelp.${f.values.scope}`)}
            />
            <Select label={t('access.classification')} data={CLASSIFICATIONS.map((s) => ({ value: s, label: t(`classification.${s}`) }))} {...f.field('classification')} allowDeselect={false} />
          </SimpleGrid>
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('action.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {beside ? t('meeting.recordConsultation') : t('meeting.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function useReasonDialog(opened: boolean) {
  const f = useFormState({ reason: '', newStart: '', outcome: '' });
  useResetOnOpen(opened, () => f.reset());
  return f;
}

export function PostponeDialog({ opened, onClose, meeting, onReload }: Close & { meeting: Meeting; onReload: () => void }) {
  const { t } = useTranslation();
  const a = useMeetingAction(meeting.id);
  const f = useReasonDialog(opened);
  useResetOnOpen(opened, () => a.postpone.reset());
  const submit = () => {
    if (!f.validate({ reason: (v) => !v.reason.trim() && t('form.reasonRequired') })) return;
    a.postpone.mutate(
      { version: meeting.version, reason: f.values.reason.trim(), newStartsAt: f.values.newStart ? zonedToIso(f.values.newStart, meeting.timezone) : undefined },
      { onSuccess: onClose, onError: (e) => f.fromServer(e, errorMessage(t, e)) },
    );
  };
  return (
    <Modal opened={opened} onClose={onClose} title={t('meeting.postponeTitle')}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <FormError
            error={a.postpone.error}
            message={a.postpone.error ? undefined : f.errors._form}
            onReload={() => {
              onReload();
              onClose();
            }}
          />
          <Textarea label={t('meeting.reason')} required autosize minRows={3} {...f.field('reason')} data-autofocus name="reason" />
          <TextInput type="datetime-local" label={t('meeting.newStartsAt', { tz: meeting.timezone })} description={t('meeting.newStartsAtHelp')} {...f.field('newStart')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('action.cancel')}
            </Button>
            <Button type="submit" color="orange" loading={a.postpone.isPending}>
              {t('meeting.postpone')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function CancelDialog({ opened, onClose, meeting, onReload }: Close & { meeting: Meeting; onReload: () => void }) {
  const { t } = useTranslation();
  const a = useMeetingAction(meeting.id);
  const f = useReasonDialog(opened);
  useResetOnOpen(opened, () => a.cancel.reset());
  const submit = () => {
    if (!f.validate({ reason: (v) => !v.reason.trim() && t('form.reasonRequired') })) return;
    a.cancel.mutate({ version: meeting.version, reason: f.values.reason.trim() }, { onSuccess: onClose, onError: (e) => f.fromServer(e, errorMessage(t, e)) });
  };
  return (
    <Modal opened={opened} onClose={onClose} title={t('meeting.cancelTitle')}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <Text size="sm">{t('meeting.cancelWarning')}</Text>
          <FormError
            error={a.cancel.error}
            message={a.cancel.error ? undefined : f.errors._form}
            onReload={() => {
              onReload();
              onClose();
            }}
          />
          <Textarea label={t('meeting.reason')} required autosize minRows={3} {...f.field('reason')} data-autofocus name="reason" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('action.back')}
            </Button>
            <Button type="submit" color="red" loading={a.cancel.isPending}>
              {t('meeting.cancelMeeting')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function HoldDialog({ opened, onClose, meeting, onReload }: Close & { meeting: Meeting; onReload: () => void }) {
  const { t } = useTranslation();
  const a = useMeetingAction(meeting.id);
  const f = useReasonDialog(opened);
  useResetOnOpen(opened, () => a.hold.reset());
  return (
    <Modal opened={opened} onClose={onClose} title={t('meeting.holdTitle')}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          a.hold.mutate({ version: meeting.version, outcome: f.values.outcome.trim() }, { onSuccess: onClose });
        }}
      >
        <Stack gap="sm">
          <FormError
            error={a.hold.error}
            onReload={() => {
              onReload();
              onClose();
            }}
          />
          <Textarea label={t('meeting.outcome')} autosize minRows={4} {...f.field('outcome')} data-autofocus />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('action.cancel')}
            </Button>
            <Button type="submit" color="green" loading={a.hold.isPending}>
              {t('meeting.markHeld')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
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
  const f = useFormState<{ status: AttendanceStatus; reason: string }>({ status: 'declined', reason: '' });
  useResetOnOpen(opened, () => {
    f.reset({ status: 'declined', reason: current?.reason ?? '' });
    a.attendance.reset();
  });
  const submit = () => {
    if (!f.validate({ reason: (v) => v.status === 'declined' && !v.reason.trim() && t('form.declineReasonRequired') })) return;
    a.attendance.mutate(
      { organisationId, status: f.values.status, reason: f.values.reason.trim() || undefined, version: current?.version },
      { onSuccess: onClose, onError: (e) => f.fromServer(e, errorMessage(t, e)) },
    );
  };
  return (
    <Modal opened={opened} onClose={onClose} title={t('meeting.respondTitle', { org: organisationName })}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <FormError
            error={a.attendance.error}
            message={a.attendance.error ? undefined : f.errors._form}
            onReload={() => {
              onReload();
              onClose();
            }}
          />
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
            {...f.field('reason')}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('action.cancel')}
            </Button>
            <Button type="submit" color={f.values.status === 'declined' ? 'red' : undefined} loading={a.attendance.isPending}>
              {f.values.status === 'declined' ? t('meeting.sendDecline') : t('meeting.sendReply')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function MinutesDialog({ opened, onClose, meeting, onReload }: Close & { meeting: Meeting; onReload: () => void }) {
  const { t } = useTranslation();
  const a = useMeetingAction(meeting.id);
  const f = useFormState({ minutes: '', outcome: '', outcomeKo: '' });
  useResetOnOpen(opened, () => {
    f.reset({ minutes: meeting.minutes ?? '', outcome: meeting.outcome ?? '', outcomeKo: meeting.outcomeKo ?? '' });
    a.update.reset();
  });
  const submit = () =>
    a.update.mutate(
      { version: meeting.version, body: { minutes: f.values.minutes || null, outcome: f.values.outcome || null, outcomeKo: f.values.outcomeKo || null } },
      { onSuccess: onClose, onError: (e) => f.fromServer(e, errorMessage(t, e)) },
    );
  return (
    <Modal opened={opened} onClose={onClose} size="xl" title={t('meeting.editRecordTitle')}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <FormError
            error={a.update.error}
            onReload={() => {
              onReload();
              onClose();
            }}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Textarea label={t('meeting.outcomeEn')} autosize minRows={3} {...f.field('outcome')} />
            <Textarea label={t('meeting.outcomeKo')} lang="ko" autosize minRows={3} {...f.field('outcomeKo')} />
          </SimpleGrid>
          <Textarea label={t('meeting.minutes')} autosize minRows={8} {...f.field('minutes')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('action.cancel')}
            </Button>
            <Button type="submit" loading={a.update.isPending}>
              {t('action.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
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
  const f = useFormState(initial());
  useResetOnOpen(opened, () => {
    f.reset(initial());
    a.addAgenda.reset();
    a.updateAgenda.reset();
  });
  const submit = () => {
    const ok = f.validate({
      title: (v) => checkText(t, v.title, AG.title, { required: true }),
      titleKo: (v) => checkText(t, v.titleKo, AG.titleKo),
      notes: (v) => checkText(t, v.notes, AG.notes),
      outcome: (v) => checkText(t, v.outcome, AG.outcome),
    });
    if (!ok) return;
    const v = f.values;
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
    const done = { onSuccess: onClose, onError: (e: Error) => f.fromServer(e, errorMessage(t, e)) };
    if (item) a.updateAgenda.mutate({ itemId: item.id, version: item.version, body }, done);
    else a.addAgenda.mutate(body, done);
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
    >
      <FormError
        error={m.error instanceof ApiError && (m.error.status === 409 || m.error.status === 428) ? m.error : undefined}
        message={f.errors._form}
        onReload={
          onReload
            ? () => {
                onReload();
                onClose();
              }
            : undefined
        }
      />
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
