/**
 * Responses the page's boot script (index.html) started before the app's JS had loaded: on a
 * group dashboard it asks for the session and the dashboard's data at once. The API client takes
 * each one at most once, by exact URL, in the first seconds after the page loaded; anything else
 * goes to the network as usual.
 */
interface Boot {
  at: number;
  res: Record<string, Promise<Response> | undefined>;
}

const FRESH_MS = 10_000;

export function takeBootResponse(url: string): Promise<Response> | undefined {
  const boot = (globalThis as { __concordBoot?: Boot }).__concordBoot;
  const res = boot?.res[url];
  if (!boot || !res) return undefined;
  delete boot.res[url];
  if (Date.now() - boot.at > FRESH_MS) return undefined;
  performance.mark(`concord:boot-hit:${url.split('?')[0].slice(5)}`);
  return res;
}
