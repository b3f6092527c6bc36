/**
 * A timed sweep of a running Concord: every GET operation of its OpenAPI document, path ids filled
 * from what the lists returned (as ../shared/tools/sweep.mjs does), each request timed. Used by
 * test/heavy.test.ts and bench/heavy.
 */

export interface SweepHit {
  path: string;
  status: number;
  ms: number;
}

/** GETs every GET route of the API once per id (up to `perRoute` ids per parameter) with `headers`; returns each request's status and time. */
export async function timedSweep(base: string, headers: Record<string, string>, perRoute = 4): Promise<SweepHit[]> {
  const spec = (await (await fetch(`${base}/api/openapi.json`)).json()) as { paths: Record<string, { get?: unknown }> };
  const gets = Object.entries(spec.paths)
    .filter(([, ops]) => ops.get)
    .map(([p]) => p);
  const ids = new Map<string, Set<string>>();
  const harvest = (o: unknown, key: string): void => {
    if (Array.isArray(o)) {
      for (const v of o) harvest(v, key);
      return;
    }
    if (!o || typeof o !== 'object') return;
    for (const [k, v] of Object.entries(o)) {
      if (typeof v === 'string' && v.length < 80 && (k === 'id' || /Id$/.test(k))) {
        const name = k === 'id' ? key : k;
        if (!ids.has(name)) ids.set(name, new Set());
        ids.get(name)!.add(v);
      } else harvest(v, k === 'items' || k === 'item' ? key : k);
    }
  };
  const hits: SweepHit[] = [];
  const get = async (path: string): Promise<unknown> => {
    const t = performance.now();
    const r = await fetch(base + path, { headers });
    const text = await r.text();
    hits.push({ path, status: r.status, ms: performance.now() - t });
    if (process.env.SWEEP_TRACE) console.error(hits.at(-1));
    try {
      return r.ok ? JSON.parse(text) : null;
    } catch {
      return null;
    }
  };
  for (const p of gets.filter((p) => !p.includes('{'))) {
    const b = await get(p);
    if (b) harvest(b, p.split('/').filter(Boolean).pop()!);
  }
  for (const p of gets.filter((p) => p.includes('{'))) {
    const params = [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    const segs = p.split('/');
    const pools = params.map((n) => {
      const before = segs[segs.indexOf(`{${n}}`) - 1];
      const keys = [before, n, `${n.replace(/Id$/, '')}s`, n === 'orgId' ? 'organisationId' : n, n === 'orgId' ? 'organisations' : n];
      const k = keys.find((x) => ids.has(x));
      return [...(k ? ids.get(k)! : [])].slice(0, perRoute);
    });
    if (pools.some((x) => x.length === 0)) continue;
    for (let i = 0; i < Math.max(...pools.map((x) => x.length)); i++) {
      let q = p;
      params.forEach((n, j) => {
        q = q.replace(`{${n}}`, encodeURIComponent(pools[j][i % pools[j].length]));
      });
      const b = await get(q);
      if (b) harvest(b, params.at(-1)!);
    }
  }
  return hits;
}
