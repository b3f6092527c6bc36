import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client.ts';
import { useTranslation } from 'react-i18next';
import { useUser } from './session.tsx';
import { errorMessage } from './states.tsx';
import { isStaleWrite } from './conflict.ts';
import { clearDraft, draftKey, loadDraft, saveDraft, sessionDrafts, withDraft } from './drafts.ts';

export type Errors<T> = Partial<Record<keyof T | '_form', string>>;

/** A form's draft: whether the form opened with one, and the way to throw it away. */
export interface FormDraft {
  restored: boolean;
  discard: () => void;
}

/**
 * Small form state for Mantine inputs: values, client-side checks, and the server's 400 `field`
 * (e.g. "body.reason") mapped back onto the input it names. With `draft` (the form's name and the
 * record it is about, e.g. "meeting.minutes:<id>"), unsent changes are kept in the tab's
 * sessionStorage under the signed-in user (app/drafts.ts) and restored when the form opens again;
 * `sent()` on success and `draft.discard()` remove them. With `conflicts`, a stale write is left to
 * the form's ConflictPanel rather than shown above the form.
 */
export function useFormState<T extends Record<string, unknown>>(initial: T, opts: { draft?: string; conflicts?: boolean } = {}) {
  const user = useUser();
  const { t } = useTranslation();
  const key = opts.draft && user ? draftKey(user.id, opts.draft) : undefined;
  const [values, setValues] = useState<T>(initial);
  const [errors, setErrors] = useState<Errors<T>>({});
  /** The values the form started from (at its last reset): what `dirty` compares with. */
  const [base, setBase] = useState<T>(initial);
  const [restored, setRestored] = useState(false);
  /** Counts refused submissions (a failed check, a server 400), so a dialog can move focus to the first invalid field. */
  const [failures, setFailures] = useState(0);
  const set = useCallback(<K extends keyof T>(k: K, v: T[K]) => {
    setValues((s) => ({ ...s, [k]: v }));
    setErrors((e) => (e[k] ? { ...e, [k]: undefined } : e));
  }, []);
  /** Starts the form from `v` (or its initial values), with the kept draft laid over it when there is one. */
  const reset = useCallback(
    (v?: T) => {
      const start = v ?? initial;
      const d = key ? withDraft(start, loadDraft<Partial<T>>(sessionDrafts(), key)) : { values: start, restored: false };
      setValues(d.values);
      setBase(start);
      setRestored(d.restored);
      setErrors({});
    },
    [initial, key],
  );
  /** Starts the form from `start` while keeping what the user typed (after a conflict: their text against the current version). */
  const rebase = useCallback((start: T, keep: T) => {
    setBase(start);
    setValues(keep);
    setErrors({});
  }, []);
  /** The form was sent: its draft is done with. */
  const sent = useCallback(() => {
    if (key) clearDraft(sessionDrafts(), key);
    setRestored(false);
  }, [key]);
  /** Runs the checks; returns true when there is nothing to fix. */
  const validate = (checks: Partial<Record<keyof T, (v: T) => string | undefined | false>>) => {
    const e: Errors<T> = {};
    for (const [k, fn] of Object.entries(checks) as [keyof T, (v: T) => string | undefined | false][]) {
      const m = fn(values);
      if (m) e[k] = m;
    }
    setErrors(e);
    const ok = Object.keys(e).length === 0;
    if (!ok) setFailures((n) => n + 1);
    return ok;
  };
  /** Shows a server error on its field when the server named one, else above the form. */
  const fromServer = (err: unknown, message: string) => {
    if (opts.conflicts && isStaleWrite(err)) return;
    // A failed schema check or a command's refusal, in the user's language (the caller's message:
    // errorMessage words the rule or the reason the API names), at the field it names.
    if (err instanceof ApiError && (err.status === 400 || err.status === 403 || err.status === 409) && err.field) {
      const key = err.field.replace(/^(body|query|querystring|params)\./, '').split('.')[0] as keyof T;
      if (key in values) {
        setErrors({ [key]: message } as Errors<T>);
        setFailures((n) => n + 1);
        return;
      }
    }
    setErrors({ _form: message } as Errors<T>);
    setFailures((n) => n + 1);
  };
  /** Whether any value differs from where the form started (a dialog then asks before discarding). */
  const dirty = (Object.keys(values) as (keyof T)[]).some((k) => JSON.stringify(values[k]) !== JSON.stringify(base[k]));
  // Keeps the unsent changes while there are some (cleared on success or discard, not when the
  // form merely opens: a draft waits there to be restored).
  useEffect(() => {
    if (key && dirty) saveDraft(sessionDrafts(), key, values);
  }, [key, dirty, values]);
  const draft: FormDraft = {
    restored,
    discard: () => {
      if (key) clearDraft(sessionDrafts(), key);
      setRestored(false);
      setValues(base);
      setErrors({});
    },
  };
  /** A mutation's callbacks: on success the draft is done with and `then` runs; a refusal shows at its field or above the form. */
  const sending = <R>(then: (r: R) => void) => ({
    onSuccess: (r: R) => {
      sent();
      then(r);
    },
    onError: (e: unknown) => fromServer(e, errorMessage(t, e)),
  });
  /** Mantine input props for one field. */
  const field = <K extends keyof T>(k: K) => ({
    value: values[k] as never,
    error: errors[k],
    onChange: (e: unknown) => {
      const v = e && typeof e === 'object' && 'currentTarget' in (e as object) ? ((e as { currentTarget: { value: string } }).currentTarget.value as T[K]) : (e as T[K]);
      set(k, v);
    },
  });
  return { values, base, set, errors, setErrors, reset, rebase, sent, sending, draft, validate, fromServer, field, dirty, failures, setFailures };
}

