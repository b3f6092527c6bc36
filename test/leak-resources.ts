/**
 * The guarded resources the leak test walks: how to make a record with a given guard, and the
 * list and record routes that must honour it. Every guarded resource with a route belongs here.
 */
import type { MeetingRow } from '../src/server/db/tables.ts';
import type { Store } from '../src/server/db/database.ts';
import { canSeeProposal, type GuardFields } from '../src/server/policies/visibility.ts';
import type { Actor } from '../src/server/auth/actor.ts';
import type { World } from './helpers.ts';
import { parse } from 'csv-parse/sync';

export interface LeakRecord {
  id: string;
  guard: GuardFields;
}

export interface LeakResource {
  name: string;
  prepare?: (store: Store, w: World) => Promise<void>;
  insert: (store: Store, w: World, id: string, g: GuardFields) => Promise<void>;
  listUrls: (w: World) => string[];
  /** When a list URL filters (e.g. by group), which of the visible records it should hold. */
  listFilter?: (r: LeakRecord, url: string, w: World) => boolean;
  idsFromList: (body: any) => string[];
  recordUrl: (id: string) => string;
  /** When the resource widens the rule for some records (a proposal inviting a party), whether the actor sees this one; the rule (`canSee`) otherwise. */
  sees?: (actor: Actor, memberWgIds: ReadonlySet<string>, r: LeakRecord) => boolean;
}

/** The proposals made open to the US as a party invited in (every third one). */
const invitingUs = new Set<string>();

const ts = '2026-01-01T00:00:00.000Z';
const stamp = { version: 1, created_at: ts, updated_at: ts };
/** The ids of a list's answer: its items, or the Id column of its CSV export. */
const items = (b: any): string[] => (typeof b === 'string' ? csvIds(b) : (b.items as { id: string }[]).map((x) => x.id));
function csvIds(text: string): string[] {
  const [head, ...rows] = parse(text.replace(/^\uFEFF/, '')) as string[][];
  const col = head.indexOf('Id');
  return rows.map((r) => r[col]);
}
/** The search for a resource's records (each holds its own id as text), by kind; with a group, only that group's. */
const searchUrl = (kind: string, groupId?: string) => `/api/search?q=${kind}-&kind=${kind}&limit=200${groupId ? `&groupId=${groupId}` : ''}`;

