/**
 * The SSM parameters that hold the runtime settings, by setting, relative to the
 * environment's prefix (`/userprofile/{env}/`). The CDK app creates exactly these; the functions
 * read all but the table name, which they take from their environment. Import-free.
 */
export const SSM_PARAMETER_NAMES = {
  /** String: the DynamoDB table's name, for the original stack's consumers; no function reads it. */
  tableName: 'database/table-name',
  /**
   * StringList: comma-separated origins (`https://admin.example.com`), `*` (any), or `none`
   * (SSM values cannot be empty). Default: none.
   */
  corsAllowedOrigins: 'api/cors-allowed-origins',
  /** String: whole number, 1 to max-page-size. Default: 20. */
  defaultPageSize: 'api/default-page-size',
  /** String: whole number, 1 to 1000. Default: 100. */
  maxPageSize: 'api/max-page-size',
  /** String: `true` or `false`. Default: false. */
  requireIfMatch: 'api/require-if-match',
} as const;

/** The prefix one environment's parameters live under, e.g. `/userprofile/dev/`. */
export const ssmParameterPrefix = (environment: string): string => `/userprofile/${environment}/`;

/** A parameter's full name under `prefix`, e.g. `/userprofile/dev/api/max-page-size`. */
export const ssmParameterPath = (prefix: string, name: string): string => `${normalisePrefix(prefix)}${name}`;

/** `/a/b`, `a/b/` and `/a/b/` all mean `/a/b/`. */
export function normalisePrefix(prefix: string): string {
  const trimmed = prefix.replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}
