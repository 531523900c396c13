/**
 * The rules of the runtime settings, written once: the Lambda functions' SSM values, the local
 * server's environment and the CDK app's context values are all checked by these. Import-free:
 * the CDK app loads it at synth time.
 */

/** An allowed origin as configured: scheme and host (and port), no path, as browsers send `Origin`. */
export const ALLOWED_ORIGIN_PATTERN = '^https?://[A-Za-z0-9.-]+(:\\d{1,5})?$';

/** The largest page size a deployment may configure: a Scan page stays well under 1 MB. */
export const MAX_CONFIGURABLE_PAGE_SIZE = 1000;

/** The cors-allowed-origins value that allows no cross-origin access (SSM refuses empty values). */
export const NO_ORIGINS = 'none';

/** Whether a change without `If-Match` is refused (HTTP 428), unless configured. */
export const DEFAULT_REQUIRE_IF_MATCH = false;

/** A raw value checked against its rule: the typed value, or the rule it breaks (never the value). */
export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly rule: string };

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const broken = (rule: string): Checked<never> => ({ ok: false, rule });

const WHOLE_NUMBER = /^\d{1,9}$/;
const ORIGIN = new RegExp(ALLOWED_ORIGIN_PATTERN);

/** A whole number from `min` to `max`; numbers (CDK context from cdk.json) or their decimal text. */
export function checkWholeNumber(raw: string | number, min: number, max: number): Checked<number> {
  const value = typeof raw === 'number' ? raw : WHOLE_NUMBER.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
  return Number.isInteger(value) && value >= min && value <= max
    ? ok(value)
    : broken(`must be a whole number from ${min} to ${max}`);
}

/** `true`/`false` (any case) or `1`/`0`. */
export function checkFlag(raw: string | boolean): Checked<boolean> {
  if (typeof raw === 'boolean') return ok(raw);
  const lower = raw.trim().toLowerCase();
  if (lower === 'true' || lower === '1') return ok(true);
  if (lower === 'false' || lower === '0') return ok(false);
  return broken('must be "true" or "false"');
}

/**
 * Allowed CORS origins: `*` alone, `none` (no cross-origin access), or origins like
 * `https://admin.example.com` (comma-separated text or a list), lower-cased as browsers send them.
 */
export function checkOrigins(raw: string | readonly string[]): Checked<readonly string[]> {
  const rule = 'must be "*", "none" or comma-separated origins like https://admin.example.com';
  const list = (typeof raw === 'string' ? raw.split(',') : raw).map((o) => o.trim()).filter((o) => o !== '');
  if (list.length === 1 && list[0]!.toLowerCase() === NO_ORIGINS) return ok([]);
  if (list.includes('*')) return list.length === 1 ? ok(['*']) : broken(rule);
  if (!list.every((origin) => ORIGIN.test(origin))) return broken(rule);
  return ok(list.map((origin) => origin.toLowerCase()));
}
