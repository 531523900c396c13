// The original wrote `datetime.utcnow().isoformat()`: UTC, no zone designator, microseconds.
const NAIVE_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;
// What `Date.prototype.toISOString` writes for years 0000 to 9999.
const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Days in `month` (1-12) of `year`, in the proleptic Gregorian calendar that `Date` uses. */
function daysIn(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
}

/**
 * Whether `value` is already what `toISOString` writes for the time it names: that form, and a
 * real time (no 30 February, no 24:00, which `Date` would roll over into another day).
 */
export function isCanonicalUtc(value: string): boolean {
  if (!CANONICAL.test(value)) return false;
  const month = digitsAt(value, 5, 7);
  const day = digitsAt(value, 8, 10);
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysIn(digitsAt(value, 0, 4), month) &&
    digitsAt(value, 11, 13) <= 23 &&
    digitsAt(value, 14, 16) <= 59 &&
    digitsAt(value, 17, 19) <= 59
  );
}

/** The number the digits from `from` to `to` write, read without building a substring (every item read runs this). */
function digitsAt(value: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i += 1) n = n * 10 + value.charCodeAt(i) - 48;
  return n;
}

/**
 * A stored timestamp as ISO 8601 UTC with milliseconds, or undefined when it names no time. A
 * zone-less one (the original's) is read as UTC. Every item this service wrote is in that form
 * already, and is taken as it is: parsing and formatting it again would give it back unchanged.
 */
export function toIsoUtc(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (isCanonicalUtc(value)) return value;
  const text = NAIVE_TIMESTAMP.test(value) ? `${value}Z` : value;
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}
