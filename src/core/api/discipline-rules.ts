/**
 * Message-discipline rules: which comparisons Concord makes for a confirmed statement, and how a
 * comparison is graded. The defaults below are the documented rules (docs/message-discipline.md);
 * a working group may override any of them in `working_groups.discipline_rules` (JSON). Pure:
 * no I/O, so the web app and the CLI can show the same rules.
 */
import { STANCES, stanceValue, type Stance } from '../vocabulary.ts';

export const GRADES = ['consistent', 'nuance', 'contradiction'] as const;
export type Grade = (typeof GRADES)[number];

export const CHECKS = ['own_position', 'agreed_line', 'counterpart_statement', 'same_party_statement'] as const;
export type Check = (typeof CHECKS)[number];

export interface DisciplineRules {
  /**
   * Statements by the counterpart party (another party of the working group) on the same
   * issue are compared when said within this many days of each other, either way.
   */
  counterpartWindowDays: number;
  /** Statements by other organisations of the same party on the same issue: the same, with its own window. */
  samePartyWindowDays: number;
  /**
   * A position is compared as in force on the statement's date (latest valid_from ≤ that date,
   * per party and organisation). When a party or organisation had no position yet, one recorded
   * up to this many days after the statement stands in for it: positions are usually recorded
   * after the meeting that set them, so the line often predates its record. 0 turns this off.
   */
  positionGraceDays: number;
  /** Grading by distance on the five-point stance scale (−2 … +2): at least `nuanceAt` apart is a nuance, at least `contradictionAt` a contradiction. */
  nuanceAt: number;
  contradictionAt: number;
  /** Stances on opposite sides of neutral (support vs oppose) are a contradiction whatever the distance thresholds say. */
  oppositeSidesContradict: boolean;
  /** Which comparisons to make. */
  checks: Record<Check, boolean>;
  /** Agreed lines: the agreed clauses of adopted documents of these kinds, in force from adoption (else release). */
  agreedLineKinds: string[];
  /**
   * The stance an agreed clause takes on an issue it speaks to, when no position records it:
   * a joint text that takes up an issue commits its parties to it, hence `support`.
   * A position with source_kind `document` naming the document (`doc-id` or `doc-id#clause`) gives the stance instead.
   */
  agreedLineStance: Stance;
  /** How strongly a clause must speak to an issue (issue-suggestion score 0..1 over its words and keywords) to be its agreed line. */
  clauseMatchMinScore: number;
}

export const DEFAULT_RULES: DisciplineRules = {
  counterpartWindowDays: 14,
  samePartyWindowDays: 14,
  positionGraceDays: 14,
  nuanceAt: 1,
  contradictionAt: 2,
  oppositeSidesContradict: true,
  checks: { own_position: true, agreed_line: true, counterpart_statement: true, same_party_statement: true },
  agreedLineKinds: ['joint_fact_sheet', 'joint_statement', 'press_guidance', 'memorandum'],
  agreedLineStance: 'support',
  clauseMatchMinScore: 0.6,
};

export interface ParsedRules {
  rules: DisciplineRules;
  /** Entries of the stored JSON that were ignored, and why. */
  warnings: string[];
}

const isInt = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/**
 * Overrides on top of the defaults. Each entry is checked on its own: a bad one is ignored with
 * a warning (and rejected with 400 when a chair sets the rules through the API), so a stored
 * mistake never stops the checks from running.
 */
