/**
 * Speaker resolution against a directory of people and organisations (pure). Handles Korean
 * romanisation variants (Rhee/Lee, Jeong/Jung/Chung, -yeol/-reol/-ryeol, hyphens and spacing),
 * organisation name shapes ("Unification Ministry" = "Ministry of Unification" = "MOU"), and
 * titles valid on the article's date.
 */
import type { DirectoryOrganisation, DirectoryPerson, DirectoryRole, LanguagePack, SpeakerDirectory, SpeakerMention, SpeakerResolution } from './types.ts';
import { en } from './lang/en.ts';
import { ko } from './lang/ko.ts';
import { isFormerTitle } from '../api/discipline-rules.ts';

/** Lower case, accents removed, punctuation folded to single spaces. */
export function normaliseName(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Korean surnames by their common romanisations → one key. Deliberately limited to surnames:
 * given names are folded by the phonetic rules in {@link romanisationKey}.
 */
const SURNAMES: Record<string, string> = {
  lee: 'i',
  rhee: 'i',
  yi: 'i',
  ri: 'i',
  rhie: 'i',
  i: 'i',
  park: 'bak',
  pak: 'bak',
  bak: 'bak',
  jeong: 'jung',
  jung: 'jung',
  chung: 'jung',
  cheong: 'jung',
  chong: 'jung',
  joung: 'jung',
  choi: 'choe',
  choe: 'choe',
  chey: 'choe',
  kang: 'gang',
  gang: 'gang',
  noh: 'no',
  no: 'no',
  roh: 'no',
  rho: 'no',
  lim: 'im',
  im: 'im',
  yim: 'im',
  rim: 'im',
  baek: 'baek',
  baik: 'baek',
  paik: 'baek',
  paek: 'baek',
  back: 'baek',
  cho: 'jo',
  jo: 'jo',
  joe: 'jo',
  kim: 'gim',
  gim: 'gim',
  ryu: 'yu',
  yu: 'yu',
  yoo: 'yu',
  you: 'yu',
  shin: 'sin',
  sin: 'sin',
  shinn: 'sin',
  oh: 'o',
  o: 'o',
  yoon: 'yun',
  yun: 'yun',
  seo: 'seo',
  suh: 'seo',
  sur: 'seo',
  han: 'han',
  hahn: 'han',
  hwang: 'hwang',
  moon: 'mun',
  mun: 'mun',
  ahn: 'an',
  an: 'an',
  song: 'song',
  jang: 'jang',
  chang: 'jang',
  kwon: 'gwon',
  gwon: 'gwon',
  wi: 'wi',
  wee: 'wi',
};

/** Fold a romanised given name (syllables joined) to a phonetic key. Order of rules matters. */
function givenKey(s: string): string {
  let g = s.replace(/[^a-z]/g, '');
  g = g.replace(/([bcdghjklmnpstz])r(?=[aeiouwy])/g, '$1'); // Dong-reol / Dong-ryeol → Dongeol / Dongyeol
  g = g.replace(/^r(?=[aeiouwy])/, '');
  g = g.replace(/yeo/g, 'eo').replace(/ye/g, 'e');
  g = g.replace(/eo|ou|oo|eu|o/g, 'u');
  g = g.replace(/ae|ai/g, 'e').replace(/ee/g, 'i');
  g = g.replace(/ch/g, 'j').replace(/sh/g, 's').replace(/k/g, 'g').replace(/c/g, 'g').replace(/t/g, 'd').replace(/p/g, 'b').replace(/l/g, 'r');
  g = g.replace(/(.)\1+/g, '$1');
  return g;
}

/**
 * A romanisation-insensitive key for a person's name: the surname (first or last word) through
 * the surname table, the rest through the phonetic folding. Returns both orders (Korean and
 * Western) so "Kang Yu-jung" and "Yu-jung Kang" meet.
 */
export function romanisationKeys(name: string): string[] {
  const words = normaliseName(name).split(' ').filter(Boolean);
  if (!words.length) return [];
  if (words.length === 1) return [SURNAMES[words[0]] ?? givenKey(words[0])];
  const surFirst = `${SURNAMES[words[0]] ?? givenKey(words[0])}|${givenKey(words.slice(1).join(''))}`;
  const surLast = `${SURNAMES[words[words.length - 1]] ?? givenKey(words[words.length - 1])}|${givenKey(words.slice(0, -1).join(''))}`;
  return [surFirst, surLast];
}

/** The canonical key of a person's name (Korean order). */
export function romanisationKey(name: string): string {
  return romanisationKeys(name)[0] ?? '';
}

/** True if an ISO date prefix lies within [from, to] at the granularity each bound is written in. */
export function dateWithin(onDate: string | undefined, from?: string, to?: string): boolean {
  if (!onDate) return true;
  if (from && onDate.slice(0, from.length) < from) return false;
  if (to && onDate.slice(0, to.length) > to) return false;
  return true;
}

/** Organisation name variants: article dropped, "X Ministry" ↔ "Ministry of X", acronyms, synonyms. */
export function organisationKeys(name: string, pack: LanguagePack = en): string[] {
  let n = normaliseName(name).replace(/^the /, '');
  // A leading country only says whose body it is: "South Korea's presidential office", "U.S. State Department".
  n = n.replace(/^(south koreas|south korea|north koreas|koreas|seouls|washingtons|the us|us|u s|united states|rok|south korean) (?=\S+ )/, '');
  const keys = new Set<string>([n]);
  const m1 = /^(.+) (ministry|department|office|agency|council|committee|command)$/.exec(n);
  if (m1) keys.add(`${m1[2]} of ${m1[1]}`);
  const m2 = /^(ministry|department|office|agency|council|committee|command) of (?:the )?(.+)$/.exec(n);
  if (m2) keys.add(`${m2[2]} ${m2[1]}`);
  // "foreign ministry" ↔ "ministry of foreign affairs"
  for (const k of [...keys]) {
    if (/^ministry of (.+) affairs$/.test(k)) keys.add(k.replace(/^ministry of (.+) affairs$/, '$1 ministry'));
    if (/^(.+) affairs ministry$/.test(k)) keys.add(k.replace(/ affairs ministry$/, ' ministry'));
  }
  // Acronyms from initials, with and without function words ("MOFA", "MND").
  const words = n.split(' ');
  if (words.length >= 2) {
    keys.add(words.map((w) => w[0]).join(''));
    keys.add(
      words
        .filter((w) => !['of', 'the', 'and', 'for'].includes(w))
        .map((w) => w[0])
        .join(''),
    );
  }
  for (const group of pack.organisationSynonyms) {
    const norm = group.map((g) => normaliseName(g));
    if (norm.some((g) => keys.has(g))) for (const g of norm) keys.add(g);
  }
  return [...keys];
}

interface PersonHit {
  person: DirectoryPerson;
  match: 'exact' | 'alias' | 'romanisation';
}

function findPeople(name: string, people: readonly DirectoryPerson[]): PersonHit[] {
  const n = normaliseName(name);
  const exact = people.filter((p) => normaliseName(p.name) === n);
  if (exact.length) return exact.map((person) => ({ person, match: 'exact' }));
  const alias = people.filter((p) => p.aliases.some((a) => normaliseName(a) === n));
  if (alias.length) return alias.map((person) => ({ person, match: 'alias' }));
  // Spacing and hyphenation variants ("Lee Jae Myung", "Jung Yeondu") are still the same spelling.
  const squash = (s: string) => normaliseName(s).replace(/ /g, '');
  const sq = people.filter((p) => [p.name, ...p.aliases].some((a) => squash(a) === squash(name)));
  if (sq.length) return sq.map((person) => ({ person, match: 'alias' }));
  if (!n.includes(' ')) return [];
  const keys = new Set(romanisationKeys(name));
  const rom = people.filter((p) => [p.name, ...p.aliases].some((a) => romanisationKeys(a).some((k) => keys.has(k))));
  return rom.map((person) => ({ person, match: 'romanisation' }));
}

function findOrganisation(name: string, orgs: readonly DirectoryOrganisation[], pack: LanguagePack): { org: DirectoryOrganisation; match: 'exact' | 'alias' } | undefined {
  const n = normaliseName(name).replace(/^the /, '');
  for (const o of orgs) if (normaliseName(o.name).replace(/^the /, '') === n) return { org: o, match: 'exact' };
  for (const o of orgs) if (o.aliases.some((a) => normaliseName(a).replace(/^the /, '') === n)) return { org: o, match: 'alias' };
  const keys = new Set(organisationKeys(name, pack));
  for (const o of orgs) {
    for (const cand of [o.name, ...o.aliases]) {
      if (organisationKeys(cand, pack).some((k) => keys.has(k))) return { org: o, match: 'alias' };
    }
  }
  return undefined;
}

function partyOfCountry(name: string, pack: LanguagePack): string | undefined {
  const n = normaliseName(name).replace(/^the /, '');
  for (const [party, names] of Object.entries(pack.countries)) if (names.some((c) => normaliseName(c).replace(/^the /, '') === n)) return party;
  return undefined;
}

function titleTokens(s: string): string[] {
  return normaliseName(s)
    .split(' ')
    .filter((w) => !['the', 'of', 'for', 'and', 'a', 'an', 'us', 'u', 's', 'rok'].includes(w));
}

/** How well a written title matches a directory title (share of the written title's words found). */
function titleOverlap(written: string, title: string): number {
  const a = titleTokens(written);
  if (!a.length) return 0;
  const b = new Set(titleTokens(title).flatMap((w) => [w, w.replace(/(man|woman|person)$/, 'person')]));
  return a.filter((w) => b.has(w) || b.has(w.replace(/(man|woman|person)$/, 'person'))).length / a.length;
}

export { isFormerTitle };

/** The role to report for a person on a date: the one the text names if any, else the one valid then. */
function pickRole(p: DirectoryPerson, onDate: string | undefined, writtenRole?: string): DirectoryRole | undefined {
  const valid = p.roles.filter((r) => dateWithin(onDate, r.from, r.to));
  if (writtenRole) {
    const scored = p.roles.map((r) => ({ r, s: titleOverlap(writtenRole, r.title) + (valid.includes(r) ? 0.01 : 0) })).sort((x, y) => y.s - x.s);
    if (scored[0] && scored[0].s >= 0.5) return scored[0].r;
  }
  if (valid.length) return valid[valid.length - 1];
  // Nothing valid on the date: the latest role that started before it.
  const before = p.roles.filter((r) => !onDate || !r.from || r.from <= onDate);
  return before[before.length - 1] ?? p.roles[0];
}

/** A title in the pack's language put into the directory's English words (통일부 장관 → minister). */
export function glossRole(role: string, pack: LanguagePack): string {
  const g = pack.korean?.roleGlossary;
  if (!g) return role;
  const keys = Object.keys(g).sort((a, b) => b.length - a.length);
  const out = role
    .split(/\s+/)
    .map((w) => g[w] ?? (keys.find((k) => w.endsWith(k)) ? g[keys.find((k) => w.endsWith(k))!] : ''))
    .filter(Boolean)
    .join(' ');
  return out || role;
}

/**
 * Resolve a speaker mention to directory records.
 * - People by exact name, alias, or romanisation variant; a bare surname or a title alone
 *   ("President Lee", "the unification minister") by the role valid on `onDate`.
 * - Organisations (organisation speakers and a person's organisation) by name shapes and aliases.
 * - Anonymous speakers stay anonymous; their organisation is still resolved.
 * - Unknown speakers come back with `match: 'none'` and a proposal for a new record.
 */
export function resolveSpeaker(speaker: SpeakerMention, directory: SpeakerDirectory, onDate?: string, pack: LanguagePack = en): SpeakerResolution {
  // Read before the title is put into English words: 전 (former) has no gloss.
  const formerWritten = isFormerTitle(speaker.role) || isFormerTitle(speaker.description) || (!!speaker.text && isFormerTitle(speaker.text.split(/[,，]/)[0]) && !speaker.isOrganisation);
  // Korean titles (장관, 대변인) are matched in the directory's English words, whichever pack the caller passed.
  if (speaker.role && (pack.korean || /[\uAC00-\uD7A3]/u.test(speaker.role))) speaker = { ...speaker, role: glossRole(speaker.role, pack.korean ? pack : ko) };
  const orgName = speaker.organisation ?? (speaker.isOrganisation ? speaker.name : undefined);
  const orgHit = orgName ? findOrganisation(orgName, directory.organisations, pack) : undefined;
  const countryParty = orgName && !orgHit ? partyOfCountry(orgName, pack) : undefined;
  const base: SpeakerResolution = { match: 'none', anonymous: speaker.anonymous };
  if (speaker.description) base.description = speaker.description;
  if (orgHit) {
    base.organisationId = orgHit.org.id;
    base.partyId = orgHit.org.partyId;
  } else if (countryParty) base.partyId = countryParty;

  if (speaker.anonymous) {
    return { ...base, role: speaker.role };
  }

  if (speaker.isOrganisation) {
    if (orgHit) return { ...base, match: orgHit.match };
    if (countryParty) return { ...base, match: 'alias' };
    const name = speaker.name ?? speaker.text;
    return { ...base, proposal: { kind: 'organisation', name, aliases: speaker.text !== name ? [speaker.text] : [] } };
  }

  const name = speaker.name;
  let hits: PersonHit[] = name ? findPeople(name, directory.people) : [];
  let match: SpeakerResolution['match'] = hits[0]?.match ?? 'none';

  // A bare surname ("Biegun", "Pompeo") that only one person in the directory carries.
  if (!hits.length && name && !normaliseName(name).includes(' ')) {
    const w = normaliseName(name);
    const bySurname = directory.people.filter((p) => {
      const parts = normaliseName(p.name).split(' ');
      return parts[0] === w || parts[parts.length - 1] === w;
    });
    if (bySurname.length === 1) {
      hits = [{ person: bySurname[0], match: 'alias' }];
      match = 'alias';
    }
  }
  // Bare surname or no name: use the title (and organisation) valid on the date.
  if (!hits.length && (speaker.role || orgHit)) {
    const surnameKey = name && !name.includes(' ') ? romanisationKeys(name)[0] : undefined;
    const byRole = directory.people.filter((p) => {
      if (surnameKey && !romanisationKeys(p.name).some((k) => k.split('|')[0] === surnameKey)) return false;
      return p.roles.some((r) => dateWithin(onDate, r.from, r.to) && (!speaker.role || titleOverlap(speaker.role, r.title) >= 0.5) && (!orgHit || r.organisationId === orgHit.org.id));
    });
    if (byRole.length === 1) {
      hits = [{ person: byRole[0], match: 'exact' }];
      match = 'role';
    }
  }
  if (hits.length > 1) {
    // Several romanisation matches: prefer the one whose role fits the text and the date.
    const fit = hits.filter((h) => h.person.roles.some((r) => dateWithin(onDate, r.from, r.to) && (!orgHit || r.organisationId === orgHit.org.id)));
    hits = fit.length === 1 ? fit : hits.slice(0, hits.length === 1 ? 1 : 0);
    if (!hits.length) match = 'none';
  }
  const hit = hits[0];
  if (hit) {
    const role = pickRole(hit.person, onDate, speaker.role);
    const org = role ? directory.organisations.find((o) => o.id === role.organisationId) : undefined;
    const out: SpeakerResolution = { ...base, personId: hit.person.id, match };
    // Speakers in their time: a person speaks for an organisation only through an office held on
    // the date. A role that ended before it, or a title the text calls former ("former
    // unification minister", 전 장관), names the office they no longer hold: no organisation.
    const held = !!role && dateWithin(onDate, role.from, role.to) && !formerWritten;
    const ended = !!role?.to && !!onDate && onDate.slice(0, role.to.length) > role.to;
    out.office = held ? 'held' : formerWritten || ended ? 'former' : 'none';
    if (role) out.role = role.title;
    if (held && org) {
      // The organisation the person spoke for on that date wins over a loose textual one.
      out.organisationId = org.id;
      out.partyId = org.partyId;
    } else if (!held) {
      // The government is still theirs (the party stays), but they speak for no organisation of it.
      if (org && !out.partyId) out.partyId = org.partyId;
      delete out.organisationId;
    }
    return out;
  }

  const proposalName = name ?? speaker.text;
  return {
    ...base,
    role: speaker.role,
    proposal: {
      kind: 'person',
      name: proposalName,
      aliases: [],
      // A title the text calls former is no office to record from this date.
      roles: (speaker.role || orgName) && !formerWritten ? [{ title: speaker.role ?? '', organisationId: orgHit?.org.id, organisationName: orgHit ? undefined : orgName, from: onDate }] : [],
    },
  };
}
