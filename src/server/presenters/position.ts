import type { Static } from 'typebox';
import type { Actor } from '../auth/actor.ts';
import type { PositionRow } from '../db/tables.ts';
import { stanceValue, type Stance } from '../../core/vocabulary.ts';
import { positionAbilities } from '../policies/position.ts';
import { presentAccess } from './access.ts';
import type { PositionSchema } from '../../core/api/positions.ts';

export function presentPosition(actor: Actor, p: PositionRow): Static<typeof PositionSchema> {
  return {
    id: p.id,
    wgId: p.wg_id,
    issueId: p.issue_id,
    partyId: p.party_id,
    organisationId: p.organisation_id,
    stance: p.stance as Stance | null,
    stanceValue: p.stance ? stanceValue(p.stance as Stance) : null,
    conditions: p.conditions,
    rationale: p.rationale,
    sourceKind: p.source_kind,
    sourceRef: p.source_ref,
    validFrom: p.valid_from,
    recordedBy: p.recorded_by,
    createdAt: p.created_at,
    access: presentAccess(p),
    abilities: positionAbilities(actor, p),
  };
}