export function mergeRules(overrides: unknown, base: DisciplineRules = DEFAULT_RULES): ParsedRules {
  const rules: DisciplineRules = { ...base, checks: { ...base.checks }, agreedLineKinds: [...base.agreedLineKinds] };
  const warnings: string[] = [];
  if (overrides === null || overrides === undefined) return { rules, warnings };
  if (typeof overrides !== 'object' || Array.isArray(overrides)) return { rules, warnings: ['the rules must be a JSON object'] };
  const o = overrides as Record<string, unknown>;
  for (const [k, v] of Object.entries(o)) {
    switch (k) {
      case 'counterpartWindowDays':
      case 'samePartyWindowDays':
      case 'positionGraceDays':
        if (isInt(v, 0, 366)) rules[k] = v;
        else warnings.push(`${k}: must be a whole number of days from 0 to 366`);
        break;
      case 'nuanceAt':
      case 'contradictionAt':
        if (isInt(v, 1, 5)) rules[k] = v;
        else warnings.push(`${k}: must be a whole number from 1 to 5 (5: never)`);
        break;
      case 'oppositeSidesContradict':
        if (typeof v === 'boolean') rules.oppositeSidesContradict = v;
        else warnings.push(`${k}: must be true or false`);
        break;
      case 'checks':
        if (v && typeof v === 'object' && !Array.isArray(v)) {
          for (const [c, on] of Object.entries(v)) {
            if ((CHECKS as readonly string[]).includes(c) && typeof on === 'boolean') rules.checks[c as Check] = on;
            else warnings.push(`checks.${c}: must be one of ${CHECKS.join(', ')} set to true or false`);
          }
        } else warnings.push('checks: must be an object of check → true/false');
        break;
      case 'agreedLineKinds':
        if (Array.isArray(v) && v.every((x) => typeof x === 'string')) rules.agreedLineKinds = [...new Set(v as string[])];
        else warnings.push(`${k}: must be a list of document kinds`);
        break;
      case 'agreedLineStance':
        if ((STANCES as readonly unknown[]).includes(v)) rules.agreedLineStance = v as Stance;
        else warnings.push(`${k}: must be one of ${STANCES.join(', ')}`);
        break;
      case 'clauseMatchMinScore':
        if (typeof v === 'number' && v > 0 && v <= 1) rules.clauseMatchMinScore = v;
        else warnings.push(`${k}: must be a number above 0 and at most 1`);
        break;
      default:
        warnings.push(`${k}: not a rule`);
    }
  }
  if (rules.contradictionAt < rules.nuanceAt) {
    warnings.push('contradictionAt: is below nuanceAt; nuanceAt lowered to match');
    rules.nuanceAt = rules.contradictionAt;
  }
  return { rules, warnings };
}

/** The rules stored for a group (JSON text or null). */
export function parseStoredRules(json: string | null | undefined): ParsedRules {
  if (!json) return mergeRules(null);
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch {
    return { rules: mergeRules(null).rules, warnings: ['the stored rules are not valid JSON; the defaults apply'] };
  }
  return mergeRules(v);
}

/** Steps apart on the stance scale, 0 … 4. */
export const stanceDistance = (a: Stance, b: Stance): number => Math.abs(stanceValue(a) - stanceValue(b));

/**
 * Grades a comparison of two stances. Distance on the scale (strongly oppose −2 … strongly
 * support +2): below `nuanceAt` consistent, from `nuanceAt` a nuance, from `contradictionAt` a
 * contradiction; stances on opposite sides of neutral are a contradiction when
 * `oppositeSidesContradict` holds. With the defaults: same stance → consistent; one step
 * (support vs strongly support, neutral vs oppose) → nuance; two or more (support vs oppose,
 * neutral vs strongly support) → contradiction.
 */
export function gradeStances(a: Stance, b: Stance, rules: DisciplineRules = DEFAULT_RULES): { grade: Grade; distance: number } {
  const distance = stanceDistance(a, b);
  const opposite = stanceValue(a) * stanceValue(b) < 0;
  if (distance >= rules.contradictionAt || (rules.oppositeSidesContradict && opposite)) return { grade: 'contradiction', distance };
  if (distance >= rules.nuanceAt) return { grade: 'nuance', distance };
  return { grade: 'consistent', distance };
}

