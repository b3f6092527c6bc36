import type { Static } from 'typebox';
import type { Kysely } from 'kysely';
import type { Database, ProjectRow } from '../db/tables.ts';
import type { ProjectStage } from '../../core/vocabulary.ts';
import { AppError, badRequest, forbidden } from '../errors.ts';
import { canProposeFor, canProposeProject, nextStages, projectAbilities, TERMINAL_STAGES } from '../policies/project.ts';
import { eventOrder } from '../queries/projects.ts';
import { getVisible } from '../queries/visible.ts';
import { guardOf, newGuard } from './guard.ts';
import { checkDate, checkTimeZone, patchFrom, pick } from './values.ts';
import { newId, now, runCommand, updateVersioned, type ActingContext } from './run.ts';
import type { ProjectCreateBody, ProjectUpdateBody, RescheduleBody, StageChangeBody } from '../../core/api/projects.ts';

async function checkTrack(db: Kysely<Database>, wgId: string, trackId: string | null | undefined) {
  if (!trackId) return;
  const t = await db.selectFrom('tracks').select('id').where('id', '=', trackId).where('wg_id', '=', wgId).executeTakeFirst();
  if (!t) throw badRequest('body.trackId', 'names no track of this working group', 'unknown_record');
}

async function checkOrganisation(db: Kysely<Database>, orgId: string | null | undefined, field: string) {
  if (!orgId) return;
  const o = await db.selectFrom('organisations').select('id').where('id', '=', orgId).executeTakeFirst();
  if (!o) throw badRequest(field, 'names no organisation', 'unknown_record');
}

/**
 * Proposes a cooperation project in a working group. The pipeline starts at `proposed`, with a
 * first stage event dated `proposedOn` (default today), so its time in every stage is counted
 * from the start.
 */
export async function createProject(ctx: ActingContext, body: Static<typeof ProjectCreateBody>): Promise<string> {
  const { actor } = ctx;
  const db = ctx.store.db;
  const wg = await getVisible(db, actor, 'working_groups', body.wgId, 'Working group').catch(() => {
    throw badRequest('body.wgId', 'names no working group you can see', 'unknown_record');
  });
  if (!canProposeProject(actor, wg.id)) throw forbidden('Only members, the secretariat and the chair of the working group may propose projects in it', 'not_permitted');
  const proponent = body.proponentOrgId ?? actor.orgId;
  if (!canProposeFor(actor, wg.id, proponent)) throw forbidden('A member proposes projects for their own organisation', 'not_permitted');
  await checkOrganisation(db, proponent, 'body.proponentOrgId');
  await checkTrack(db, wg.id, body.trackId);
  if (body.plannedOn) checkDate(body.plannedOn, 'body.plannedOn');
  if (body.proposedOn) checkDate(body.proposedOn, 'body.proposedOn');
  if (body.timezone) checkTimeZone(body.timezone, 'body.timezone');
  const guard = newGuard(actor, wg.id, body);
  const t = now();
  const row: ProjectRow = {
    id: newId(),
    wg_id: wg.id,
    track_id: body.trackId ?? null,
    name: body.name,
    name_ko: body.nameKo ?? null,
    description: body.description ?? null,
    proponent_org_id: proponent,
    stage: 'proposed',
    planned_on: body.plannedOn ?? null,
    status_note: null,
    ...guard,
    version: 1,
    created_at: t,
    updated_at: t,
  };
  const event = {
    id: newId(),
    project_id: row.id,
    stage: 'proposed' as const,
    occurred_on: body.proposedOn ?? t.slice(0, 10),
    timezone: body.timezone ?? null,
    reason: body.reason ?? null,
    authority_org_id: null,
    meeting_id: null,
    recorded_by: actor.userId,
    created_at: t,
  };
  await runCommand(ctx, async (tx, audit) => {
    await tx.insertInto('projects').values(row).execute();
    await tx.insertInto('project_stage_events').values(event).execute();
    audit({ action: 'project.create', entityType: 'project', entityId: row.id, after: { ...row, firstStageEvent: event }, guard: guardOf(row) });
  });
  return row.id;
}

/** Changes a project's details (If-Match). Its stage and planned date change through their own use cases. */
export async function updateProject(ctx: ActingContext, id: string, version: number, body: Static<typeof ProjectUpdateBody>): Promise<void> {
  const { actor } = ctx;
  const db = ctx.store.db;
  const p = await getVisible(db, actor, 'projects', id, 'Project');
  if (!projectAbilities(actor, p).update) throw forbidden('Only the chair or secretariat of the working group may change its projects', 'not_permitted');
  await checkTrack(db, p.wg_id, body.trackId);
  await checkOrganisation(db, body.proponentOrgId, 'body.proponentOrgId');
  const patch = patchFrom(body, { name: 'name', nameKo: 'name_ko', description: 'description', trackId: 'track_id', proponentOrgId: 'proponent_org_id', statusNote: 'status_note' });
  await runCommand(ctx, async (tx, audit) => {
    await updateVersioned(tx, 'projects', id, version, patch);
    audit({ action: 'project.update', entityType: 'project', entityId: id, before: pick(p, Object.keys(patch)), after: patch, guard: guardOf(p) });
  });
}

