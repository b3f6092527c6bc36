/**
 * React.lazy that can be started early and that renders synchronously once its module is in.
 *
 * A plain `lazy()` component suspends on its first render even when its module has already been
 * fetched (the import promise resolves on a later tick), and React then holds the revealed
 * content back for its fallback throttle (~300 ms). Routes and charts whose modules are preloaded
 * while the data loads would pay that for nothing, so once `preload()` has resolved this renders
 * the module's component directly.
 */
import { lazy, useState, type ComponentType } from 'react';

export type Preloadable<P> = ComponentType<P> & { preload: () => Promise<unknown> };

export function preloadable<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): Preloadable<P> {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<{ default: ComponentType<P> }> | undefined;
  const preload = () =>
    (pending ??= load().then(
      (m) => {
        loaded = m.default;
        return m;
      },
      (e: unknown) => {
        pending = undefined; // a failed chunk load may be retried
        throw e;
      },
    ));
  const Lazy = lazy(preload);
  // biome-ignore lint/correctness/noComponentHookFactories: preloadable() runs once per route at module load, never during a render
  function PreloadableComponent(props: P) {
    // Chosen once per mounted instance, so a component never switches type (and remounts).
    const [C] = useState<ComponentType<P>>(() => loaded ?? Lazy);
    return <C {...props} />;
  }
  return Object.assign(PreloadableComponent, { preload });
}
