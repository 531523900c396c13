/**
 * The text patterns the domain owns, as regular-expression sources. Import-free so the OpenAPI
 * document (and anything else that publishes them) reads the very rules the value objects apply.
 */

/**
 * Any id a stored profile may have, 1 to 128 characters: the identity provider's `sub`, or a
 * legacy id of the original stack (which allowed `.`, `@`, `+` and `=`, so an email address).
 * Such profiles are still read, changed and deleted until `pnpm migrate` re-keys them.
 */
export const USER_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._:@+=-]{0,127}$';

/**
 * The id of a new profile: a Cognito `sub` (a UUID), or an administrator's id of 1 to 128 letters,
 * digits, `_`, `:` and `-`. No `@`, `.` or `+`, so no email address or E.164 number fits, and an id
 * can sit in a URL, a cursor, an event or a log without being personal data (docs/API.md).
 */
export const NEW_USER_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_:-]{0,127}$';

// E.164 as mobile phone libraries emit it. A full numbering-plan check would need a
// phone-number library in every Lambda bundle; the apps already format numbers with one.
/** A phone number in E.164 form: `+` then 8 to 15 digits, the first not 0. */
export const PHONE_NUMBER_PATTERN = '^\\+[1-9][0-9]{7,14}$';
