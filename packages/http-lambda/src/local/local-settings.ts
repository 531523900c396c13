import * as path from 'node:path';
import * as fs from 'node:fs';
import { DEFAULT_RUNTIME_SETTINGS, type ConfigProvider, type RuntimeSettings } from '@userprofile/domain';

/** The profile table's name on the local server. */
export const LOCAL_TABLE_NAME = 'user-profiles-local';

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

const positiveInteger = (env: Env, name: string, fallback: number): number => {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || !Number.isSafeInteger(Number(raw))) {
    throw new LocalSettingsError(`${name} must be a whole number of at least 1, not "${raw}"`);
  }
  return Number(raw);
};

const booleanSetting = (env: Env, name: string, fallback: boolean): boolean => {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new LocalSettingsError(`${name} must be "true" or "false", not "${env[name]}"`);
};

const originList = (env: Env, name: string, fallback: readonly string[]): readonly string[] => {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const origins = raw
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
  for (const origin of origins) {
    if (origin === '*') continue;
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    // An origin is scheme://host[:port] and nothing more; anything else would never match.
    if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== origin) {
      throw new LocalSettingsError(
        `${name} must be a comma-separated list of origins like https://admin.example.com (or *), not "${origin}"`,
      );
    }
  }
  return origins;
};

/**
 * Reads the runtime settings from the environment (`CORS_ALLOWED_ORIGINS`, `DEFAULT_PAGE_SIZE`,
 * `MAX_PAGE_SIZE`, `REQUIRE_IF_MATCH`), with the domain's defaults for those not set.
 * @throws LocalSettingsError naming the first setting that is not valid.
 */
export const readLocalRuntimeSettings = (env: Env = process.env): RuntimeSettings => {
  const maxPageSize = positiveInteger(env, 'MAX_PAGE_SIZE', DEFAULT_RUNTIME_SETTINGS.maxPageSize);
  const defaultPageSize = positiveInteger(
    env,
    'DEFAULT_PAGE_SIZE',
    Math.min(DEFAULT_RUNTIME_SETTINGS.defaultPageSize, maxPageSize),
  );
  if (defaultPageSize > maxPageSize) {
    throw new LocalSettingsError(
      `DEFAULT_PAGE_SIZE (${defaultPageSize}) must not be larger than MAX_PAGE_SIZE (${maxPageSize})`,
    );
  }
  return {
    tableName: LOCAL_TABLE_NAME,
    corsAllowedOrigins: originList(env, 'CORS_ALLOWED_ORIGINS', DEFAULT_RUNTIME_SETTINGS.corsAllowedOrigins),
    defaultPageSize,
    maxPageSize,
    requireIfMatch: booleanSetting(env, 'REQUIRE_IF_MATCH', DEFAULT_RUNTIME_SETTINGS.requireIfMatch),
  };
};

/**
 * The local server's config port: settings read from the environment once, at start-up, so
 * a bad value stops the server before it serves anything.
 */
export class EnvironmentConfigProvider implements ConfigProvider {
  private readonly settings: RuntimeSettings;

  /** @throws LocalSettingsError when a setting is not valid. */
  constructor(env: Env = process.env) {
    this.settings = readLocalRuntimeSettings(env);
  }

  async get(): Promise<RuntimeSettings> {
    return this.settings;
  }
}
