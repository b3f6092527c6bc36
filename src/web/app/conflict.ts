/**
 * A stale write (409 stale_version: someone changed the record since the form was opened) without
 * losing the user's text: what the user wrote is set beside the record as it is now, field by
 * field with a word diff, and "keep mine on top of theirs" merges the two three ways — the fields
 * the user changed keep the user's text, the others take the current record's — before it is sent
 * again with the current version.
 */
import { ApiError } from '../api/client.ts';
import { wordDiff, type DiffPart } from './wordDiff.ts';

/** A write refused because the record changed meanwhile (or sent without its version). */
export function isStaleWrite(err: unknown): err is ApiError {
  return err instanceof ApiError && ((err.status === 409 && err.code === 'stale_version') || err.status === 428);
}

/** The version the record has now, as the 409's body says (`details.currentVersion`). */
export function currentVersionOf(err: unknown): number | undefined {
  const v = err instanceof ApiError ? err.details?.currentVersion : undefined;
  return typeof v === 'number' && Number.isInteger(v) ? v : undefined;
}

/** One field of a conflict: where it started, what the user wrote, what the record holds now. */
export interface ConflictField {
  key: string;
  base: string;
  mine: string;
  theirs: string;
  /** The user changed this field. */
  changedByMe: boolean;
  /** Someone else changed it meanwhile. */
  changedByThem: boolean;
  /** From the current text (theirs) to the user's (mine). */
  diff: DiffPart[];
}

const text = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));

/**
 * The fields that differ between the user's text and the current record's, in `keys` order: those
 * the user changed, and those someone else changed that the user left alone (so the user sees
 * what "keep mine" will carry over from the other writer).
 */
export function conflictFields<T extends Record<string, unknown>>(base: T, mine: T, theirs: Partial<T>, keys: readonly (keyof T & string)[]): ConflictField[] {
  const out: ConflictField[] = [];
  for (const key of keys) {
    const b = text(base[key]);
    const m = text(mine[key]);
    const th = text(theirs[key]);
    if (m === th) continue;
    out.push({ key, base: b, mine: m, theirs: th, changedByMe: m !== b, changedByThem: th !== b, diff: wordDiff(th, m) });
  }
  return out;
}

/**
 * Keep mine on top of theirs: each field the user changed keeps the user's value, every other
 * field takes the current record's (a field the record does not hold keeps the user's).
 */
export function keepMineOnTheirs<T extends Record<string, unknown>>(base: T, mine: T, theirs: Partial<T>): T {
  const out = { ...mine };
  for (const k of Object.keys(mine) as (keyof T)[]) {
    const changed = JSON.stringify(mine[k]) !== JSON.stringify(base[k]);
    if (!changed && k in theirs && theirs[k] !== undefined) out[k] = theirs[k] as T[keyof T];
  }
  return out;
}
