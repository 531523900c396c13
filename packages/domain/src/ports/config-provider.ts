import { portToken } from '../shared/port-token';

/** Runtime settings, read where they live (SSM in AWS, the environment locally). */
export interface RuntimeSettings {
  /** The DynamoDB table holding profiles. */
  readonly tableName: string;
  /** Origins allowed by CORS; `*` allows any. Empty: no cross-origin access. */
  readonly corsAllowedOrigins: readonly string[];
  /** Page size when a listing names none. */
  readonly defaultPageSize: number;
  /** The largest page a listing may ask for. */
  readonly maxPageSize: number;
  /** Whether a change without `If-Match` is refused (HTTP 428). */
  readonly requireIfMatch: boolean;
}

export const DEFAULT_RUNTIME_SETTINGS: Omit<RuntimeSettings, 'tableName'> = {
  corsAllowedOrigins: [],
  defaultPageSize: 20,
  maxPageSize: 100,
  requireIfMatch: false,
};

/**
 * Typed runtime settings. Implementations cache; callers may ask on every request. When the
 * settings cannot be read at all, implementations throw `StoreUnavailableError`.
 */
export interface ConfigProvider {
  get(): Promise<RuntimeSettings>;
}

export const CONFIG_PROVIDER = portToken<ConfigProvider>('ConfigProvider');
