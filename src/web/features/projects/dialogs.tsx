import { Select, SimpleGrid, Text, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { TIMEZONES, useFormState, useResetOnOpen } from '../../app/form.ts';
import { DateField } from '../../app/DateField.tsx';
import { FormError } from '../../app/FormError.tsx';
import { AccessFields, FormDialog } from '../../app/FormDialog.tsx';
import { checkText, lengthProps } from '../../app/limits.ts';
import { formatDate, localTitle, todayIso } from '../../app/format.ts';
import { useNames, useReference } from '../../app/reference.ts';
import { useUser } from '../../app/session.tsx';
import { errorMessage } from '../../app/states.tsx';
import { ApiError } from '../../api/client.ts';
import { FormConflict } from '../../app/ConflictPanel.tsx';
import { isStaleWrite } from '../../app/conflict.ts';
import { useMeetings } from '../meetings/api.ts';
import { useChangeStage, useCreateProject, useReschedule } from './api.ts';
import { ProjectCreateBody, RescheduleBody, StageChangeBody, type Project } from '../../../core/api/projects.ts';
import type { WorkingGroup } from '../../../core/api/working-groups.ts';
import type { ProjectStage } from '../../../core/vocabulary.ts';

const P = ProjectCreateBody.properties;
/** A refusal shown above the form: neither a field's 400 (shown at the field) nor a conflict (the conflict panel). */
const otherError = (e: unknown) => (e instanceof ApiError && e.status !== 400 && !isStaleWrite(e) ? e : undefined);
const SC = StageChangeBody.properties;
const RB = RescheduleBody.properties;

/** Stages decided outside the group, by an authority such as the UN Security Council 1718 Committee. */
const AUTHORITY_STAGES: readonly ProjectStage[] = ['exemption_requested', 'exemption_granted', 'exemption_denied'];

/** Every organisation, for the deciding authority (the 1718 Committee is no member of any group). */
function useOrganisationOptions() {
  const ref = useReference();
  const names = useNames();
  return (ref.data?.organisations ?? []).map((o) => ({ value: o.id, label: `${o.acronym ? `${o.acronym} — ` : ''}${names.org(o.id, o.name)}` }));
}

/** A cooperation project proposed in the group: it starts at "proposed", dated the day it was proposed. */
export function NewProjectDialog({ opened, onClose, group, onCreated }: { opened: boolean; onClose: () => void; group: WorkingGroup; onCreated?: (id: string) => void }) {
  const { t } = useTranslation();
  const user = useUser();
  const names = useNames();
  const create = useCreateProject();
  const f = useFormState(
    {
      name: '',
      nameKo: '',
      description: '',
      trackId: null as string | null,
      proponentOrgId: (user?.organisationId ?? null) as string | null,
      plannedOn: '',
      proposedOn: todayIso(),
      timezone: 'Asia/Seoul' as string | null,
      reason: '',
      scope: 'group',
      classification: 'unclassified',
    },
    { draft: `project.create:${group.id}` },
  );
  useResetOnOpen(opened, () => {
    f.reset();
    create.reset();
  });
  const members = group.members.filter((m) => m.participation !== 'non_participant');
  const submit = () => {
    const ok = f.validate({
      name: (v) => checkText(t, v.name, P.name, { required: true }),
      nameKo: (v) => checkText(t, v.nameKo, P.nameKo),
      description: (v) => checkText(t, v.description, P.description),
      reason: (v) => checkText(t, v.reason, P.reason),
      proposedOn: (v) => !v.proposedOn && t('form.required'),
      plannedOn: (v) => !!v.plannedOn && v.plannedOn < v.proposedOn && t('create.project.plannedBeforeProposed'),
    });
    if (!ok) return;
    const v = f.values;
    create.mutate(
      {
        wgId: group.id,
        name: v.name.trim(),
        nameKo: v.nameKo.trim() || null,
        description: v.description.trim() || null,
        trackId: v.trackId || null,
        proponentOrgId: v.proponentOrgId || undefined,
        plannedOn: v.plannedOn || null,
        proposedOn: v.proposedOn,
        timezone: v.timezone || undefined,
        reason: v.reason.trim() || undefined,
        scope: v.scope as never,
        classification: v.classification as never,
      },
      {
        onSuccess: (r) => {
          f.sent();
          onClose();
          onCreated?.(r.id);
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
      title={t('create.project.title')}
      submitLabel={t('create.project.submit')}
      pending={create.isPending}
      onSubmit={submit}
      testId="new-project-form"
    >
      <Text size="sm" c="dimmed">
        {t('create.project.help')}
      </Text>
      <FormError message={f.errors._form} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('create.project.nameEn')} required {...lengthProps(P.name)} {...f.field('name')} data-autofocus name="name" />
        <TextInput label={t('create.project.nameKo')} lang="ko" {...lengthProps(P.nameKo)} {...f.field('nameKo')} name="nameKo" />
      </SimpleGrid>
      <Textarea label={t('create.description')} autosize minRows={2} {...lengthProps(P.description)} {...f.field('description')} name="description" />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t('projects.proponent')}
          description={t('create.project.proponentHelp')}
          searchable
          allowDeselect={false}
          data={members.map((m) => ({ value: m.organisationId, label: `${m.acronym ? `${m.acronym} — ` : ''}${names.org(m.organisationId, m.name)}` }))}
          {...f.field('proponentOrgId')}
        />
        <Select label={t('create.track')} clearable data={group.tracks.map((tr) => ({ value: tr.id, label: localTitle(tr.name, tr.nameKo) }))} {...f.field('trackId')} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <DateField label={t('create.project.proposedOn')} required {...f.field('proposedOn')} name="proposedOn" />
        <Select label={t('projects.dateZone')} data={[...TIMEZONES]} {...f.field('timezone')} allowDeselect={false} />
        <DateField label={t('create.project.plannedOn')} {...f.field('plannedOn')} name="plannedOn" />
      </SimpleGrid>
      <Textarea label={t('create.project.reason')} autosize minRows={2} {...lengthProps(P.reason)} {...f.field('reason')} name="reason" />
      <AccessFields scope={f.field('scope')} classification={f.field('classification')} />
    </FormDialog>
  );
}

/**
 * Moves a project to one of the stages the server allows now, with the date (in the calendar of
 * the place it happened), the reason, the deciding authority (e.g. the UN Security Council 1718
 * Committee for a sanctions exemption) and the meeting where it was decided.
 */
export function StageDialog({ p, opened, onClose, onReload }: { p: Project; opened: boolean; onClose: () => void; onReload: () => void }) {
  const { t } = useTranslation();
  const m = useChangeStage(p.id);
  const orgs = useOrganisationOptions();
  const meetings = useMeetings(opened ? p.wgId : undefined, { limit: 500 });
  const initial = () => ({
    stage: (p.allowedNextStages[0] ?? null) as string | null,
    occurredOn: todayIso(),
    timezone: 'Asia/Seoul' as string | null,
    reason: '',
    authorityOrgId: null as string | null,
    meetingId: null as string | null,
  });
  const f = useFormState(initial(), { draft: `project.stage:${p.id}`, conflicts: true });
  useResetOnOpen(opened, () => {
    f.reset(initial());
    m.reset();
  });
  const external = AUTHORITY_STAGES.includes(f.values.stage as ProjectStage);
  const submit = () => {
    const ok = f.validate({
      stage: (v) => !v.stage && t('form.required'),
      occurredOn: (v) => !v.occurredOn && t('form.required'),
      reason: (v) => (!v.reason.trim() ? t('form.reasonRequired') : checkText(t, v.reason, SC.reason)),
    });
    if (!ok) return;
    send(f.values);
  };
  // The project as loaded now names the version: after a conflict, "keep mine" sends against the current one.
  const send = (v: typeof f.values) =>
    m.mutate(
      {
        version: p.version,
        stage: v.stage as ProjectStage,
        occurredOn: v.occurredOn,
        timezone: v.timezone ?? undefined,
        reason: v.reason.trim(),
        authorityOrgId: v.authorityOrgId || undefined,
        meetingId: v.meetingId || undefined,
      },
      f.sending(onClose),
    );
  return (
    <FormDialog opened={opened} onClose={onClose} form={f} title={t('projects.changeStageTitle')} submitLabel={t('projects.changeStage')} pending={m.isPending} onSubmit={submit} testId="stage-form">
      {/* A 400 shows at its field (or above the form when it names none); a conflict opens the conflict panel. */}
      <FormConflict form={f} mutation={m} refresh={onReload} version={p.version} resend={send} onClose={onClose} />
      <FormError error={otherError(m.error)} message={f.errors._form} />
      <Select label={t('projects.newStage')} data={p.allowedNextStages.map((s) => ({ value: s, label: t(`stage.${s}`) }))} {...f.field('stage')} allowDeselect={false} data-autofocus />
      <SimpleGrid cols={2}>
        <DateField label={t('projects.occurredOn')} required {...f.field('occurredOn')} name="occurredOn" />
        <Select label={t('projects.dateZone')} description={t('projects.dateZoneHelp')} data={[...TIMEZONES]} {...f.field('timezone')} />
      </SimpleGrid>
      <Select
        label={t('create.stage.authority')}
        description={external ? t('create.stage.authorityHelpExternal') : t('create.stage.authorityHelp')}
        searchable
        clearable
        data={orgs}
        {...f.field('authorityOrgId')}
        data-testid="stage-authority"
      />
      <Select
        label={t('create.stage.meeting')}
        searchable
        clearable
        data={(meetings.data?.items ?? []).map((x) => ({ value: x.id, label: `${formatDate(x.startsAt)} · ${localTitle(x.title, x.titleKo)}` }))}
        {...f.field('meetingId')}
      />
      <Textarea label={t('meeting.reason')} required autosize minRows={2} {...lengthProps(SC.reason)} {...f.field('reason')} name="reason" />
    </FormDialog>
  );
}

/**
 * Moves a project's planned date (or says it is not known), with the reason: each move is kept in
 * the project's record of postponements.
 */
export function RescheduleDialog({ p, opened, onClose, onReload }: { p: Project; opened: boolean; onClose: () => void; onReload: () => void }) {
  const { t } = useTranslation();
  const m = useReschedule(p.id);
  const f = useFormState({ newDate: '', reason: '' }, { draft: `project.reschedule:${p.id}`, conflicts: true });
  useResetOnOpen(opened, () => {
    f.reset();
    m.reset();
  });
  const send = (v: typeof f.values) => m.mutate({ version: p.version, newDate: v.newDate || null, reason: v.reason.trim() }, f.sending(onClose));
  const submit = () => {
    if (!f.validate({ reason: (v) => (!v.reason.trim() ? t('form.reasonRequired') : checkText(t, v.reason, RB.reason)) })) return;
    send(f.values);
  };
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      form={f}
      title={t('projects.rescheduleTitle')}
      submitLabel={t('projects.reschedule')}
      submitColor="orange"
      pending={m.isPending}
      onSubmit={submit}
      testId="reschedule-form"
    >
      <FormConflict form={f} mutation={m} refresh={onReload} version={p.version} resend={send} onClose={onClose} />
      <FormError error={otherError(m.error)} message={f.errors._form} />
      <Text size="sm">{t('projects.currentPlan', { date: formatDate(p.plannedOn) })}</Text>
      <DateField label={t('projects.newDate')} description={t('projects.newDateHelp')} {...f.field('newDate')} name="newDate" data-autofocus />
      <Textarea label={t('meeting.reason')} required autosize minRows={2} {...lengthProps(RB.reason)} {...f.field('reason')} name="reason" />
    </FormDialog>
  );
}
