/**
 * Types shared by the statement-extraction engine, speaker resolution, issue suggestion and the
 * evaluation harness. Pure type declarations: no runtime code, so any layer may import them.
 */

/** How a statement is reported in the text. */
export type StatementKind = 'direct' | 'partial' | 'indirect';

/** The speaker of a statement, as far as the text itself tells (before directory resolution). */
export interface SpeakerMention {
  /** The speaker phrase exactly as written ("he", "Kang Yu-jung, spokesperson for the presidential office"). */
  text: string;
  /** Person or organisation name after pronoun / short-name resolution ("Kang Yu-jung", "Ministry of Unification"). */
  name?: string;
  /** Title as written or inherited from the antecedent ("spokesperson", "Secretary of State"). */
  role?: string;
  /** Organisation the speaker speaks for ("presidential office", "State Department"). */
  organisation?: string;
  /** True for unnamed sources ("a senior ROK government official", "he said on condition of anonymity"). */
  anonymous: boolean;
  /** Free description for anonymous or collective speakers ("a senior ROK government official"). */
  description?: string;
  /** True when an organisation, government, document issuer or collective is the speaker. */
  isOrganisation: boolean;
}

/** One attributed statement found in a text. */
export interface Candidate {
  /** The statement: the quoted words (direct), or the reported clause (partial / indirect). */
  quote: string;
  kind: StatementKind;
  speaker: SpeakerMention;
  /** The sentence (or, for quotes split around the attribution, the sentences) it came from. */
  sentence: string;
  /** Offsets of `quote` in the input text: `text.slice(start, end)` covers it (split quotes: first to last part). */
  span: { start: number; end: number };
  /** The reporting cue as written ("said", "told", "acknowledged", "was quoted as saying", ":"). */
  cue: string;
  /** 0..1; lower when the speaker came from a pronoun, a continuation or a weak pattern. */
  confidence: number;
  /** Intermediate source for nested attribution ("the CNN report", "the AP"). */
  via?: string;
}

/** Options for {@link extractStatements}. */
export interface ExtractOptions {
  /** Language of the text; 'auto' (the default) picks Korean when Hangul makes up a good share of the letters. */
  language?: 'en' | 'ko' | 'auto';
  /** ISO date of the article; carried through for resolution, not used for extraction itself. */
  publishedOn?: string;
  sourceUrl?: string;
}

/**
 * A language pack: everything language-specific the engine needs. The engine only knows the
 * shapes of attribution (speaker–cue–complement, quote–cue–speaker, …); the words come from here.
 * All word lists are lower case.
 */
