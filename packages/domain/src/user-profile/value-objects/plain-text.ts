/**
 * Unicode format characters (`Cf`: bidi overrides such as U+202E, zero-width U+200B/U+200D,
 * U+FEFF...) make text look like other text, or reorder what is shown around it; a lone UTF-16
 * surrogate (`Cs` under the `u` flag, which pairs valid surrogates into one code point) is not
 * text at all and breaks every encoder downstream. None belongs in a profile field.
 * (`String.prototype.isWellFormed` says the second half too, but it is ES2024 and our lib is ES2023.)
 */
const NOT_PLAIN = /[\p{Cf}\p{Cs}]/u;

/** Whether `raw` is well-formed text free of invisible formatting characters. */
export const isPlainText = (raw: string): boolean => !NOT_PLAIN.test(raw);