export const LEAK_RESOURCES: LeakResource[] = [
  {
    name: 'meeting',
    insert: async (store, _w, id, g) => {
      await store.db
        .insertInto('meetings')
        .values({
          id,
          wg_id: g.wg_id!,
          title: id,
          title_ko: null,
          level: 'working',
          format: 'video',
          place: null,
          starts_at: ts,
          ends_at: ts,
          timezone: 'Asia/Seoul',
          status: 'planned',
          status_reason: null,
          postponed_to: null,
          beside_meeting_id: null,
          outcome: null,
          outcome_ko: null,
          minutes: null,
          owner_org_id: g.owner_org_id,
          owner_party_id: g.owner_party_id,
          scope: g.scope,
          classification: g.classification,
          ...stamp,
        })
        .execute();
    },
    listUrls: (w) => [
      '/api/meetings?limit=500',
      `/api/meetings?wgId=${w.wgId}&limit=500`,
      searchUrl('meeting'),
      searchUrl('meeting', w.wgId),
      '/api/meetings/export.csv',
      `/api/meetings/export.csv?wgId=${w.wgId}`,
    ],
    listFilter: (r, url, w) => !/(wgId|groupId)=/.test(url) || r.guard.wg_id === w.wgId,
    idsFromList: items,
    recordUrl: (id) => `/api/meetings/${id}`,
  },
  {
    name: 'meeting series',
    insert: async (store, _w, id, g) => {
      await store.db
        .insertInto('meeting_series')
        .values({
          id,
          wg_id: g.wg_id!,
          title: id,
          title_ko: null,
          level: 'working',
          format: 'video',
          place: null,
          timezone: 'Asia/Seoul',
          starts_at: ts,
          duration_minutes: 60,
          rrule: 'FREQ=MONTHLY',
          until_date: null,
          count: 2,
          invite: '[]',
          owner_org_id: g.owner_org_id,
          owner_party_id: g.owner_party_id,
          scope: g.scope,
          classification: g.classification,
          ...stamp,
        })
        .execute();
    },
    listUrls: (w) => ['/api/series?limit=500', `/api/series?wgId=${w.wgId}&limit=500`],
    listFilter: (r, url, w) => !/(wgId|groupId)=/.test(url) || r.guard.wg_id === w.wgId,
    idsFromList: items,
    recordUrl: (id) => `/api/series/${id}`,
  },
  {
    name: 'group feed',
    insert: async (store, _w, id, g) => {
      await store.db
        .insertInto('group_feeds')
        .values({
          id,
          wg_id: g.wg_id!,
          url: `https://feeds.example/${id}`,
          title: id,
          language: 'auto',
          added_by: null,
          active: 1,
          last_fetched_at: null,
          last_status: 'pending',
          last_error: null,
          etag: null,
          last_modified: null,
          failure_count: 0,
          next_fetch_at: '2999-01-01T00:00:00.000Z',
          lease_owner: null,
          lease_until: null,
          item_count: 0,
          owner_org_id: g.owner_org_id,
          owner_party_id: g.owner_party_id,
          scope: g.scope,
          classification: g.classification,
          ...stamp,
        })
        .execute();
    },
    listUrls: (w) => [`/api/feeds?wgId=${w.wgId}&all=true`],
    listFilter: (r, _url, w) => r.guard.wg_id === w.wgId,
    idsFromList: items,
    recordUrl: (id) => `/api/feeds/${id}`,
  },
  {
    name: 'statement',
    insert: async (store, w, id, g) => {
      await store.db
        .insertInto('statements')
        .values({
          id,
          wg_id: g.wg_id,
          party_id: w.parties.kr,
          speaker_person_id: null,
          speaker_org_id: w.orgs.mofa,
          speaker_description: null,
          said_on: '2018-11-20',
          medium: 'press_briefing',
          language: 'en',
          quote: id,
          context: null,
          source_url: null,
          source_title: null,
          passage: null,
          owner_org_id: g.owner_org_id,
          owner_party_id: g.owner_party_id,
          scope: g.scope,
          classification: g.classification,
          ...stamp,
        })
        .execute();
    },
    listUrls: (w) => [
      '/api/statements?limit=500',
      `/api/statements?wgId=${w.wgId}&limit=500`,
      searchUrl('statement'),
      searchUrl('statement', w.wgId),
      '/api/statements/export.csv',
      `/api/statements/export.csv?wgId=${w.wgId}`,
    ],
    listFilter: (r, url, w) => !/(wgId|groupId)=/.test(url) || r.guard.wg_id === w.wgId,
    idsFromList: items,
    recordUrl: (id) => `/api/statements/${id}`,
  },
  {
    name: 'document',
    insert: async (store, _w, id, g) => {
      await store.db
        .insertInto('documents')
        .values({
          id,
          wg_id: g.wg_id,
          kind: 'joint_statement',
          title: id,
          title_ko: null,
          released_on: null,
          adopted_version_id: null,
          owner_org_id: g.owner_org_id,
          owner_party_id: g.owner_party_id,
          scope: g.scope,
          classification: g.classification,
          ...stamp,
        })
        .execute();
      await store.db
        .insertInto('document_versions')
        .values({ id: `${id}-v1`, document_id: id, number: 1, content_hash: '0'.repeat(64), note: null, created_by: null, created_at: ts })
        .execute();
      await store.db
        .insertInto('clauses')
        .values({ id: `${id}-c1`, version_id: `${id}-v1`, position: 1, clause_key: '1', track_id: null, status: 'agreed', text_en: id, text_ko: null })
        .execute();
    },
    listUrls: (w) => [
      '/api/documents?limit=500',
      `/api/documents?wgId=${w.wgId}&limit=500`,
      searchUrl('document'),
      searchUrl('document', w.wgId),
      '/api/documents/export.csv',
      `/api/documents/export.csv?wgId=${w.wgId}`,
    ],
    listFilter: (r, url, w) => !/(wgId|groupId)=/.test(url) || r.guard.wg_id === w.wgId,
    idsFromList: items,
    recordUrl: (id) => `/api/documents/${id}`,
  },
  {
    name: 'commitment',
    insert: async (store, _w, id, g) => {
      await store.db
        .insertInto('commitments')
        .values({
          id,
          wg_id: g.wg_id,
          document_id: null,
          clause_key: null,
          meeting_id: null,
          track: null,
          title: id,
          title_ko: null,
          responsible_party_id: null,
          responsible_org_id: null,
          due_on: null,
          owner_org_id: g.owner_org_id,
          owner_party_id: g.owner_party_id,
          scope: g.scope,
          classification: g.classification,
          ...stamp,
        })
        .execute();
    },
    listUrls: (w) => [
      '/api/commitments?limit=500',
      `/api/commitments?wgId=${w.wgId}&limit=500`,
      searchUrl('commitment'),
      searchUrl('commitment', w.wgId),
      '/api/commitments/export.csv',
      `/api/commitments/export.csv?wgId=${w.wgId}`,
    ],
    listFilter: (r, url, w) => !/(wgId|groupId)=/.test(url) || r.guard.wg_id === w.wgId,
    idsFromList: items,
    recordUrl: (id) => `/api/commitments/${id}`,
  },
  {
    name: 'project',
    insert: async (store, _w, id, g) => {
      await store.db
        .insertInto('projects')
        .values({
          id,
          wg_id: g.wg_id!,
          track_id: null,
          name: id,
          name_ko: null,
          description: null,
          proponent_org_id: g.owner_org_id,
          stage: 'proposed',
          planned_on: null,
          status_note: null,
          owner_org_id: g.owner_org_id,
          owner_party_id: g.owner_party_id,
          scope: g.scope,
          classification: g.classification,
          ...stamp,
        })
        .execute();
      await store.db
        .insertInto('project_stage_events')
        .values({
          id: `${id}-e1`,
          project_id: id,
          stage: 'proposed',
          occurred_on: '2018-11-01',
          timezone: null,
          reason: null,
          authority_org_id: null,
          meeting_id: null,
          recorded_by: null,
          created_at: ts,
        })
        .execute();
    },
    listUrls: (w) => [
      '/api/projects?limit=500',
      `/api/projects?wgId=${w.wgId}&limit=500`,
      '/api/projects/stage-times',
      `/api/projects/stage-times?wgId=${w.wgId}`,
      searchUrl('project'),
      searchUrl('project', w.wgId),
      '/api/projects/export.csv',
      `/api/projects/export.csv?wgId=${w.wgId}`,
    ],
    listFilter: (r, url, w) => !/(wgId|groupId)=/.test(url) || r.guard.wg_id === w.wgId,
    idsFromList: (b: any) => (typeof b === 'string' ? items(b) : (b.items as { id?: string; projectId?: string }[]).map((x) => (x.id ?? x.projectId)!)),
    recordUrl: (id) => `/api/projects/${id}`,
  },
  {
    name: 'article',
    insert: async (store, _w, id, g) => {
      await store.db
        .insertInto('articles')
        .values({
          id,
          wg_id: g.wg_id,
          title: id,
          source_url: null,
          published_on: '2025-12-15',
          language: 'en',
          format: 'text',
          text: `${id} said nothing.`,
          created_by: null,
          owner_org_id: g.owner_org_id,
          owner_party_id: g.owner_party_id,
          scope: g.scope,
          classification: g.classification,
          ...stamp,
        })
        .execute();
    },
    listUrls: (w) => ['/api/articles?limit=500', `/api/articles?wgId=${w.wgId}&limit=500`],
    listFilter: (r, url, w) => !/(wgId|groupId)=/.test(url) || r.guard.wg_id === w.wgId,
    idsFromList: items,
    recordUrl: (id) => `/api/articles/${id}`,
  },
  {
    // Candidates carry no guard of their own: each is reached through its article, whose guard it takes.
    name: 'statement_candidate',
    insert: async (store, _w, id, g) => {
      await store.db
        .insertInto('articles')
        .values({
          id: `${id}-article`,
          wg_id: g.wg_id,
          title: id,
          source_url: null,
          published_on: '2025-12-15',
          language: 'en',
          format: 'text',
          text: 'x said y.',
          created_by: null,
          owner_org_id: g.owner_org_id,
          owner_party_id: g.owner_party_id,
          scope: g.scope,
          classification: g.classification,
          ...stamp,
        })
        .execute();
      await store.db
        .insertInto('statement_candidates')
        .values({
          id,
          article_id: `${id}-article`,
          position: 0,
          status: 'pending',
          kind: 'indirect',
          quote: 'y',
          sentence: 'x said y.',
          span_start: 7,
          span_end: 8,
          cue: 'said',
          confidence: '0.9',
          speaker: JSON.stringify({ asWritten: { text: 'x', anonymous: false, isOrganisation: false }, resolution: { match: 'none', anonymous: false }, description: null }),
          speaker_person_id: null,
          speaker_org_id: null,
          party_id: null,
          suggested_issues: '[]',
          statement_id: null,
          reviewed_by: null,
          reviewed_at: null,
          ...stamp,
        })
        .execute();
    },
    listUrls: (w) => ['/api/statement-candidates?limit=500', `/api/statement-candidates?wgId=${w.wgId}&limit=500`],
    listFilter: (r, url, w) => !/(wgId|groupId)=/.test(url) || r.guard.wg_id === w.wgId,
    idsFromList: items,
    recordUrl: (id) => `/api/statement-candidates/${id}`,
  },
  {
    // A working group's own guard: group scope opens it to the member organisations of wg_id.
    name: 'working_group',
    insert: async (store, _w, id, g) => {
      await store.db
        .insertInto('working_groups')
        .values({
          id,
          wg_id: g.wg_id,
          name: id,
          name_ko: null,
          short_name: null,
          mandate: null,
          mandate_ko: null,
          kind: 'bilateral',
          status: 'established',
          established_on: null,
          termination_agreed_on: null,
          ended_on: null,
          cadence_rrule: null,
          cadence_note: null,
          timezone: 'Asia/Seoul',
          predecessor_id: null,
          owner_org_id: g.owner_org_id,
          owner_party_id: g.owner_party_id,
          scope: g.scope,
          classification: g.classification,
          ...stamp,
        })
        .execute();
    },
    listUrls: () => ['/api/working-groups', searchUrl('working_group')],
    idsFromList: items,
    recordUrl: (id) => `/api/working-groups/${id}`,
  },
  {
    name: 'issue',
    insert: async (store, _w, id, g) => {
      await store.db
        .insertInto('issues')
        .values({
          id,
          wg_id: g.wg_id!,
          track_id: null,
          code: null,
          title: id,
          title_ko: null,
          description: null,
          keywords: '[]',
          owner_org_id: g.owner_org_id,
          owner_party_id: g.owner_party_id,
          scope: g.scope,
          classification: g.classification,
          ...stamp,
        })
        .execute();
    },
    listUrls: (w) => ['/api/issues?limit=1000', `/api/issues?wgId=${w.wgId}&limit=1000`, searchUrl('issue'), searchUrl('issue', w.wgId)],
    listFilter: (r, url, w) => !/(wgId|groupId)=/.test(url) || r.guard.wg_id === w.wgId,
    idsFromList: items,
    recordUrl: (id) => `/api/issues/${id}`,
  },
  {
    // Each position is on its own (public) issue, so the as-of list (latest per issue, party and
    // organisation) holds every visible one.
    name: 'position',
    insert: async (store, w, id, g) => {
      await store.db
        .insertInto('issues')
        .values({
          id: `${id}-issue`,
          wg_id: g.wg_id!,
          track_id: null,
          code: null,
          title: `Issue of ${id}`,
          title_ko: null,
          description: null,
          keywords: '[]',
          owner_org_id: w.orgs.mofa,
          owner_party_id: w.parties.kr,
          scope: 'public',
          classification: 0,
          ...stamp,
        })
        .execute();
      await store.db
        .insertInto('positions')
        .values({
          id,
          wg_id: g.wg_id!,
          issue_id: `${id}-issue`,
          party_id: g.owner_party_id,
          organisation_id: null,
          stance: 'support',
          conditions: null,
          rationale: null,
          source_kind: null,
          source_ref: null,
          valid_from: '2019-01-01',
          recorded_by: null,
          created_at: ts,
          owner_org_id: g.owner_org_id,
          owner_party_id: g.owner_party_id,
          scope: g.scope,
          classification: g.classification,
        })
        .execute();
    },
    listUrls: (w) => ['/api/positions', `/api/positions?wgId=${w.wgId}&asOf=2020-01-01`, '/api/positions/export.csv', `/api/positions/export.csv?wgId=${w.wgId}&asOf=2020-01-01`],
    listFilter: (r, url, w) => !/(wgId|groupId)=/.test(url) || r.guard.wg_id === w.wgId,
    idsFromList: items,
    recordUrl: (id) => `/api/positions/${id}`,
  },
  {
    // Notes on the public factory group, with every guard.
    name: 'note',
    insert: async (store, w, id, g) => {
      await store.db
        .insertInto('notes')
        .values({
          id,
          wg_id: g.wg_id,
          entity_type: 'working_group',
          entity_id: w.wgId,
          body: id,
          created_by: null,
          owner_org_id: g.owner_org_id,
          owner_party_id: g.owner_party_id,
          scope: g.scope,
          classification: g.classification,
          ...stamp,
        })
        .execute();
    },
    listUrls: (w) => [`/api/notes?entityType=working_group&entityId=${w.wgId}`, searchUrl('note')],
    idsFromList: items,
    recordUrl: (id) => `/api/notes/${id}`,
  },
  {
    // Proposals of both factory groups, with every guard; every third invites the US in, its invitation open (the US sees it whatever the guard's scope).
    name: 'proposal',
    insert: async (store, w, id, g) => {
      const invites = Number(id.split('-').at(-1)) % 3 === 0;
      if (invites) invitingUs.add(id);
      await store.db
        .insertInto('wg_proposals')
        .values({
          id,
          wg_id: g.wg_id!,
          kind: 'member',
          payload: JSON.stringify({ organisationId: w.orgs.dod, partyId: w.parties.us, from: null, participation: 'member', note: null }),
          required_party_ids: JSON.stringify([w.parties.kr, w.parties.us]),
          invited_party_id: invites ? w.parties.us : null,
          invitation_open: invites ? 1 : 0,
          proposed_by: w.users.mofa_chair.id,
          status: 'open',
          reason: null,
          decided_by: null,
          decided_at: null,
          owner_org_id: g.owner_org_id,
          owner_party_id: g.owner_party_id,
          scope: g.scope,
          classification: g.classification,
          ...stamp,
        })
        .execute();
    },
    listUrls: (w) => ['/api/proposals', `/api/proposals?wgId=${w.wgId}`],
    listFilter: (r, url, w) => !/(wgId|groupId)=/.test(url) || r.guard.wg_id === w.wgId,
    idsFromList: items,
    recordUrl: (id) => `/api/proposals/${id}`,
    sees: (actor, groups, r) => canSeeProposal(actor, groups, { ...r.guard, invitation_open: invitingUs.has(r.id) ? 1 : 0, invited_party_id: invitingUs.has(r.id) ? 'p-us' : null }),
  },
];

