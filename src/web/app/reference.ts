import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, get } from '../api/client.ts';
import type { List } from '../../core/api/common.ts';
import type { Organisation, Party, Person } from '../../core/api/reference.ts';

export interface Reference {
  parties: Party[];
  organisations: Organisation[];
  people: Person[];
}

const EMPTY: Reference = { parties: [], organisations: [], people: [] };

/** A list route not on this server yet reads as empty; names then fall back to what records carry. */
const notYet = (e: unknown): List<never> => {
  if (e instanceof ApiError && e.status === 404) return { items: [] };
  throw e;
};

/** People (speakers, leads), loaded only by the screens that need them. */
export function usePeople() {
  return useQuery({
    queryKey: ['people'],
    queryFn: async () => (await get<List<Person>>('/people', { limit: 500 }).catch(notYet)).items,
    staleTime: 30 * 60_000,
  });
}

/** Parties, organisations and people, for names and pickers. Reference data changes rarely. */
export function useReference() {
  return useQuery({
    queryKey: ['reference'],
    queryFn: async (): Promise<Reference> => {
      const [parties, organisations] = await Promise.all([get<List<Party>>('/parties').catch(notYet), get<List<Organisation>>('/organisations').catch(notYet)]);
      return { parties: parties.items, organisations: organisations.items, people: [] };
    },
    staleTime: 30 * 60_000,
  });
}

/** Name look-ups in the reader's language, falling back to the id. */
export function useNames() {
  const { data = EMPTY } = useReference();
  const people = usePeopleCache();
  const { i18n } = useTranslation();
  const ko = i18n.language === 'ko';
  const party = new Map(data.parties.map((p) => [p.id, p]));
  const org = new Map(data.organisations.map((o) => [o.id, o]));
  const person = new Map((people ?? []).map((p) => [p.id, p]));
  return {
    ref: data,
    party: (id: string | null | undefined, fallback?: string | null) => {
      if (!id) return fallback ?? '—';
      const p = party.get(id);
      return p ? (ko && p.nameKo ? p.nameKo : p.name) : (fallback ?? id);
    },
    partyCode: (id: string | null | undefined) => (id ? (party.get(id)?.code ?? id) : '—'),
    org: (id: string | null | undefined, fallback?: string | null) => {
      if (!id) return fallback ?? '—';
      const o = org.get(id);
      return o ? (ko && o.nameKo ? o.nameKo : o.name) : (fallback ?? id);
    },
    orgShort: (id: string | null | undefined, fallback?: string | null) => {
      if (!id) return fallback ?? '—';
      const o = org.get(id);
      return o ? (o.acronym ?? (ko && o.nameKo ? o.nameKo : o.name)) : (fallback ?? id);
    },
    orgParty: (id: string | null | undefined) => (id ? org.get(id)?.partyId : undefined),
    person: (id: string | null | undefined, fallback?: string | null) => {
      if (!id) return fallback ?? '—';
      const p = person.get(id);
      return p ? (ko && p.nameKo ? p.nameKo : p.name) : (fallback ?? id);
    },
  };
}

/** People already loaded by some screen (names never trigger the load themselves). */
function usePeopleCache(): Person[] | undefined {
  return useQueryClient().getQueryData<Person[]>(['people']);
}