/** Whole days from ISO date `a` to `b` (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b.slice(0, 10)}T00:00:00Z`) - Date.parse(`${a.slice(0, 10)}T00:00:00Z`)) / 86_400_000);
}

/** ISO date `d` moved by `n` days. */
export function addDays(d: string, n: number): string {
  return new Date(Date.parse(`${d.slice(0, 10)}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Speakers in their time. A statement counts as its party's voice only when the speaker held an
 * office of that party's government on the day it was said: a person through a role valid on
 * that date (person_roles valid_from/valid_to) in a government organisation of the party; an
 * organisation speaking (a ministry's press release, an anonymous official of a named ministry)
 * when it is one. Everyone else is another voice, shown apart and never graded as the government
 * contradicting itself:
 * - `former_official`: held such an office before, not on that date, by the roles on record or as
 *   the statement describes the speaker ("six former unification ministers");
 * - `no_office`: a person with no such office on that date (none recorded, or only later ones);
 * - `unattributed`: no person and no organisation (a description, "a senior ROK official");
 * - `not_government`: speaks for an organisation that is not part of a government (a Red Cross
 *   society, a think tank) — see {@link NON_GOVERNMENT_KINDS}.
 */
export const OTHER_VOICE_REASONS = ['former_official', 'no_office', 'unattributed', 'not_government'] as const;
export type OtherVoiceReason = (typeof OTHER_VOICE_REASONS)[number];

/** Organisation kinds that are no office of a government (organisation kinds are free snake_case words). */
export const NON_GOVERNMENT_KINDS: readonly string[] = [
  'ngo',
  'civil_society',
  'red_cross',
  'media',
  'academic',
  'think_tank',
  'political_party',
  'company',
  'business',
  'association',
  'advisory_body',
];

/** A title or description the text gives as one no longer held: "former minister", "ex-envoy", 전 장관, 전직 장관. */
export function isFormerTitle(role: string | null | undefined): boolean {
  return !!role && (/\b(former|ex|erstwhile|onetime|one-time|retired)\b/i.test(role) || /(^|\s)(전|전직)(\s|$)/u.test(role) || /(^|\s)전직/u.test(role));
}

export interface VoiceRole {
  organisationId: string;
  title: string;
  titleKo?: string | null;
  /** ISO date prefixes (a year, a month or a day), as person_roles stores them; null: open. */
  from: string | null;
  to: string | null;
}

export interface VoiceOrganisation {
  partyId: string;
  kind: string;
}

export type Voice =
  | { kind: 'party'; partyId: string; orgId: string; title: string | null }
  | { kind: 'other'; reason: OtherVoiceReason; office: { orgId: string; title: string | null; titleKo?: string | null; until: string | null } | null };

/** True if an ISO date lies within [from, to], each bound at the granularity it is written in. */
function heldOn(day: string, from: string | null, to: string | null): boolean {
  if (from && day.slice(0, from.length) < from) return false;
  if (to && day.slice(0, to.length) > to) return false;
  return true;
}

/**
 * Whose voice a statement is, on the day it was said: its party's (through which office), or
 * another voice (and why). `partyId`, `personId` and `orgId` are the statement's; `roles` the
 * speaking person's roles (any order); `org` looks an organisation up.
 */
export function voiceOf(
  s: { partyId: string | null; personId: string | null; orgId: string | null; saidOn: string; description?: string | null },
  roles: readonly VoiceRole[],
  org: (id: string) => VoiceOrganisation | undefined,
): Voice {
  const isGovernment = (id: string) => {
    const o = org(id);
    return !!o && !NON_GOVERNMENT_KINDS.includes(o.kind) && (s.partyId === null || o.partyId === s.partyId);
  };
  const day = s.saidOn.slice(0, 10);
  if (s.personId) {
    const held = roles.filter((r) => heldOn(day, r.from, r.to) && isGovernment(r.organisationId));
    if (held.length) {
      // The office the statement names, if the person held it that day; else the latest begun.
      const sorted = [...held].sort((a, b) => (a.from ?? '').localeCompare(b.from ?? ''));
      const r = sorted.find((x) => x.organisationId === s.orgId) ?? sorted[sorted.length - 1];
      return { kind: 'party', partyId: org(r.organisationId)!.partyId, orgId: r.organisationId, title: r.title };
    }
    const former = roles.filter((r) => r.to && day.slice(0, r.to.length) > r.to && isGovernment(r.organisationId)).sort((a, b) => (a.to ?? '').localeCompare(b.to ?? ''));
    if (former.length) {
      const r = former[former.length - 1];
      return { kind: 'other', reason: 'former_official', office: { orgId: r.organisationId, title: r.title, titleKo: r.titleKo ?? null, until: r.to } };
    }
    if (isFormerTitle(s.description)) return { kind: 'other', reason: 'former_official', office: null };
    const elsewhere = roles.find((r) => heldOn(day, r.from, r.to) && org(r.organisationId) && NON_GOVERNMENT_KINDS.includes(org(r.organisationId)!.kind));
    if (elsewhere) return { kind: 'other', reason: 'not_government', office: { orgId: elsewhere.organisationId, title: elsewhere.title, titleKo: elsewhere.titleKo ?? null, until: null } };
    return { kind: 'other', reason: 'no_office', office: null };
  }
  if (s.orgId) {
    const o = org(s.orgId);
    if (o && isGovernment(s.orgId)) return { kind: 'party', partyId: o.partyId, orgId: s.orgId, title: null };
    return { kind: 'other', reason: o && NON_GOVERNMENT_KINDS.includes(o.kind) ? 'not_government' : 'unattributed', office: o ? { orgId: s.orgId, title: null, until: null } : null };
  }
  return { kind: 'other', reason: isFormerTitle(s.description) ? 'former_official' : 'unattributed', office: null };
}
