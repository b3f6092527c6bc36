/**
 * The first requests of a group's dashboard: one list, read twice. The page's boot script
 * (index.html, written out by the build from this list: vite.config.ts) starts them while the
 * app's JS downloads; the app's prefetch (features/dashboard/prefetch.ts and alignment.ts) asks
 * for the same ones through the API client, which takes the boot script's responses by exact URL
 * (api/boot.ts). A `{wg}` or `{asOf}` in a path or value is the group's id or the as-of date.
 */
export type BootRequest = readonly [path: string, query?: Readonly<Record<string, string | number>>];

export const BOOT_REQUESTS = {
  /** At once, knowing only the group's id. */
  session: ['/session'],
  dashboard: ['/working-groups/{wg}/dashboard'],
  openCommitments: ['/commitments', { wgId: '{wg}', state: 'open', limit: 500 }],
  parties: ['/parties'],
  organisations: ['/organisations'],
  group: ['/working-groups/{wg}'],
  /** Once the group is known, as of its end date or today (features/dashboard/prefetch.ts: defaultAsOf). */
  issues: ['/issues', { wgId: '{wg}', limit: 1000 }],
  positions: ['/positions', { wgId: '{wg}', asOf: '{asOf}' }],
  alignment: ['/working-groups/{wg}/alignment', { asOf: '{asOf}' }],
} as const satisfies Record<string, BootRequest>;

/** Which of them wait for the group (the rest start at once). */
export const AFTER_GROUP = ['issues', 'positions', 'alignment'] as const satisfies readonly (keyof typeof BOOT_REQUESTS)[];

const fill = (s: string, vars: { wg: string; asOf?: string }) => s.replace('{wg}', vars.wg).replace('{asOf}', vars.asOf ?? '');

/** A boot request with its placeholders filled: the path and query the API client takes. */
export function bootRequest(name: keyof typeof BOOT_REQUESTS, vars: { wg: string; asOf?: string }): [string, Record<string, string> | undefined] {
  const [path, query] = BOOT_REQUESTS[name] as BootRequest;
  return [fill(path, vars), query ? Object.fromEntries(Object.entries(query).map(([k, v]) => [k, fill(String(v), vars)])) : undefined];
}
