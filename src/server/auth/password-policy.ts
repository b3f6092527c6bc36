import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { AppError } from '../errors.ts';
import { PASSWORD_MIN_LENGTH } from '../../core/api/session.ts';

/**
 * What a new password must be (set by its owner, through a reset link, or for a new account):
 * at least PASSWORD_MIN_LENGTH characters, and not guessable — not a common password, a keyboard
 * walk, a dictionary word with digits, or made of the account's own e-mail or name. Guessability
 * is zxcvbn-ts's estimate (its common-password and word lists, English and language-neutral):
 * a score of 3 ("safely unguessable: moderate protection from offline attack") or more passes.
 * This follows NIST SP 800-63B: length and a blocklist, no composition rules, no forced expiry.
 *
 * The lists weigh about 1 MB and take a few hundred milliseconds to load, so they are loaded on
 * the first password set, not at start-up.
 */
let checker: Promise<ZxcvbnFactory> | undefined;
function load(): Promise<ZxcvbnFactory> {
  checker ??= (async () => {
    const common = await import('@zxcvbn-ts/language-common');
    return new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });
  })();
  return checker;
}

export const MIN_SCORE = 3;

/** Refuses a password that is too short or guessable, naming `field`; `personal` are the account's e-mail and name. */
export async function checkNewPassword(field: string, password: string, personal: string[]): Promise<void> {
  if ([...password].length < PASSWORD_MIN_LENGTH) {
    throw new AppError('bad_request', `${field}: must be at least ${PASSWORD_MIN_LENGTH} characters`, { field, details: { rule: 'minLength', limit: PASSWORD_MIN_LENGTH }, reason: 'too_short' });
  }
  const inputs = personal.flatMap((p) => [p, ...p.split(/[@.\s_-]+/)]).filter((p) => p.length >= 3);
  const result = (await load()).check(password.slice(0, 256), inputs);
  if (result.score < MIN_SCORE) {
    throw new AppError('bad_request', `${field}: too easy to guess (a common password, a pattern, or the account's own name); choose a longer phrase`, {
      field,
      details: { rule: 'guessable', score: result.score, warning: result.feedback.warning ?? null },
      reason: 'guessable_password',
    });
  }
}
