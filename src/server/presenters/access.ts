import type { Static } from 'typebox';
import { CLASSIFICATIONS } from '../../core/vocabulary.ts';
import type { AccessSchema, ScopeSchema } from '../../core/api/common.ts';

/** The access block of a guarded row, as every response carries it. */
export const presentAccess = (r: { scope: string; classification: number; owner_org_id: string; owner_party_id: string }): Static<typeof AccessSchema> => ({
  scope: r.scope as Static<typeof ScopeSchema>,
  classification: CLASSIFICATIONS[Number(r.classification)] ?? 'secret',
  ownerOrgId: r.owner_org_id,
  ownerPartyId: r.owner_party_id,
});
