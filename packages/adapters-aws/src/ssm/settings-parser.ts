import { DEFAULT_RUNTIME_SETTINGS, type RuntimeSettings } from '@userprofile/domain';

import { SSM_PARAMETER_NAMES } from './ssm-parameter-names';

/** The largest page size a deployment may configure: a Scan page stays well under 1 MB. */
export const MAX_CONFIGURABLE_PAGE_SIZE = 1000;

/**
 * A setting's stored value breaks its rule. Names the parameter (never echoes the value, which
 * could be a secret put in the wrong place), so an operator knows exactly what to fix.
 */
export class InvalidSettingError extends Error {
  constructor(
    readonly parameterName: string,
    readonly rule: string,
  ) {
    super(`SSM parameter ${parameterName} ${rule}`);
    this.name = 'InvalidSettingError';
  }
}

// DynamoDB's own rule for table names.
const TABLE_NAME = /^[A-Za-z0-9_.-]{3,255}$/;
// An origin is scheme + host (+ port), no path: what browsers send in `Origin`.
const ORIGIN = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/;
const WHOLE_NUMBER = /^\d{1,9}$/;
/** The cors-allowed-origins value that allows no cross-origin access. */
export const NO_ORIGINS = 'none';

/**
 * Typed settings from raw parameter values keyed by name relative to the prefix
 * (`api/max-page-size`): the one set of rules, for SSM in AWS and the environment locally. Absent optional settings take the domain's defaults; parameters we
 * do not know are ignored, so a newer deployment's extra parameters do not break an older
 * function. Throws `InvalidSettingError` for the first value that breaks its rule.
 *
 * @param describe turns a relative name into the name shown in errors (the full path).
 */
export function parseRuntimeSettings(
  values: ReadonlyMap<string, string>,
  describe: (name: string) => string = (name) => name,
): RuntimeSettings {
  const read = (name: string): string | undefined => {
    const value = values.get(name)?.trim();
    return value === '' ? undefined : value;
  };
  const invalid = (name: string, rule: string) => new InvalidSettingError(describe(name), rule);

  const tableName = read(SSM_PARAMETER_NAMES.tableName);
  if (tableName === undefined) throw invalid(SSM_PARAMETER_NAMES.tableName, 'is required and missing');
  if (!TABLE_NAME.test(tableName)) {
    throw invalid(SSM_PARAMETER_NAMES.tableName, 'must be 3 to 255 letters, digits, "_", "-" or "."');
  }

  const maxPageSize = wholeNumber(
    read(SSM_PARAMETER_NAMES.maxPageSize),
    DEFAULT_RUNTIME_SETTINGS.maxPageSize,
    MAX_CONFIGURABLE_PAGE_SIZE,
    () => invalid(SSM_PARAMETER_NAMES.maxPageSize, `must be a whole number from 1 to ${MAX_CONFIGURABLE_PAGE_SIZE}`),
  );
  const defaultPageSize = wholeNumber(
    read(SSM_PARAMETER_NAMES.defaultPageSize),
    Math.min(DEFAULT_RUNTIME_SETTINGS.defaultPageSize, maxPageSize),
    maxPageSize,
    () =>
      invalid(
        SSM_PARAMETER_NAMES.defaultPageSize,
        `must be a whole number of at least 1 and must not be larger than ${describe(SSM_PARAMETER_NAMES.maxPageSize)} (${maxPageSize})`,
      ),
  );

  return {
    tableName,
    corsAllowedOrigins: origins(read(SSM_PARAMETER_NAMES.corsAllowedOrigins), () =>
      invalid(
        SSM_PARAMETER_NAMES.corsAllowedOrigins,
        'must be "*", "none" or comma-separated origins like https://admin.example.com',
      ),
    ),
    defaultPageSize,
    maxPageSize,
    requireIfMatch: flag(read(SSM_PARAMETER_NAMES.requireIfMatch), DEFAULT_RUNTIME_SETTINGS.requireIfMatch, () =>
      invalid(SSM_PARAMETER_NAMES.requireIfMatch, 'must be "true" or "false"'),
    ),
  };
}

function wholeNumber(raw: string | undefined, fallback: number, max: number, error: () => Error): number {
  if (raw === undefined) return fallback;
  const value = WHOLE_NUMBER.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= 1 && value <= max)) throw error();
  return value;
}

function flag(raw: string | undefined, fallback: boolean, error: () => Error): boolean {
  if (raw === undefined) return fallback;
  const lower = raw.toLowerCase();
  if (lower === 'true' || lower === '1') return true;
  if (lower === 'false' || lower === '0') return false;
  throw error();
}

function origins(raw: string | undefined, error: () => Error): readonly string[] {
  if (raw === undefined) return DEFAULT_RUNTIME_SETTINGS.corsAllowedOrigins;
  // SSM refuses empty values, so "no cross-origin access" needs a word of its own.
  if (raw.toLowerCase() === NO_ORIGINS) return [];
  const list = raw
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
  if (list.includes('*')) {
    if (list.length > 1) throw error();
    return ['*'];
  }
  if (!list.every((origin) => ORIGIN.test(origin))) throw error();
  // Browsers send origins in lower case; compare like with like.
  return list.map((origin) => origin.toLowerCase());
}
