import { createHash } from 'node:crypto';
import { canonicalJson } from '../audit/canonical-json.ts';

export interface HashableClause {
  clause_key: string;
  position: number;
  status: string;
  text_en: string;
  text_ko: string | null;
  alternatives: { party_id: string; text_en: string; text_ko: string | null }[];
}

/**
 * The content hash a sign-off binds to: over every clause of a version, in order, in every
 * language, with each party's bracketed alternatives. Changing one character of one language
 * changes the hash, so a party can never be said to have signed text it did not see.
 */
export function documentContentHash(clauses: HashableClause[]): string {
  const normalised = [...clauses]
    .sort((a, b) => a.position - b.position || a.clause_key.localeCompare(b.clause_key))
    .map((c) => ({
      key: c.clause_key,
      position: Number(c.position),
      status: c.status,
      en: c.text_en,
      ko: c.text_ko ?? null,
      alternatives: [...c.alternatives]
        .sort((x, y) => x.party_id.localeCompare(y.party_id) || x.text_en.localeCompare(y.text_en))
        .map((a) => ({ party: a.party_id, en: a.text_en, ko: a.text_ko ?? null })),
    }));
  return createHash('sha256').update(canonicalJson(normalised)).digest('hex');
}
