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
