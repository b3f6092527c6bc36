import type { Static } from 'typebox';
import type { PositionRow } from '../db/tables.ts';
import { badRequest, forbidden } from '../errors.ts';
import { positionRecordingRefusal } from '../policies/position.ts';
import { getVisible } from '../queries/visible.ts';
import type { PositionCreateBody } from '../../core/api/positions.ts';
import { guardOf, newGuard } from './guard.ts';
import { newId, now, runCommand, type ActingContext } from './run.ts';
import { checkDate, today } from './values.ts';

/**
 * Records a stance on an issue, valid from a date. Positions are append-only: a change of stance
 * is a new position, so the record shows what each side held on any date. By default a position
 * is visible to the recording government only (scope `party`).
 */
export async function recordPosition(ctx: ActingContext, body: Static<typeof PositionCreateBody>): Promise<string> {
  const { actor } = ctx;
  const db = ctx.store.db;
  const issue = await getVisible(db, actor, 'issues', body.issueId, 'Issue').catch(() => {
    throw badRequest('body.issueId', 'names no issue you can see', 'unknown_record');
  });
  const partyId = body.partyId ?? actor.partyId;
  const party = await db.selectFrom('wg_parties').select('party_id').where('wg_id', '=', issue.wg_id).where('party_id', '=', partyId).executeTakeFirst();
  if (!party) throw badRequest('body.partyId', 'is not a party to the working group', 'party_not_in_group');
  if (body.organisationId) {
    const org = await db.selectFrom('organisations').select(['id', 'party_id']).where('id', '=', body.organisationId).executeTakeFirst();
    if (!org) throw badRequest('body.organisationId', 'names no organisation', 'unknown_record');
    if (org.party_id !== partyId) throw badRequest('body.organisationId', 'belongs to another party', 'party_not_in_group');
  }
  const refusal = positionRecordingRefusal(actor, issue.wg_id, partyId, body.organisationId ?? null);
  if (refusal) throw forbidden(refusal, 'not_permitted');
  const validFrom = body.validFrom === undefined ? today() : checkDate(body.validFrom, 'body.validFrom');
  const guard = newGuard(actor, issue.wg_id, body, 'party');
  const row: PositionRow = {
    id: newId(),
    wg_id: issue.wg_id,
    issue_id: issue.id,
    party_id: partyId,
    organisation_id: body.organisationId ?? null,
    stance: body.stance,
    conditions: body.conditions ?? null,
    rationale: body.rationale ?? null,
    source_kind: body.sourceKind ?? null,
    source_ref: body.sourceRef ?? null,
    valid_from: validFrom,
    recorded_by: actor.userId,
    created_at: now(),
    ...guard,
  };
  await runCommand(ctx, async (tx, audit) => {
    await tx.insertInto('positions').values(row).execute();
    audit({ action: 'position.record', entityType: 'position', entityId: row.id, after: row, guard: guardOf(row) });
  });
  return row.id;
}
