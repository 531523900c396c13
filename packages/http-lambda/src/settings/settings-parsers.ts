import { SSM_PARAMETER_NAMES } from '@userprofile/adapters-aws/ssm-parameter-names';
import { DEFAULT_DOMAIN_SETTINGS, type DomainSettings } from '@userprofile/domain';

import {
  checkFlag,
  checkOrigins,
  checkWholeNumber,
  MAX_CONFIGURABLE_PAGE_SIZE,
  type Checked,
} from '../contract/settings-rules';
import { DEFAULT_HTTP_SETTINGS, type HttpSettings, type RuntimeSettings } from './runtime-settings';

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

/** Raw values keyed by parameter name relative to the prefix (`api/max-page-size`). */
export type RawSettings = ReadonlyMap<string, string>;

/** Turns a relative parameter name into the one shown in errors (a full path, a variable). */
export type DescribeParameter = (name: string) => string;

/** The parameters a function reads: every setting but the table name, which it takes from its environment. */
export const RUNTIME_SETTINGS_PARAMETERS: readonly string[] = [
  SSM_PARAMETER_NAMES.corsAllowedOrigins,
  SSM_PARAMETER_NAMES.defaultPageSize,
  SSM_PARAMETER_NAMES.maxPageSize,
  SSM_PARAMETER_NAMES.requireIfMatch,
];

/** Reads one raw value through its rule: `fallback` when absent or blank. */
const reader =
  (values: RawSettings, describe: DescribeParameter) =>
  <T>(name: string, fallback: T, check: (raw: string) => Checked<T>, rule?: (broken: string) => string): T => {
    const raw = values.get(name)?.trim();
    if (raw === undefined || raw === '') return fallback;
    const checked = check(raw);
    if (!checked.ok) throw new InvalidSettingError(describe(name), rule ? rule(checked.rule) : checked.rule);
    return checked.value;
  };

/** The domain's settings (page sizes), with the domain's defaults for those absent. */
export function parseDomainSettings(values: RawSettings, describe: DescribeParameter = (n) => n): DomainSettings {
  const read = reader(values, describe);
  const maxPageSize = read(SSM_PARAMETER_NAMES.maxPageSize, DEFAULT_DOMAIN_SETTINGS.maxPageSize, (raw) =>
    checkWholeNumber(raw, 1, MAX_CONFIGURABLE_PAGE_SIZE),
  );
  const defaultPageSize = read(
    SSM_PARAMETER_NAMES.defaultPageSize,
    Math.min(DEFAULT_DOMAIN_SETTINGS.defaultPageSize, maxPageSize),
    (raw) => checkWholeNumber(raw, 1, maxPageSize),
    () =>
      `must be a whole number of at least 1 and must not be larger than ${describe(SSM_PARAMETER_NAMES.maxPageSize)} (${maxPageSize})`,
  );
  return { defaultPageSize, maxPageSize };
}

/** The HTTP layer's settings (CORS origins, the 428 switch), with its defaults for those absent. */
export function parseHttpSettings(values: RawSettings, describe: DescribeParameter = (n) => n): HttpSettings {
  const read = reader(values, describe);
  return {
    corsAllowedOrigins: read(
      SSM_PARAMETER_NAMES.corsAllowedOrigins,
      DEFAULT_HTTP_SETTINGS.corsAllowedOrigins,
      checkOrigins,
    ),
    requireIfMatch: read(SSM_PARAMETER_NAMES.requireIfMatch, DEFAULT_HTTP_SETTINGS.requireIfMatch, checkFlag),
  };
}

/**
 * Every runtime setting from raw values: each layer's parser over the same snapshot. Unknown
 * parameters are ignored, so a newer deployment's extra parameters do not break an older
 * function. Throws `InvalidSettingError` for the first value that breaks its rule.
 */
export const parseRuntimeSettings = (values: RawSettings, describe: DescribeParameter = (n) => n): RuntimeSettings => ({
  ...parseDomainSettings(values, describe),
  ...parseHttpSettings(values, describe),
});
