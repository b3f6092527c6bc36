import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/**
 * One view setting kept in the page's URL (`?asOf=2025-12-16`), so that a link to the view shows
 * what its sender saw. The default is left out of the URL. Changing it replaces the history entry
 * instead of adding one: moving a date picker should not fill the back button.
 */
export function useUrlState(key: string, fallback: string): [string, (value: string) => void] {
  const [params, setParams] = useSearchParams();
  const value = params.get(key) || fallback;
  const set = useCallback(
    (next: string) =>
      setParams(
        (prev) => {
          const p = new URLSearchParams(prev);
          if (next && next !== fallback) p.set(key, next);
          else p.delete(key);
          return p;
        },
        { replace: true },
      ),
    [key, fallback, setParams],
  );
  return [value, set];
}
