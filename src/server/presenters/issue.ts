import type { Static } from 'typebox';
import type { Actor } from '../auth/actor.ts';
import { issueAbilities } from '../policies/issue.ts';
import type { IssueWithTrack } from '../queries/issues.ts';
import { presentAccess } from './access.ts';
import type { IssueSchema } from '../../core/api/issues.ts';

/** Keywords are stored as JSON text; a damaged value reads as no keywords rather than failing the page. */
export function parseKeywords(text: string | null): string[] {
  try {
    const v: unknown = JSON.parse(text ?? '[]');
    return Array.isArray(v) ? v.filter((k): k is string => typeof k === 'string') : [];
  } catch {
    return [];
  }
}

export function presentIssue(actor: Actor, i: IssueWithTrack): Static<typeof IssueSchema> {
  return {
    id: i.id,
    version: Number(i.version),
    wgId: i.wg_id,
    trackId: i.track_id,
    trackName: i.track_name,
    code: i.code,
    title: i.title,
    titleKo: i.title_ko,
    description: i.description,
    keywords: parseKeywords(i.keywords),
    access: presentAccess(i),
    abilities: issueAbilities(actor, i),
  };
}