/**
 * Moves a project to another stage (If-Match), recording when it happened (in which time zone's
 * calendar), why, which authority decided (e.g. the UN 1718 Committee for an exemption) and at
 * which meeting. Only the transitions in `PROJECT_TRANSITIONS` are allowed (409 names the
 * refused one); an event may not be dated before the previous one (400).
 */
export async function changeProjectStage(ctx: ActingContext, id: string, version: number, body: Static<typeof StageChangeBody>): Promise<void> {
  const { actor } = ctx;
  const db = ctx.store.db;
  const p = await getVisible(db, actor, 'projects', id, 'Project');
  if (!projectAbilities(actor, p).update) throw forbidden('Only the chair or secretariat of the working group may move its projects through the pipeline', 'not_permitted');
  checkDate(body.occurredOn, 'body.occurredOn');
  if (body.timezone) checkTimeZone(body.timezone, 'body.timezone');
  await checkOrganisation(db, body.authorityOrgId, 'body.authorityOrgId');
  if (body.meetingId) {
    const m = await getVisible(db, actor, 'meetings', body.meetingId, 'Meeting').catch(() => {
      throw badRequest('body.meetingId', 'names no meeting you can see', 'unknown_record');
    });
    if (m.wg_id !== p.wg_id) throw badRequest('body.meetingId', "belongs to another working group than the project's", 'other_working_group');
  }
  const t = now();
  await runCommand(ctx, async (tx, audit) => {
    // The If-Match check first: it also takes the project row, so the stage and history read
    // below are the ones this change applies to.
    await updateVersioned(tx, 'projects', id, version, {});
    const cur = await tx.selectFrom('projects').select('stage').where('id', '=', id).executeTakeFirstOrThrow();
    const events = (await tx.selectFrom('project_stage_events').selectAll().where('project_id', '=', id).execute()).sort(eventOrder);
    const from = cur.stage as ProjectStage;
    const to = body.stage as ProjectStage;
    const stalledFrom = from === 'stalled' ? (events.at(-2)?.stage as ProjectStage | undefined) : undefined;
    const allowed = nextStages(from, stalledFrom);
    if (!allowed.includes(to)) {
      throw new AppError('conflict', `Illegal stage transition ${from} → ${to}. From ${from} the project may move to: ${allowed.join(', ') || 'nothing (it is finished)'}`, {
        reason: 'not_in_this_state',
        details: { from, to, allowed },
      });
    }
    const last = events.at(-1);
    if (last && body.occurredOn < last.occurred_on) throw badRequest('body.occurredOn', `is before the previous stage event (${last.stage} on ${last.occurred_on})`, 'date_order');
    const event = {
      id: newId(),
      project_id: id,
      stage: to,
      occurred_on: body.occurredOn,
      timezone: body.timezone ?? null,
      reason: body.reason,
      authority_org_id: body.authorityOrgId ?? null,
      meeting_id: body.meetingId ?? null,
      recorded_by: actor.userId,
      created_at: t,
    };
    await tx.insertInto('project_stage_events').values(event).execute();
    await tx.updateTable('projects').set({ stage: to }).where('id', '=', id).execute();
    audit({ action: 'project.stage_change', entityType: 'project', entityId: id, before: { stage: from }, after: { stage: to, event }, guard: guardOf(p) });
  });
}

/** Moves a project's planned date (If-Match), keeping the old date, the new one and the reason. */
export async function rescheduleProject(ctx: ActingContext, id: string, version: number, body: Static<typeof RescheduleBody>): Promise<void> {
  const { actor } = ctx;
  const db = ctx.store.db;
  const p = await getVisible(db, actor, 'projects', id, 'Project');
  if (!projectAbilities(actor, p).update) throw forbidden('Only the chair or secretariat of the working group may reschedule its projects', 'not_permitted');
  if (TERMINAL_STAGES.includes(p.stage as ProjectStage)) throw new AppError('conflict', `The project is ${p.stage}; a finished project has no date to move`, { reason: 'not_in_this_state' });
  if (body.newDate) checkDate(body.newDate, 'body.newDate');
  const t = now();
  await runCommand(ctx, async (tx, audit) => {
    await updateVersioned(tx, 'projects', id, version, { planned_on: body.newDate });
    const change = { id: newId(), project_id: id, old_date: p.planned_on, new_date: body.newDate, reason: body.reason, changed_on: t.slice(0, 10), recorded_by: actor.userId, created_at: t };
    await tx.insertInto('project_date_changes').values(change).execute();
    audit({ action: 'project.reschedule', entityType: 'project', entityId: id, before: { planned_on: p.planned_on }, after: change, guard: guardOf(p) });
  });
}