/** Ids a record's children carry, hidden with it. */
export const CHILD_IDS: Record<string, (id: string) => string[]> = {
  document: (id) => [`${id}-v1`, `${id}-c1`],
  project: (id) => [`${id}-e1`],
  statement_candidate: (id) => [`${id}-article`],
};

/**
 * Public records (classification 0, in the public factory group) that name records of every
 * guard: a position on each issue, an agenda item per issue in one meeting, a statement linked to
 * every issue, a consultation beside each meeting, commitments from each document and meeting, a
 * project whose stage events cite each meeting, a candidate made into each statement, a note on
 * each issue and on each of those positions, and an audit event naming each record. What a reader may see of them must name no
 * record the reader may not see. Returns the URLs that present them.
 */
export async function insertReferrers(store: Store, w: World, made: Record<string, LeakRecord[]>): Promise<string[]> {
  const pub = { owner_org_id: w.orgs.mofa, owner_party_id: w.parties.kr, scope: 'public' as const, classification: 0 };
  const urls: string[] = ['/api/positions', `/api/positions?wgId=${w.wgId}&asOf=2030-01-01`, '/api/meetings?limit=500', '/api/commitments?limit=500', '/api/statement-candidates?limit=500'];
  const db = store.db;
  const meetingRow = (id: string, beside: string | null): MeetingRow => ({
    id,
    wg_id: w.wgId,
    title: 'Referring meeting',
    title_ko: null,
    level: 'working',
    format: 'video',
    place: null,
    starts_at: ts,
    ends_at: ts,
    timezone: 'Asia/Seoul',
    status: 'planned',
    status_reason: null,
    postponed_to: null,
    beside_meeting_id: beside,
    outcome: null,
    outcome_ko: null,
    minutes: null,
    ...pub,
    ...stamp,
  });
  await db.insertInto('meetings').values(meetingRow('ref-meeting', null)).execute();
  urls.push('/api/meetings/ref-meeting');
  await db
    .insertInto('statements')
    .values({
      id: 'ref-statement',
      wg_id: w.wgId,
      party_id: w.parties.kr,
      speaker_person_id: null,
      speaker_org_id: w.orgs.mofa,
      speaker_description: null,
      said_on: '2018-11-20',
      medium: 'press_briefing',
      language: 'en',
      quote: 'Referring statement',
      context: null,
      source_url: null,
      source_title: null,
      passage: null,
      ...pub,
      ...stamp,
    })
    .execute();
  urls.push('/api/statements/ref-statement');
  await db
    .insertInto('projects')
    .values({
      id: 'ref-project',
      wg_id: w.wgId,
      track_id: null,
      name: 'Referring project',
      name_ko: null,
      description: null,
      proponent_org_id: w.orgs.mofa,
      stage: 'proposed',
      planned_on: null,
      status_note: null,
      ...pub,
      ...stamp,
    })
    .execute();
  urls.push('/api/projects/ref-project');
  await db
    .insertInto('articles')
    .values({
      id: 'ref-article',
      wg_id: w.wgId,
      title: 'Referring article',
      source_url: null,
      published_on: '2025-12-15',
      language: 'en',
      format: 'text',
      text: 'x said y.',
      created_by: null,
      ...pub,
      ...stamp,
    })
    .execute();
  let n = 0;
  for (const [i, issue] of (made.issue ?? []).entries()) {
    await db
      .insertInto('positions')
      .values({
        id: `ref-position-${i}`,
        wg_id: w.wgId,
        issue_id: issue.id,
        party_id: w.parties.kr,
        organisation_id: null,
        stance: 'support',
        conditions: null,
        rationale: null,
        source_kind: null,
        source_ref: null,
        valid_from: '2019-01-01',
        recorded_by: null,
        created_at: ts,
        ...pub,
      })
      .execute();
    urls.push(`/api/positions/ref-position-${i}`);
    await db
      .insertInto('agenda_items')
      .values({
        id: `ref-agenda-${i}`,
        meeting_id: 'ref-meeting',
        track_id: null,
        issue_id: issue.id,
        title: 'Agenda item',
        title_ko: null,
        lead_org_id: null,
        position: i + 1,
        notes: null,
        outcome: null,
        ...stamp,
      })
      .execute();
    await db.insertInto('statement_issues').values({ statement_id: 'ref-statement', issue_id: issue.id, stance: 'support' }).execute();
    await db
      .insertInto('notes')
      .values({ id: `ref-note-${i}`, wg_id: w.wgId, entity_type: 'issue', entity_id: issue.id, body: 'Referring note', created_by: null, ...pub, ...stamp })
      .execute();
    urls.push(`/api/notes/ref-note-${i}`);
    // A note on the position, which is seen only with its issue.
    await db
      .insertInto('notes')
      .values({ id: `ref-pnote-${i}`, wg_id: w.wgId, entity_type: 'position', entity_id: `ref-position-${i}`, body: 'Note on a position', created_by: null, ...pub, ...stamp })
      .execute();
    urls.push(`/api/notes/ref-pnote-${i}`);
  }
  for (const [i, m] of (made.meeting ?? []).entries()) {
    await db
      .insertInto('meetings')
      .values(meetingRow(`ref-beside-${i}`, m.id))
      .execute();
    urls.push(`/api/meetings/ref-beside-${i}`);
    await db
      .insertInto('commitments')
      .values({
        id: `ref-commitment-m${i}`,
        wg_id: w.wgId,
        document_id: null,
        clause_key: null,
        meeting_id: m.id,
        track: null,
        title: 'Referring commitment',
        title_ko: null,
        responsible_party_id: null,
        responsible_org_id: null,
        due_on: null,
        ...pub,
        ...stamp,
      })
      .execute();
    urls.push(`/api/commitments/ref-commitment-m${i}`);
    await db
      .insertInto('project_stage_events')
      .values({
        id: `ref-event-${i}`,
        project_id: 'ref-project',
        stage: 'proposed',
        occurred_on: '2018-11-01',
        timezone: null,
        reason: null,
        authority_org_id: null,
        meeting_id: m.id,
        recorded_by: null,
        created_at: ts,
      })
      .execute();
  }
  for (const [i, d] of (made.document ?? []).entries()) {
    await db
      .insertInto('commitments')
      .values({
        id: `ref-commitment-d${i}`,
        wg_id: w.wgId,
        document_id: d.id,
        clause_key: '1',
        meeting_id: null,
        track: null,
        title: 'Referring commitment',
        title_ko: null,
        responsible_party_id: null,
        responsible_org_id: null,
        due_on: null,
        ...pub,
        ...stamp,
      })
      .execute();
    urls.push(`/api/commitments/ref-commitment-d${i}`);
  }
  for (const [i, s] of (made.statement ?? []).entries()) {
    await db
      .insertInto('statement_candidates')
      .values({
        id: `ref-candidate-${i}`,
        article_id: 'ref-article',
        position: n++,
        status: 'confirmed',
        kind: 'indirect',
        quote: 'y',
        sentence: 'x said y.',
        span_start: 7,
        span_end: 8,
        cue: 'said',
        confidence: '0.9',
        speaker: JSON.stringify({ asWritten: { text: 'x', anonymous: false, isOrganisation: false }, resolution: { match: 'none', anonymous: false }, description: null }),
        speaker_person_id: null,
        speaker_org_id: null,
        party_id: null,
        suggested_issues: JSON.stringify((made.issue ?? []).slice(0, 4).map((x) => ({ issueId: x.id, score: 1, matched: [], selected: true }))),
        statement_id: s.id,
        reviewed_by: null,
        reviewed_at: null,
        ...stamp,
      })
      .execute();
    urls.push(`/api/statement-candidates/ref-candidate-${i}`);
  }
  // Statements taken from articles of every guard, contradicting a public position: the
  // message-discipline findings name each statement's article only where the reader may see it.
  await db
    .insertInto('issues')
    .values({
      id: 'ref-issue',
      wg_id: w.wgId,
      track_id: null,
      code: null,
      title: 'Referring issue',
      title_ko: null,
      description: null,
      keywords: '[]',
      ...pub,
      ...stamp,
    })
    .execute();
  await db
    .insertInto('positions')
    .values({
      id: 'ref-issue-position',
      wg_id: w.wgId,
      issue_id: 'ref-issue',
      party_id: w.parties.kr,
      organisation_id: null,
      stance: 'support',
      conditions: null,
      rationale: 'We support it.',
      source_kind: null,
      source_ref: null,
      valid_from: '2018-01-01',
      recorded_by: null,
      created_at: ts,
      ...pub,
    })
    .execute();
  for (const [i, a] of (made.article ?? []).entries()) {
    await db
      .insertInto('statements')
      .values({
        id: `ref-statement-a${i}`,
        wg_id: w.wgId,
        party_id: w.parties.kr,
        speaker_person_id: null,
        speaker_org_id: w.orgs.mofa,
        speaker_description: null,
        said_on: '2018-11-20',
        medium: 'press_briefing',
        language: 'en',
        quote: 'We oppose it.',
        context: null,
        source_url: null,
        source_title: null,
        passage: null,
        article_id: a.id,
        passage_start: 0,
        passage_end: 5,
        ...pub,
        ...stamp,
      })
      .execute();
    await db
      .insertInto('statement_issues')
      .values({ statement_id: `ref-statement-a${i}`, issue_id: 'ref-issue', stance: 'oppose' })
      .execute();
  }
  urls.push(`/api/working-groups/${w.wgId}/discipline`, '/api/statements/ref-statement-a0/findings', '/api/statements?limit=500');
  return urls;
}