export interface LanguagePack {
  code: string;
  /** Quote mark pairs [open, close]; identical marks toggle (straight quotes). */
  quotePairs: ReadonlyArray<readonly [string, string]>;
  /** Reporting verbs in every inflection the engine should accept, multiword allowed ("pointed out"). */
  reportingVerbs: readonly string[];
  /** Participles that continue the previous speaker after a comma (", adding that …"). */
  continuationParticiples: readonly string[];
  /** Verb forms that are also common nouns ("claims", "remarks"); accepted only before "that" or ":". */
  ambiguousVerbForms: readonly string[];
  /** Auxiliaries and adverbs that may sit between a speaker and the cue ("has", "also", "reportedly"). */
  auxiliaries: readonly string[];
  /** Forms of "to be": before a cue they make it passive ("was said"), which has no speaker. */
  passiveMarkers: readonly string[];
  /** Words that open a subordinate clause; the speaker of a cue is looked for after the last one. */
  subordinators: readonly string[];
  /** Words that end an object complement ("following", "amid"): what follows is not the statement. */
  complementBreakers: readonly string[];
  /** Nouns that report a statement after a possessive ("the ministry's announcement that …"). */
  reportingNouns: readonly string[];
  /** Words introducing a reported clause ("that"). */
  complementisers: readonly string[];
  /** Multiword cues whose speaker follows ("according to"). */
  accordingTo: readonly string[];
  /** Cues for nested attribution ("was quoted as saying"). */
  quotedAs: readonly string[];
  /** Objects of "told" that are audiences, not content ("reporters"). */
  audiences: readonly string[];
  /** Which attribution shapes the language uses; the engine switches patterns on and off by these. */
  attributionPatterns: {
    /** "Q," he said. / "Q," said he. */
    quoteThenAttribution: boolean;
    /** He said, "Q" / He said: "Q" */
    attributionThenQuote: boolean;
    /** He said (that) C. */
    speakerCueClause: boolean;
    /** C, he said. */
    clauseThenAttribution: boolean;
    /** Speaker: "Q" (digest style, "MOFA (press release): …") */
    colonQuote: boolean;
    /** the ministry's announcement that C */
    possessiveNoun: boolean;
  };
  /** Abbreviations that never end a sentence ("mr.", "dec.", "no."). */
  abbreviations: readonly string[];
  /** Abbreviations that may end a sentence when a sentence starter follows ("u.s.", "a.m."). */
  ambiguousAbbreviations: readonly string[];
  /** Words that typically start a sentence; used after an ambiguous abbreviation. */
  sentenceStarters: readonly string[];
  /** Head nouns of titles ("spokesperson", "minister"); plural forms included. */
  roleNouns: readonly string[];
  /** Words that modify a title ("deputy", "acting", "senior", "former"). */
  roleModifiers: readonly string[];
  /** Head nouns of organisations ("ministry", "office", "department"). */
  organisationHeads: readonly string[];
  /** Words that may appear inside organisation or title names ("foreign", "unification", "state"). */
  organisationWords: readonly string[];
  /** Known organisation names and acronyms that look like person names ("cheong wa dae", "mofa"). */
  knownOrganisations: readonly string[];
  /** Countries and capitals standing for governments, keyed by party id. */
  countries: Readonly<Record<string, readonly string[]>>;
  /** Nationality adjectives to strip from descriptions ("south korean"). */
  nationalityAdjectives: readonly string[];
  /** News outlets: as a trailing attribution they mark nesting, not the speaker. */
  mediaOutlets: readonly string[];
  /** Phrases in an attribution that make the speaker anonymous ("on condition of anonymity"). */
  anonymityCues: readonly string[];
  /** Head nouns of unnamed speakers ("official", "source"). */
  anonymousHeads: readonly string[];
  /** Determiners that make a title phrase indefinite, hence anonymous ("a", "an", "one"). */
  indefiniteDeterminers: readonly string[];
  pronouns: { person: readonly string[]; organisation: readonly string[]; plural: readonly string[]; possessive: readonly string[] };
  /** Prepositions and subordinators that end a speaker phrase after the cue ("in", "on", "after"). */
  adjunctStarters: readonly string[];
  /** Leading words of a sentence that are adverbials, not speakers ("during", "meanwhile"). */
  leadingAdverbials: readonly string[];
  /** Capitalised words that are never names (months, weekdays, sentence adverbs). */
  nonNameWords: readonly string[];
  /** Title phrase → the organisation it implies ("unification minister" → "Ministry of Unification"). */
  roleOrganisationHints: ReadonlyArray<readonly [string, string]>;
  /** Organisation names that denote the same body ("presidential office" = "cheong wa dae"). */
  organisationSynonyms: ReadonlyArray<readonly string[]>;
  /** Stop words for issue suggestion. */
  stopwords: readonly string[];
  /** Rules of Korean attribution; a pack that has them is read by the Korean engine (korean.ts). */
  korean?: KoreanRules;
}

/**
 * Korean attribution: particles and verb endings instead of word order. All lists are matched
 * against whitespace-separated words (어절) after trailing punctuation is removed.
 */
