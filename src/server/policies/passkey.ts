/**
 * Who must sign in with a passkey: on a server that requires one above a clearance
 * (CONCORD_PASSKEY_REQUIRED_ABOVE), every user cleared above it. Such a user who has none yet gets,
 * after the password, a session that may only enrol one (auth/passkeys.ts limitedSessionAllows);
 * a user who has one, whether required or not, answers a passkey after the password.
 */
export const passkeyRequiredFor = (user: { clearance: number }, requiredAbove: number | null): boolean => requiredAbove !== null && user.clearance > requiredAbove;

/**
 * Whether removing a passkey needs the owner to confirm (current password or another passkey):
 * the last one, since removing it turns off the second factor, which is what a stolen session
 * would be used for.
 */
export const removalNeedsConfirmation = (passkeysLeft: number): boolean => passkeysLeft <= 1;
