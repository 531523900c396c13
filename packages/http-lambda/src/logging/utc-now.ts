// The text of the current second up to its milliseconds, `YYYY-MM-DDTHH:mm:ss.`, and which second it is.
let second = Number.NaN;
let secondText = '';

/**
 * `now` (epoch milliseconds, 1970 to 9999; the current time by default) as
 * `Date.prototype.toISOString` writes it, formatting a date only once per second: every request
 * stamps a log line, and formatting is most of what stamping costs.
 */
export function utcNow(now: number = Date.now()): string {
  const current = Math.floor(now / 1000);
  if (current !== second) {
    second = current;
    secondText = new Date(current * 1000).toISOString().slice(0, 'YYYY-MM-DDTHH:mm:ss.'.length);
  }
  return `${secondText}${String(now - current * 1000).padStart(3, '0')}Z`;
}
