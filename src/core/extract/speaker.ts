/**
 * Speaker phrases: parsing "US Secretary of State Mike Pompeo", "Kang Yu-jung, spokesperson for the
 * presidential office", "a senior ROK government official", "the ministry", "he" into a
 * {@link SpeakerMention}, and the discourse context that resolves pronouns and short references
 * to the most recent compatible speaker or mention.
 */
import type { SpeakerMention } from './types.ts';
import { type Tok, type Vocab, isPossessive, textOf, unpossess } from './tokens.ts';

/** Something a later pronoun or short reference can point back to. */
export interface Referent {
  pos: number;
  speaker: SpeakerMention;
  /** True for actual speakers (preferred antecedents), false for mere mentions. */
  spoke: boolean;
  /** True for sentence subjects (good antecedents for he/she). */
  subject: boolean;
}

/** Discourse memory of one document. */
export class Discourse {
  readonly refs: Referent[] = [];

  add(r: Referent): void {
    this.refs.push(r);
  }

  private latest(pos: number, pred: (r: Referent) => boolean, maxBack = 4000): Referent | undefined {
    let best: Referent | undefined;
    for (const r of this.refs) {
      if (r.pos >= pos || pos - r.pos > maxBack || !pred(r)) continue;
      if (!best || r.pos > best.pos || (r.pos === best.pos && r.spoke && !best.spoke)) best = r;
    }
    return best;
  }

  /** he / she: the latest person (named or anonymous) who spoke or was a sentence subject. */
  person(pos: number): SpeakerMention | undefined {
    return this.latest(pos, (r) => !r.speaker.isOrganisation && (r.spoke || r.subject))?.speaker;
  }

  /** it / its / "the ministry": the latest organisation, optionally one whose name contains `head`. */
  organisation(pos: number, head?: string): SpeakerMention | undefined {
    const isOrg = (r: Referent) => r.speaker.isOrganisation && !isCollective(r.speaker);
    if (head) {
      const h = head.toLowerCase();
      const hit = this.latest(pos, (r) => isOrg(r) && (r.speaker.name ?? '').toLowerCase().includes(h));
      if (hit) return hit.speaker;
      // "the ministry" may point at the organisation a person spoke for.
      const viaPerson = this.latest(pos, (r) => !r.speaker.isOrganisation && (r.speaker.organisation ?? '').toLowerCase().includes(h));
      if (viaPerson?.speaker.organisation) return { text: viaPerson.speaker.organisation, name: viaPerson.speaker.organisation, anonymous: false, isOrganisation: true };
    }
    return this.latest(pos, isOrg)?.speaker;
  }

  /** they / "the former ministers": the latest collective. */
  collective(pos: number, head?: string): SpeakerMention | undefined {
    return this.latest(pos, (r) => isCollective(r.speaker) && (!head || (r.speaker.name ?? r.speaker.description ?? '').toLowerCase().includes(head)))?.speaker;
  }

  /** "the spokesperson", "the minister": latest person whose role contains the head noun. */
  byRole(pos: number, head: string, anonymous: boolean): SpeakerMention | undefined {
    const h = head.replace(/s$/, '');
    return (
      this.latest(pos, (r) => !r.speaker.isOrganisation && r.speaker.anonymous === anonymous && `${r.speaker.role ?? ''} ${r.speaker.description ?? ''}`.toLowerCase().includes(h)) ??
      this.latest(pos, (r) => !r.speaker.isOrganisation && r.spoke)
    )?.speaker;
  }

  /** "Kang", "Pompeo": latest named person one of whose name words is `word`. */
  byNameWord(pos: number, word: string): SpeakerMention | undefined {
    const w = word.toLowerCase();
    return this.latest(pos, (r) => !r.speaker.isOrganisation && !!r.speaker.name && r.speaker.name.toLowerCase().split(/[\s]+/).includes(w) && r.speaker.name.includes(' '), 20000)?.speaker;
  }
}

function isCollective(s: SpeakerMention): boolean {
  return s.isOrganisation && !!s.description && s.description.startsWith('collective');
}

/** Result of speaker parsing, with enough structure for the engine to decide how much to trust it. */
export interface ParsedSpeaker {
  speaker: SpeakerMention;
  /** 'name' | 'org' | 'anon' | 'pronoun' | 'role' | 'collective' | 'media' */
  type: string;
  /** True if the phrase was resolved through the discourse context. */
  resolved: boolean;
}

