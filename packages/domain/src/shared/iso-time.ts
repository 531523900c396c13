/** Epoch milliseconds of 10000-01-01: from there on `toISOString` writes a longer, signed year. */
const YEAR_10000 = 253_402_300_800_000;
const UP_TO_MILLISECONDS = 'YYYY-MM-DDTHH:mm:ss.'.length;

// The second formatted last, and its text up to the milliseconds.
let second = Number.NaN;
let secondText = '';

/**
 * `epochMs` as `Date.prototype.toISOString` writes it (UTC, milliseconds), formatting a date
 * only once per second: every request stamps a time or two, and formatting is most of what
 * stamping costs. Times before 1970 or after 9999 are formatted in full; an invalid one throws
 * the same RangeError.
 */
export function isoTime(epochMs: number): string {
  if (!(epochMs >= 0 && epochMs < YEAR_10000)) return new Date(epochMs).toISOString();
  const current = Math.floor(epochMs / 1000);
  if (current !== second) {
    secondText = new Date(current * 1000).toISOString().slice(0, UP_TO_MILLISECONDS);
    second = current;
  }
  return `${secondText}${String(epochMs - current * 1000).padStart(3, '0')}Z`;
}
