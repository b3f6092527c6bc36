/**
 * The OpenAPI document with its `$ref`s to components.schemas written out in place, for the tests
 * that read schemas operation by operation (the sweep's Ajv, the fuzzer's request builder). A
 * `$ref` with a description of its own keeps it.
 */
export function inlineRefs<T>(doc: T): T {
  const schemas = (doc as { components?: { schemas?: Record<string, unknown> } }).components?.schemas ?? {};
  const seen = new Map<string, unknown>();
  const resolve = (node: unknown, stack: string[]): unknown => {
    if (Array.isArray(node)) return node.map((n) => resolve(n, stack));
    if (!node || typeof node !== 'object') return node;
    const o = node as Record<string, unknown>;
    const ref = typeof o.$ref === 'string' ? /^#\/components\/schemas\/(.+)$/.exec(o.$ref)?.[1] : undefined;
    if (ref !== undefined) {
      if (stack.includes(ref)) throw new Error(`The schema ${ref} refers to itself`);
      if (!(ref in schemas)) throw new Error(`No schema ${ref} in components.schemas`);
      let target = seen.get(ref);
      if (target === undefined) {
        target = resolve(schemas[ref], [...stack, ref]);
        seen.set(ref, target);
      }
      const { $ref: _, ...rest } = o;
      return Object.keys(rest).length ? { ...(target as object), ...rest } : target;
    }
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, resolve(v, stack)]));
  };
  return { ...(doc as object), paths: resolve((doc as { paths?: unknown }).paths, []) } as T;
}
