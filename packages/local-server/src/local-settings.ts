import * as path from 'node:path';
import * as fs from 'node:fs';
import { serviceTableNames, SSM_PARAMETER_NAMES } from '@userprofile/adapters-aws';

import {
  InvalidSettingError,
  parseRuntimeSettings,
  type RuntimeSettings,
  type SettingsProvider,
} from '@userprofile/http-lambda';

/** The tables' names on the local server. */
export const LOCAL_TABLES = serviceTableNames('local');

/** The port the local server listens on when `PORT` names none. */
export const DEFAULT_PORT = 3000;

/** A setting in the environment that the local server cannot use; the message names it. */
export class LocalSettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LocalSettingsError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The repository root: the folder holding `pnpm-workspace.yaml` above this file. `pnpm start`
 * runs inside the package folder, so "the current folder" would be the wrong anchor.
 */
export const findRepositoryRoot = (from: string = __dirname): string => {
  let dir = path.resolve(from);
  for (;;) {
    if (fs.existsSync(path.join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
};

/**
 * Where the local server keeps its data and keys: `DATA_DIR`, else `.data` at the repository
 * root. A relative `DATA_DIR` is taken from the repository root too, so `pnpm start` and
 * `pnpm token` agree wherever in the repository they are run.
 */
export const resolveDataDir = (env: Env = process.env, root: string = findRepositoryRoot()): string => {
  const configured = env.DATA_DIR?.trim();
  return path.resolve(root, configured ? configured : '.data');
};

/** `PORT` as a TCP port (0 means any free port), or `DEFAULT_PORT`. */
export const resolvePort = (env: Env = process.env): number => {
  const raw = env.PORT?.trim();
  if (!raw) return DEFAULT_PORT;
  const port = /^\d{1,5}$/.test(raw) ? Number(raw) : NaN;
  if (!(port >= 0 && port <= 65535)) {
    throw new LocalSettingsError(`PORT must be a whole number from 0 to 65535, not "${raw}"`);
  }
  return port;
};

/** Each runtime setting's environment variable, keyed by its SSM parameter name. */
const ENVIRONMENT_VARIABLES: Readonly<Record<string, string>> = {
  [SSM_PARAMETER_NAMES.corsAllowedOrigins]: 'CORS_ALLOWED_ORIGINS',
  [SSM_PARAMETER_NAMES.defaultPageSize]: 'DEFAULT_PAGE_SIZE',
  [SSM_PARAMETER_NAMES.maxPageSize]: 'MAX_PAGE_SIZE',
  [SSM_PARAMETER_NAMES.requireIfMatch]: 'REQUIRE_IF_MATCH',
};

/**
 * Reads the runtime settings from the environment (`CORS_ALLOWED_ORIGINS`, `DEFAULT_PAGE_SIZE`,
 * `MAX_PAGE_SIZE`, `REQUIRE_IF_MATCH`) by the very rules the Lambda functions apply to their
 * SSM parameters, with the domain's defaults for those not set.
 * @throws LocalSettingsError naming the first setting that is not valid.
 */
export const readLocalRuntimeSettings = (env: Env = process.env): RuntimeSettings => {
  const values = new Map<string, string>();
  for (const [parameter, variable] of Object.entries(ENVIRONMENT_VARIABLES)) {
    const value = env[variable];
    if (value !== undefined) values.set(parameter, value);
  }
  try {
    return parseRuntimeSettings(values, (parameter) => ENVIRONMENT_VARIABLES[parameter] ?? parameter);
  } catch (error) {
    if (error instanceof InvalidSettingError) throw new LocalSettingsError(`${error.parameterName} ${error.rule}`);
    throw error;
  }
};

/**
 * The local server's config port: settings read from the environment once, at start-up, so
 * a bad value stops the server before it serves anything.
 */
export class EnvironmentConfigProvider implements SettingsProvider {
  private readonly settings: RuntimeSettings;

  /** @throws LocalSettingsError when a setting is not valid. */
  constructor(env: Env = process.env) {
    this.settings = readLocalRuntimeSettings(env);
  }

  async get(): Promise<RuntimeSettings> {
    return this.settings;
  }
}
