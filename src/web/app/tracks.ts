import { useGroup } from '../features/groups/api.ts';
import { localTitle } from './format.ts';

/**
 * A group's track named in the reader's language: by its id, or by its code (a commitment's track
 * is free text, often a track's code such as `investment_trade`). Text that names no track is
 * shown as written.
 */
export function useTrackName(wgId: string | undefined) {
  const g = useGroup(wgId);
  const tracks = g.data?.tracks ?? [];
  return (idOrCode: string | null | undefined, fallback?: string | null): string => {
    if (!idOrCode) return fallback ?? '';
    const tr = tracks.find((x) => x.id === idOrCode || x.code === idOrCode);
    return tr ? localTitle(tr.name, tr.nameKo) : (fallback ?? idOrCode);
  };
}
