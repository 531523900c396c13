/**
 * The text patterns the domain owns, as regular-expression sources. Import-free so the OpenAPI
 * document (and anything else that publishes them) reads the very rules the value objects apply.
 */

/** A user id: the identity provider's `sub`, 1 to 128 characters. */
export const USER_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._:@+=-]{0,127}$';

// E.164 as mobile phone libraries emit it. A full numbering-plan check would need a
// phone-number library in every Lambda bundle; the apps already format numbers with one.
/** A phone number in E.164 form: `+` then 8 to 15 digits, the first not 0. */
export const PHONE_NUMBER_PATTERN = '^\\+[1-9][0-9]{7,14}$';
