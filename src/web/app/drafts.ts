/**
 * Unsent text kept while a user types: every dialog's and editor's draft lives in the tab's
 * sessionStorage (records are sensitive: never localStorage, which outlives the session and is
 * shared by every tab), keyed by user, form and record, so that a reload or a closed tab does not
 * lose it and one user's draft never shows for another. A draft is written while the form differs
 * from where it started, restored when the same form for the same record opens again, and
 * removed on success or discard.
 */

/** The part of the Web Storage API a draft store needs (a Map-backed one in tests). */
export interface DraftStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** A kept draft: the form's values and when they were kept. */
export interface Draft<T> {
  values: T;
  savedAt: string;
}

const PREFIX = 'concord.draft';

/** The storage key of one user's draft of one form about one record ("new" for a record not yet made). */
export function draftKey(userId: string, form: string, recordId?: string | null): string {
  return `${PREFIX}:${userId}:${form}:${recordId || 'new'}`;
}

/** The tab's sessionStorage, or nothing where there is none (a private window that refuses it, a test). */
export function sessionDrafts(): DraftStorage | undefined {
  try {
    return typeof sessionStorage === 'undefined' ? undefined : sessionStorage;
  } catch {
    return undefined;
  }
}

/** The draft kept under `key`, or undefined (none, or one that no longer reads). */
export function loadDraft<T>(storage: DraftStorage | undefined, key: string): Draft<T> | undefined {
  if (!storage) return undefined;
  try {
    const raw = storage.getItem(key);
    if (!raw) return undefined;
    const d = JSON.parse(raw) as Partial<Draft<T>>;
    if (!d || typeof d !== 'object' || d.values === undefined || typeof d.savedAt !== 'string') return undefined;
    return { values: d.values, savedAt: d.savedAt };
  } catch {
    return undefined;
  }
}

/** Keeps `values` under `key`; a full or refusing storage loses the draft, never the form. */
export function saveDraft<T>(storage: DraftStorage | undefined, key: string, values: T, now = new Date()): void {
  if (!storage) return;
  try {
    storage.setItem(key, JSON.stringify({ values, savedAt: now.toISOString() } satisfies Draft<T>));
  } catch {
    // Quota or a disabled storage: the text is still in the form.
  }
}

export function clearDraft(storage: DraftStorage | undefined, key: string): void {
  if (!storage) return;
  try {
    storage.removeItem(key);
  } catch {
    // Nothing to clear.
  }
}

/**
 * The values a form opens with: the kept draft laid over the form's start, field by field (a
 * field the form no longer has is dropped, one the draft lacks keeps its start), or the start
 * itself when there is no draft or the draft equals the start.
 */
export function withDraft<T extends Record<string, unknown>>(start: T, draft: Draft<Partial<T>> | undefined): { values: T; restored: boolean } {
  if (!draft || typeof draft.values !== 'object' || draft.values === null) return { values: start, restored: false };
  const values = { ...start };
  let differs = false;
  for (const k of Object.keys(start) as (keyof T)[]) {
    if (!(k in draft.values)) continue;
    const v = draft.values[k] as T[keyof T];
    if (typeof v !== typeof start[k] && start[k] !== null && v !== null) continue;
    values[k] = v;
    if (JSON.stringify(v) !== JSON.stringify(start[k])) differs = true;
  }
  return differs ? { values, restored: true } : { values: start, restored: false };
}
