import type { Static } from 'typebox';
import type { Actor } from '../auth/actor.ts';
import { statementAbilities } from '../policies/statement.ts';
import type { StatementView } from '../queries/statements.ts';
import { presentAccess } from './access.ts';
import type { SpeakerSchema, StatementSchema } from '../../core/api/statements.ts';

/**
 * Who spoke, for display: a named person; else an anonymous speaker described within their
 * organisation ("a senior official (Department of State)"); else the organisation; else the
 * description alone.
 */
export function presentSpeaker(s: StatementView): Static<typeof SpeakerSchema> {
  const kind = s.speaker_person_id ? 'person' : s.speaker_description ? 'anonymous' : 'organisation';
  let display: string;
  if (s.person_name) display = s.org_name ? `${s.person_name} (${s.org_acronym ?? s.org_name})` : s.person_name;
  else if (s.speaker_description && s.org_name) display = `${s.speaker_description} (${s.org_name})`;
  else display = s.org_name ?? s.speaker_description ?? 'Unknown speaker';
  return {
    kind,
    personId: s.speaker_person_id,
    personName: s.person_name,
    personNameKo: s.person_name_ko,
    orgId: s.speaker_org_id,
    orgName: s.org_name,
    orgNameKo: s.org_name_ko,
    description: s.speaker_description,
    display,
  };
}

export function presentStatement(actor: Actor, s: StatementView): Static<typeof StatementSchema> {
  return {
    id: s.id,
    version: Number(s.version),
    wgId: s.wg_id,
    partyId: s.party_id,
    speaker: presentSpeaker(s),
    saidOn: s.said_on,
    medium: s.medium,
    language: s.language,
    quote: s.quote,
    context: s.context,
    sourceUrl: s.source_url,
    sourceTitle: s.source_title,
    passage: s.passage,
    articleId: s.article_id ?? null,
    recordedBy: { orgId: s.recorder_id ?? s.owner_org_id, orgName: s.recorder_name ?? s.owner_org_id, orgNameKo: s.recorder_name_ko, orgAcronym: s.recorder_acronym, via: s.recorded_via ?? 'entry' },
    issues: s.issues.map((i) => ({ issueId: i.issue_id, title: i.title, titleKo: i.title_ko, stance: i.stance })),
    createdAt: s.created_at,
    updatedAt: s.updated_at,
    access: presentAccess(s),
    abilities: statementAbilities(actor, s),
  };
}
