/**
 * Responses the page's boot script (index.html) started before the app's JS had loaded: on a
 * group dashboard it asks for the session and the dashboard's data at once. The API client takes
 * each one at most once, by exact URL, in the first seconds after the page loaded; anything else
 * goes to the network as usual.
 */
interface Boot {
  at: number;
  res: Record<string, Promise<Response> | undefined>;
  /** Settles once the requests that wait for the group (issues, positions, alignment) are started. */
  ready?: Promise<unknown>;
}

const FRESH_MS = 10_000;

export function takeBootResponse(url: string): Promise<Response> | undefined {
  const boot = (globalThis as { __concordBoot?: Boot }).__concordBoot;
  const res = boot?.res[url];
  if (!boot || !res) return undefined;
  delete boot.res[url];
  // Marked either way, so a test can tell a request the app made late from one it made differently.
  if (Date.now() - boot.at > FRESH_MS) {
    performance.mark(`concord:boot-late:${url.split('?')[0].slice(5)}`);
    return undefined;
  }
  performance.mark(`concord:boot-hit:${url.split('?')[0].slice(5)}`);
  return res;
}

/**
 * As takeBootResponse, but for a URL the boot script has not started yet while it is still
 * waiting for the group (the requests that need its dates), first waits for it to start them:
 * the app reads the same group response and would otherwise ask for the same URLs a moment
 * before the script does, and both requests would go out.
 */
export async function takeBootResponseSoon(url: string): Promise<Response | undefined> {
  const boot = (globalThis as { __concordBoot?: Boot }).__concordBoot;
  if (!boot) return undefined;
  if (!boot.res[url] && boot.ready && Date.now() - boot.at <= FRESH_MS) await boot.ready.catch(() => undefined);
  return takeBootResponse(url);
}
