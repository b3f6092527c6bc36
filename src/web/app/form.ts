import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client.ts';

export type Errors<T> = Partial<Record<keyof T | '_form', string>>;

/**
 * Small form state for Mantine inputs: values, client-side checks, and the server's 400 `field`
 * (e.g. "body.reason") mapped back onto the input it names.
 */
export function useFormState<T extends Record<string, unknown>>(initial: T) {
  const [values, setValues] = useState<T>(initial);
  const [errors, setErrors] = useState<Errors<T>>({});
  /** The values the form started from (at its last reset): what `dirty` compares with. */
  const [base, setBase] = useState<T>(initial);
  /** Counts refused submissions (a failed check, a server 400), so a dialog can move focus to the first invalid field. */
  const [failures, setFailures] = useState(0);
  const set = useCallback(<K extends keyof T>(k: K, v: T[K]) => {
    setValues((s) => ({ ...s, [k]: v }));
    setErrors((e) => (e[k] ? { ...e, [k]: undefined } : e));
  }, []);
  const reset = useCallback(
    (v?: T) => {
      setValues(v ?? initial);
      setBase(v ?? initial);
      setErrors({});
    },
    [initial],
  );
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
    if (err instanceof ApiError && err.status === 400 && err.field) {
      const key = err.field.replace(/^(body|query|params)\./, '').split('.')[0] as keyof T;
      if (key in values) {
        // A failed schema check in the user's language (the caller's message: errorMessage, which
        // words the rule the API names); a command's refusal as the server says it.
        setErrors({ [key]: err.details?.rule ? message : err.message.replace(/^[\w.]+: /, '') } as Errors<T>);
        setFailures((n) => n + 1);
        return;
      }
    }
    setErrors({ _form: message } as Errors<T>);
    setFailures((n) => n + 1);
  };
  /** Whether any value differs from where the form started (a dialog then asks before discarding). */
  const dirty = (Object.keys(values) as (keyof T)[]).some((k) => JSON.stringify(values[k]) !== JSON.stringify(base[k]));
  /** Mantine input props for one field. */
  const field = <K extends keyof T>(k: K) => ({
    value: values[k] as never,
    error: errors[k],
    onChange: (e: unknown) => {
      const v = e && typeof e === 'object' && 'currentTarget' in (e as object) ? ((e as { currentTarget: { value: string } }).currentTarget.value as T[K]) : (e as T[K]);
      set(k, v);
    },
  });
  return { values, set, errors, setErrors, reset, validate, fromServer, field, dirty, failures, setFailures };
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
