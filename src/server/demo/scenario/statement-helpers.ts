/**
 * Builder for the demo statements (world-facts §C): one call per statement gives the statement
 * row and its issue links. Quotes are the words inside the quotation marks as printed (a trailing
 * comma before the closing mark dropped); `passage` keeps the whole printed excerpt where it
 * carries more than the quote (attribution, split quotes, partial quotes).
 */
import type { DemoScenario } from '../types.ts';
import { guard } from './reference.ts';
import type { StatementMedium } from '../../../core/vocabulary.ts';

type Statement = DemoScenario['statements'][number];
type Link = DemoScenario['statement_issues'][number];
type Stance = 'strongly_oppose' | 'oppose' | 'neutral' | 'support' | 'strongly_support' | null;

export interface StatementSpec {
  n: number;
  on: string;
  person?: string;
  org?: string;
  /** For anonymous or collective speakers. */
  desc?: string;
  party: string | null;
  medium: StatementMedium;
  quote: string;
  url: string;
  title?: string;
  context: string;
  wg: string | null;
  /** The owner organisation; defaults to the speaker organisation. */
  owner?: string;
  passage?: string;
  issues?: [string, Stance][];
}

export const statementId = (n: number) => `st-S${String(n).padStart(2, '0')}`;

export function build(specs: StatementSpec[]): { statements: Statement[]; links: Link[] } {
  const statements: Statement[] = [];
  const links: Link[] = [];
  for (const s of specs) {
    const owner = s.owner ?? s.org;
    if (!owner) throw new Error(`demo statement S${s.n}: no owner organisation`);
    const id = statementId(s.n);
    statements.push({
      id,
      wg_id: s.wg,
      party_id: s.party,
      speaker_person_id: s.person ?? null,
      speaker_org_id: s.org ?? null,
      speaker_description: s.desc ?? null,
      said_on: s.on,
      medium: s.medium,
      language: 'en',
      quote: s.quote,
      context: s.context,
      source_url: s.url,
      source_title: s.title ?? null,
      passage: s.passage ?? null,
      ...guard(owner, 'public', 0),
    });
    for (const [issue_id, stance] of s.issues ?? []) links.push({ statement_id: id, issue_id, stance });
  }
  return { statements, links };
}