/**
 * "2025-12-16T10:00" read as wall-clock time in an IANA zone → ISO 8601 with that zone's offset
 * at that moment (meetings are scheduled in the venue's time, not the viewer's).
 */
export function zonedToIso(local: string, timeZone: string): string {
  const [d, tm = '00:00'] = local.split('T');
  const [y, mo, da] = d.split('-').map(Number);
  const [h, mi] = tm.split(':').map(Number);
  const asUtc = Date.UTC(y, mo - 1, da, h, mi);
  const offsetAt = (ms: number) => {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(new Date(ms));
    const g = (t: string) => Number(parts.find((p) => p.type === t)?.value);
    return (Date.UTC(g('year'), g('month') - 1, g('day'), g('hour') % 24, g('minute')) - ms) / 60000;
  };
  let off = offsetAt(asUtc);
  off = offsetAt(asUtc - off * 60000);
  const sign = off >= 0 ? '+' : '-';
  const abs = Math.abs(off);
  return `${d}T${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}:00${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** An ISO instant → "YYYY-MM-DDTHH:mm" wall-clock in a zone, for datetime-local inputs. */
export function isoToZonedLocal(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(new Date(iso));
  const g = (t: string) => parts.find((p) => p.type === t)?.value ?? '00';
  return `${g('year')}-${g('month')}-${g('day')}T${g('hour') === '24' ? '00' : g('hour')}:${g('minute')}`;
}

export const TIMEZONES = ['Asia/Seoul', 'America/New_York', 'UTC', 'Europe/Geneva', 'Asia/Tokyo'] as const;

/**
 * Runs `reset` each time a dialog opens, so that it starts from its initial values with no earlier
 * error or answer showing: the one place dialogs say so. The `reset` of the render that opened
 * the dialog is the one run.
 */
export function useResetOnOpen(opened: boolean, reset: () => void): void {
  const latest = useRef(reset);
  latest.current = reset;
  useEffect(() => {
    if (opened) latest.current();
  }, [opened]);
}