const DASHES = new Set(['—', '–', '-', '|']);

/**
 * Parse tokens [i, j) as a speaker phrase. In strict mode (used for attributions after a clause)
 * every comma-separated chunk must itself look like part of a speaker phrase; otherwise leading
 * adverbial chunks ("During a press briefing in Seoul,") are dropped.
 */
export function parseSpeaker(text: string, toks: readonly Tok[], i: number, j: number, v: Vocab, ctx: Discourse, strict: boolean): ParsedSpeaker | null {
  // Drop parentheticals, keeping them as a note ("MOFA (press release)").
  const kept: Tok[] = [];
  let paren = '';
  let depth = 0;
  for (let k = i; k < j; k++) {
    const t = toks[k];
    if (t.text === '(') {
      depth++;
      continue;
    }
    if (t.text === ')') {
      depth = Math.max(0, depth - 1);
      continue;
    }
    if (depth > 0) paren += (paren ? ' ' : '') + t.text;
    else kept.push(t);
  }
  while (kept.length && (kept[kept.length - 1].text === ',' || kept[kept.length - 1].text === '.')) kept.pop();
  if (!kept.length) return null;
  let written = text.slice(toks[i].start, toks[j - 1].end).replace(/[,\s]+$/, '');

  // Split into chunks at top-level commas and dashes.
  const chunks: Tok[][] = [[]];
  for (const t of kept) {
    if (t.text === ',' || (DASHES.has(t.text) && !t.word)) chunks.push([]);
    else chunks[chunks.length - 1].push(t);
  }
  const nonEmpty = chunks.filter((c) => c.length);
  if (!nonEmpty.length) return null;
  // "Cho Hyun, meanwhile, has contended": asides made only of adverbs and auxiliaries are not the speaker.
  while (!strict && nonEmpty.length > 1 && nonEmpty[nonEmpty.length - 1].every((t) => v.aux.has(t.lower) || v.leading.has(t.lower) || ASIDES.has(t.lower))) nonEmpty.pop();

  // From the right: trailing appositive chunks (titles without a name), then the core.
  let coreIdx = nonEmpty.length - 1;
  const appositives: Tok[][] = [];
  while (coreIdx > 0 && isRolePhrase(nonEmpty[coreIdx], v) && !nameAtEnd(nonEmpty[coreIdx], v)) {
    appositives.unshift(nonEmpty[coreIdx]);
    coreIdx--;
  }
  // "Kevin Kim, after meeting X, said": an adverbial chunk between the speaker and the cue.
  while (!strict && coreIdx > 0 && appositives.length === 0 && v.adjunct.has(nonEmpty[coreIdx][0].lower) && nonEmpty[coreIdx].length <= 10) coreIdx--;
  if (strict) {
    // Chunks before the core must not exist in strict mode: they would be clause material.
    if (coreIdx > 0) return null;
  }
  const core = nonEmpty[coreIdx].slice();
  // Leading conjunctions/adverbs and trailing auxiliaries are not part of the speaker.
  while (core.length && (core[0].lower === 'and' || core[0].lower === 'but' || core[0].lower === 'also' || core[0].lower === 'meanwhile')) core.shift();
  while (core.length > 1 && v.aux.has(core[core.length - 1].lower)) core.pop();
  // A speaker phrase is short; long runs are clause material, not a speaker.
  if (!core.length || core.length > (strict ? 10 : 12)) return null;
  if (core.some((t) => !t.word && t.text !== '.' && t.text !== '&' && t.text !== "'" && t.text !== '’')) return null;
  if (core.some((t) => v.passive.has(t.lower) || t.lower === 'will' || t.lower === 'would')) return null;

  const coreText = text.slice(core[0].start, core[core.length - 1].end);
  // "As written": the core and its appositives, without dropped adverbials or auxiliaries.
  const lastApp = appositives[appositives.length - 1];
  written = text.slice(core[0].start, lastApp ? lastApp[lastApp.length - 1].end : core[core.length - 1].end);
  const lowers = core.map((t) => t.lower);
  const lowerText = lowers.join(' ');
  const pos = core[0].start;
  const app = appositives.length ? parseRolePhrase(text, appositives[0], v, ctx, pos) : undefined;
  const base = (s: Partial<SpeakerMention>): SpeakerMention => ({ text: written, anonymous: false, isOrganisation: false, ...s });

  // Pronouns.
  if (core.length === 1) {
    const p = lowers[0];
    if (v.pack.pronouns.person.includes(p) && (p === 'he' || p === 'she')) {
      const ante = ctx.person(pos);
      return {
        speaker: base(ante ? { name: ante.name, role: ante.role, organisation: ante.organisation, anonymous: ante.anonymous, description: ante.description } : { anonymous: false }),
        type: 'pronoun',
        resolved: !!ante,
      };
    }
    if (v.pack.pronouns.organisation.includes(p)) {
      const ante = ctx.organisation(pos);
      return ante ? { speaker: base({ name: ante.name, organisation: ante.organisation ?? ante.name, isOrganisation: true }), type: 'pronoun', resolved: true } : null;
    }
    if (v.pack.pronouns.plural.includes(p)) {
      const ante = ctx.collective(pos) ?? ctx.organisation(pos);
      return ante ? { speaker: base({ ...ante, text: written }), type: 'pronoun', resolved: true } : null;
    }
    if (v.pack.pronouns.possessive.includes(p)) return null;
  }

  // Known organisations, countries and media named outright.
  const stripped = stripDeterminers(lowers, v);
  const strippedText = stripped.join(' ');
  const party = v.countryWords.get(lowerText) ?? v.countryWords.get(strippedText);
  if (party && !app) {
    return { speaker: base({ name: coreText.replace(/^the\s+/i, ''), organisation: coreText.replace(/^the\s+/i, ''), isOrganisation: true }), type: 'org', resolved: false };
  }
  // "The Hankyoreh editorial", "a 2021 KBS report": the outlet speaks through a document.
  const docNoun = DOCUMENT_NOUNS.has(lowers[lowers.length - 1]);
  const outlet = docNoun
    ? core
        .slice(0, -1)
        .map((t) => t.lower)
        .filter((w) => v.media.has(w) || v.media.has(`the ${w}`))
    : [];
  if (outlet.length) {
    const name = core
      .slice(0, -1)
      .filter((t) => v.media.has(t.lower) || v.media.has(`the ${t.lower}`))
      .map((t) => t.text)
      .join(' ');
    return { speaker: base({ name, organisation: name, isOrganisation: true, description: `media: ${coreText}` }), type: 'media', resolved: false };
  }
  if (v.media.has(lowerText) || v.media.has(strippedText)) {
    return { speaker: base({ name: coreText.replace(/^the\s+/i, ''), organisation: coreText.replace(/^the\s+/i, ''), isOrganisation: true, description: 'media' }), type: 'media', resolved: false };
  }

  const nameToks = nameAtEnd(core, v);
  // The head noun comes before any post-modifier ("a spokesperson for the ministry", "a source familiar with …").
  const postMod = lowers.findIndex((w, k) => k > 0 && POST_MODIFIERS.has(w));
  const head = unpossess(lowers[(postMod > 0 ? postMod : lowers.length) - 1]);
  const first = lowers[0];
  const hasOrgHead =
    core.some((t) => v.orgHeads.has(unpossess(t.lower)) && (t.lower !== 'house' || /white|blue/.test(lowerText))) || v.knownOrgs.has(strippedText) || stripped.some((w) => v.knownOrgs.has(w));

  // Anonymous and collective speakers: indefinite or plural title phrases without a name.
  if (!nameToks) {
    const indefinite = v.indefinite.has(first) || /^\d+$/.test(first) || NUMBER_WORDS.has(first);
    const anonCue = lowers.includes('unnamed') || lowers.includes('anonymous');
    if (first !== 'the' && first !== 'this' && (v.anonHeads.has(head) || v.roleNouns.has(head))) {
      const plural = /s$/.test(head) && !/ss$/.test(head);
      const collective = plural && (NUMBER_WORDS.has(first) || /^\d+$/.test(first)) && !v.anonHeads.has(head);
      const org = orgInside(text, core, v, ctx, pos) ?? app?.organisation;
      if (collective) {
        return { speaker: base({ name: coreText, isOrganisation: true, description: `collective: ${coreText}` }), type: 'collective', resolved: false };
      }
      if (indefinite || anonCue || plural || v.anonHeads.has(head)) {
        return {
          speaker: base({ anonymous: true, description: coreText + (app ? `, ${textOf(text, appositives[0], 0, appositives[0].length)}` : ''), organisation: org, role: roleWord(head) }),
          type: 'anon',
          resolved: false,
        };
      }
    }
    // "the ministry", "the office": back-reference to an organisation.
    if (first === 'the' || first === 'this') {
      if (stripped.length === 1 && v.orgHeads.has(head)) {
        const ante = ctx.organisation(pos, head);
        if (ante) return { speaker: base({ name: ante.name, organisation: ante.name, isOrganisation: true }), type: 'org', resolved: true };
        return { speaker: base({ name: coreText.replace(/^the\s+/i, ''), organisation: coreText.replace(/^the\s+/i, ''), isOrganisation: true }), type: 'org', resolved: false };
      }
      // "the spokesperson", "the former ministers": back-reference to a person or collective.
      if ((v.roleNouns.has(head) || v.anonHeads.has(head)) && !hasOrgHead) {
        const plural = /s$/.test(head) && !/ss$/.test(head);
        if (plural) {
          const ante = ctx.collective(pos, head);
          if (ante) return { speaker: base({ name: ante.name, isOrganisation: true, description: ante.description }), type: 'collective', resolved: true };
          return null;
        }
        const ante = ctx.byRole(pos, head, head === 'official' || head === 'source');
        if (ante)
          return { speaker: base({ name: ante.name, role: ante.role, organisation: ante.organisation, anonymous: ante.anonymous, description: ante.description }), type: 'role', resolved: true };
        return null;
      }
    }
    if (hasOrgHead) {
      const name = orgNameOf(coreText);
      return { speaker: base({ name, organisation: name, isOrganisation: true, description: paren || undefined }), type: 'org', resolved: false };
    }
    return null;
  }

  // A named person, possibly with a title (and organisation) before the name.
  const nameText = text.slice(nameToks[0].start, nameToks[nameToks.length - 1].end).replace(/[’']s$/u, '');
  if (v.knownOrgs.has(nameText.toLowerCase())) {
    return { speaker: base({ name: nameText, organisation: nameText, isOrganisation: true }), type: 'org', resolved: false };
  }
  const prefix = core.slice(0, core.length - nameToks.length);
  if (prefix.some((t) => t.lower === 'and' || t.lower === '&')) return null; // coordinated speakers: not handled
  if (prefix.length && !prefix.every((t) => isTitleWord(t, v))) return null;
  const title = splitTitle(text, prefix, v, ctx, pos);
  let name = nameText;
  let role = title.role ?? app?.role;
  let organisation = title.organisation ?? app?.organisation;
  let resolved = false;
  if (nameToks.length === 1) {
    // "Kang", "Pompeo": the latest full name containing it.
    const ante = ctx.byNameWord(pos, nameText);
    if (ante?.name) {
      name = ante.name;
      role = role ?? ante.role;
      organisation = organisation ?? ante.organisation;
      resolved = true;
    }
  }
  return { speaker: base({ name, role, organisation }), type: 'name', resolved };
}

const ASIDES = new Set([
  'meanwhile',
  'however',
  'though',
  'too',
  'instead',
  'likewise',
  'in',
  'turn',
  'for',
  'its',
  'his',
  'her',
  'their',
  'part',
  'nonetheless',
  'nevertheless',
  'moreover',
  'furthermore',
  'indeed',
  'separately',
  'too',
]);

const DOCUMENT_NOUNS = new Set(['editorial', 'report', 'article', 'commentary', 'broadcast', 'column', 'dispatch']);

const POST_MODIFIERS = new Set(['for', 'of', 'at', 'from', 'in', 'with', 'familiar', 'close', 'who', 'on', 'knowledgeable', 'involved', 'speaking']);

const NUMBER_WORDS = new Set(['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'several', 'many', 'some', 'both', 'dozens']);

function roleWord(head: string): string | undefined {
  return ['official', 'officials', 'source', 'sources', 'person', 'people'].includes(head) ? undefined : head;
}

function stripDeterminers(lowers: string[], v: Vocab): string[] {
  const out = lowers.slice();
  while (out.length > 1 && (out[0] === 'the' || out[0] === 'a' || out[0] === 'an')) out.shift();
  // "South Korea's presidential office" → "presidential office"
  for (let n = Math.min(3, out.length - 1); n >= 1; n--) {
    const lead = out.slice(0, n).join(' ');
    if (isPossessive(out[n - 1]) && v.countryWords.has(unpossess(lead))) return out.slice(n);
  }
  return out;
}

/** Organisation name as written, without the article and a possessive country ("South Korea’s"). */
function orgNameOf(s: string): string {
  return s
    .replace(/^(the|a|an)\s+/i, '')
    .replace(/^(South Korea|North Korea|Korea|the U\.?S\.?|U\.?S\.?|the United States|United States|Seoul|Washington)['’]s?\s+/i, '')
    .replace(/['’]s$/, '')
    .trim();
}

/** Tokens at the end of `toks` that form a person's name, or null. */
export function nameAtEnd(toks: readonly Tok[], v: Vocab): Tok[] | null {
  let k = toks.length;
  while (k > 0 && v.isNameWord(toks[k - 1]) && toks.length - k < 4) k--;
  if (k === toks.length) return null;
  // A possessive inside a name run ends it ("Seoul's Kang" is not one name).
  const run = toks.slice(k);
  if (run.slice(0, -1).some((t) => isPossessive(t.lower))) return null;
  return run;
}

function isTitleWord(t: Tok, v: Vocab): boolean {
  const l = unpossess(t.lower);
  return (
    v.roleNouns.has(l) ||
    v.roleModifiers.has(l) ||
    v.orgHeads.has(l) ||
    v.orgWords.has(l) ||
    v.countryWords.has(l) ||
    v.knownOrgs.has(l) ||
    ['of', 'for', 'the', 'and', 'on', 'to', 'a', 'an', 'at', "d'affaires", 'a.i.', 'ad', 'interim', 'u.s.', 'us', 'un', 'rok', 'dprk'].includes(l) ||
    /^\p{Lu}{2,}$/u.test(t.text) ||
    /^\p{Lu}/u.test(t.text)
  );
}

/** Does the chunk look like a title phrase ("spokesperson for the presidential office")? */
function isRolePhrase(chunk: readonly Tok[], v: Vocab): boolean {
  if (chunk.length > 12) return false;
  return chunk.some((t) => v.roleNouns.has(unpossess(t.lower))) && !chunk.some((t) => v.passive.has(t.lower));
}

/** Role and organisation of an appositive ("spokesperson for the presidential office", "the ministry's spokesperson"). */
export function parseRolePhrase(text: string, chunk: readonly Tok[], v: Vocab, ctx: Discourse, pos: number): { role?: string; organisation?: string } {
  let toks = chunk.slice();
  while (toks.length && ['the', 'a', 'an'].includes(toks[0].lower)) toks = toks.slice(1);
  // Possessive organisation: "the ministry's spokesperson", "Seoul's top nuclear envoy".
  const possIdx = toks.findIndex((t) => isPossessive(t.lower));
  if (possIdx >= 0) {
    const ownerToks = toks.slice(0, possIdx + 1);
    const owner = unpossess(ownerToks.map((t) => t.lower).join(' '));
    const role = textOf(text, toks, possIdx + 1, toks.length);
    if (v.countryWords.has(owner)) return { role };
    let org = orgNameOf(textOf(text, toks, 0, possIdx + 1));
    if (ownerToks.length === 1 && v.orgHeads.has(owner)) org = ctx.organisation(pos, owner)?.name ?? org;
    return { role, organisation: org };
  }
  // "X for/of/at <organisation>".
  const prepIdx = toks.findIndex(
    (t, k) =>
      k > 0 && ['for', 'of', 'at', 'from', 'in'].includes(t.lower) && toks.slice(k + 1).some((u) => v.orgHeads.has(unpossess(u.lower)) || v.knownOrgs.has(u.lower) || /^\p{Lu}{2,}$/u.test(u.text)),
  );
  if (prepIdx > 0) {
    let orgToks = toks.slice(prepIdx + 1);
    while (orgToks.length && ['the', 'a', 'an'].includes(orgToks[0].lower)) orgToks = orgToks.slice(1);
    let org = orgNameOf(textOf(text, orgToks, 0, orgToks.length));
    if (orgToks.length === 1 && v.orgHeads.has(orgToks[0].lower)) org = ctx.organisation(pos, orgToks[0].lower)?.name ?? org;
    return { role: textOf(text, toks, 0, prepIdx), organisation: org };
  }
  const role = textOf(text, toks, 0, toks.length);
  return { role, organisation: hintOrganisation(role, v) };
}

/** Split a title prefix into organisation and title ("State Department deputy spokesperson"). */
function splitTitle(text: string, prefix: readonly Tok[], v: Vocab, ctx: Discourse, pos: number): { role?: string; organisation?: string } {
  let toks = prefix.slice();
  while (toks.length && ['the', 'a', 'an'].includes(toks[0].lower)) toks = toks.slice(1);
  if (!toks.length) return {};
  // Find the last organisation head that is followed by a title noun: what precedes the title is the organisation.
  let h = -1;
  for (let k = 0; k < toks.length; k++) {
    const l = unpossess(toks[k].lower);
    if ((v.orgHeads.has(l) || v.knownOrgs.has(l) || /^\p{Lu}{3,}$/u.test(toks[k].text)) && toks.slice(k + 1).some((t) => v.roleNouns.has(t.lower))) h = k;
  }
  if (h >= 0) {
    let end = h + 1;
    // "Ministry of Unification spokesperson": the "of X" belongs to the organisation.
    if (toks[end]?.lower === 'of') {
      end++;
      while (end < toks.length && !v.roleNouns.has(toks[end].lower) && !v.roleModifiers.has(toks[end].lower)) end++;
    }
    const org = orgNameOf(textOf(text, toks, 0, end));
    const role = textOf(text, toks, end, toks.length);
    const single = end === 1 && v.orgHeads.has(unpossess(toks[0].lower));
    return { role: role || undefined, organisation: single ? (ctx.organisation(pos, unpossess(toks[0].lower))?.name ?? org) : org };
  }
  const role = textOf(text, toks, 0, toks.length);
  return { role, organisation: hintOrganisation(role, v) };
}

function hintOrganisation(role: string, v: Vocab): string | undefined {
  const r = role.toLowerCase();
  let best: readonly [string, string] | undefined;
  for (const h of v.pack.roleOrganisationHints) if (r.includes(h[0]) && (!best || h[0].length > best[0].length)) best = h;
  return best?.[1];
}

/** Organisation named inside an anonymous description ("a unification ministry official" → "unification ministry"). */
function orgInside(text: string, core: readonly Tok[], v: Vocab, ctx: Discourse, pos: number): string | undefined {
  const prep = core.findIndex((t) => ['for', 'of', 'at', 'from', 'in'].includes(t.lower));
  if (prep > 0) {
    const rest = core.slice(prep + 1).filter((t) => !['the', 'a', 'an'].includes(t.lower));
    if (rest.some((t) => v.orgHeads.has(unpossess(t.lower)) || v.knownOrgs.has(t.lower))) {
      if (rest.length === 1 && v.orgHeads.has(rest[0].lower)) return ctx.organisation(pos, rest[0].lower)?.name ?? rest[0].text;
      return orgNameOf(textOf(text, rest, 0, rest.length));
    }
  }
  const headIdx = core.findIndex((t) => v.orgHeads.has(unpossess(t.lower)) || v.knownOrgs.has(t.lower));
  if (headIdx < 0) return undefined;
  let s = headIdx;
  while (
    (s > 0 && (v.orgWords.has(core[s - 1].lower) || /^\p{Lu}/u.test(core[s - 1].text)) && !v.indefinite.has(core[s - 1].lower) && !v.roleModifiers.has(core[s - 1].lower)) ||
    (s > 0 && ['foreign', 'unification', 'defense', 'presidential', 'state'].includes(core[s - 1].lower))
  )
    s--;
  let toks = core.slice(s, headIdx + 1);
  // Nationality adjectives say which government, not which body: "South Korean foreign ministry".
  const nat = new Set(v.pack.nationalityAdjectives);
  while (toks.length > 1 && (nat.has(toks[0].lower) || nat.has(`${toks[0].lower} ${toks[1]?.lower}`))) toks = toks.slice(nat.has(`${toks[0].lower} ${toks[1]?.lower}`) ? 2 : 1);
  return orgNameOf(textOf(text, toks, 0, toks.length));
}