export interface KoreanRules {
  /** Reporting verbs as [past stem, adnominal, connective]: ['밝혔', '밝힌', '밝히며']. */
  reportingVerbStems: ReadonlyArray<readonly [string, string, string]>;
  /** 했다 and its forms: a reporting verb only right after a quotative particle. */
  bareSaid: readonly string[];
  /** Quotative particles written right after a closing quotation mark ("…"라고, "…"며). */
  quoteParticles: readonly string[];
  /** Endings of an unquoted reported clause, with how many characters to strip (했다고 → 했다). */
  indirectEndings: ReadonlyArray<{ ending: string; strip: number }>;
  /** Particles that join a statement to a later reporting verb ("…"라며 … 말했다). */
  connectiveParticles: readonly string[];
  /** Topic/subject particles closing a speaker phrase (은, 는, 이, 가). */
  subjectParticles: readonly string[];
  /** Sentence predicates that report nothing or report without a speaker (알려졌다, 전망이다). */
  nonStatementPredicates: readonly string[];
  /** "분석이 나온다", "지적이 나온다": commentary nouns before {@link nonStatementVerbs}. */
  nonStatementNouns: readonly string[];
  nonStatementVerbs: readonly string[];
  /** Head nouns of titles (장관, 대변인, 실장). */
  roleNouns: readonly string[];
  /** Heads of unnamed sources (관계자, 당국자, 소식통). */
  anonymousHeads: readonly string[];
  /** Organisation names (통일부, 대통령실, 백악관). */
  organisations: readonly string[];
  /** Endings that make a word an organisation name (부, 실, 청). */
  organisationSuffixes: readonly string[];
  /** Titles that fuse an organisation and a role: [written, organisation, role]. */
  fusedRoles: ReadonlyArray<readonly [string, string, string]>;
  /** Words qualifying a title or organisation that are never names (주한, 미, 고위). */
  modifiers: readonly string[];
  /** Personal pronouns with their particles (그는, 그녀는). */
  personPronouns: readonly string[];
  /** Demonstratives of back-references (이 관계자는, 해당 당국자는). */
  demonstratives: readonly string[];
  /** Sentence-opening adverbials before the speaker (한편, 앞서). */
  leadingAdverbials: readonly string[];
  /** Adjuncts (time, place, audience) between speaker and statement, as regular expressions. */
  adjunctPatterns: readonly string[];
  /** Words that are never part of a name. */
  nonNameWords: readonly string[];
  /** Korean titles in English, for matching directory titles (장관 → minister). */
  roleGlossary: Readonly<Record<string, string>>;
}

/** A role held by a person in the speaker directory; dates are ISO prefixes (year, month or day). */
export interface DirectoryRole {
  organisationId: string;
  title: string;
  from?: string;
  to?: string;
}

export interface DirectoryPerson {
  id: string;
  name: string;
  aliases: string[];
  roles: DirectoryRole[];
}

export interface DirectoryOrganisation {
  id: string;
  name: string;
  aliases: string[];
  partyId: string;
}

/** The people and organisations speakers are resolved against. */
export interface SpeakerDirectory {
  people: DirectoryPerson[];
  organisations: DirectoryOrganisation[];
}

/** A new record suggested when a speaker is not in the directory. */
export type SpeakerProposal =
  | { kind: 'person'; name: string; aliases: string[]; roles: Array<{ title: string; organisationId?: string; organisationName?: string; from?: string }> }
  | { kind: 'organisation'; name: string; aliases: string[]; partyId?: string };

/** Result of {@link resolveSpeaker}. */
export interface SpeakerResolution {
  personId?: string;
  organisationId?: string;
  partyId?: string;
  /** How the person (or, for organisation speakers, the organisation) was matched. */
  match: 'exact' | 'alias' | 'romanisation' | 'role' | 'none';
  /** Title valid on the date (or the one the text names). */
  role?: string;
  /**
   * For a person: whether they held an office on the date (`held`: then `organisationId` is its
   * organisation), had left it (`former`: a role that ended, or a title the text calls former) or
   * had none on record (`none`). Without an office held, no organisation is set.
   */
  office?: 'held' | 'former' | 'none';
  anonymous: boolean;
  description?: string;
  proposal?: SpeakerProposal;
}

/** An issue statements can be filed under. */
export interface IssueRef {
  id: string;
  title: string;
  keywords: string[];
}

export interface IssueSuggestion {
  issueId: string;
  score: number;
  /** Keywords or title tokens that matched. */
  matched: string[];
}
