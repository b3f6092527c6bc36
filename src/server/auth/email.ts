import { remove as removeConfusables } from 'confusables';

/*
 * E-mail addresses as account names. Two addresses that read alike must be one account or none:
 * `normaliseEmail` folds what Unicode says is the same text (NFKC: fullwidth letters, ligatures),
 * drops characters that show nothing (zero-width spaces, joiners, soft hyphens, BOM, bidi marks)
 * and folds case; `emailSkeleton` goes further and maps look-alike letters of other scripts to the
 * Latin ones they imitate (Cyrillic о → o), so that a new address whose skeleton matches an
 * existing one is refused rather than made into a second account. The look-alike table is the
 * `confusables` package's (Unicode's confusables data, mapped to Latin).
 */

/** Characters that render as nothing or only steer layout: never part of an address a person typed on purpose. */
// biome-ignore lint/suspicious/noMisleadingCharacterClass: each listed code point (fillers, variation selectors) is matched on its own under the u flag, which is the intent
const INVISIBLE = /[\p{Cf}\p{Cc}\u00AD\u034F\u115F\u1160\u17B4\u17B5\u180B-\u180F\u3164\uFE00-\uFE0F\uFFA0]/gu;

/** The address as it is stored and looked up: NFKC, no invisible characters, no surrounding space, lower case. */
export function normaliseEmail(raw: string): string {
  return raw.normalize('NFKC').replace(INVISIBLE, '').trim().toLowerCase();
}

/** What the address looks like: two addresses with the same skeleton cannot be told apart on screen. */
export function emailSkeleton(raw: string): string {
  const n = normaliseEmail(raw);
  return removeConfusables(n).normalize('NFKC').toLowerCase();
}
