import { portToken } from '../shared/port-token';

/** The settings the domain's rules depend on, read where they live (SSM in AWS, the environment locally). */
export interface DomainSettings {
  /** Page size when a listing names none. */
  readonly defaultPageSize: number;
  /** The largest page a listing may ask for. */
  readonly maxPageSize: number;
}

export const DEFAULT_DOMAIN_SETTINGS: DomainSettings = {
  defaultPageSize: 20,
  maxPageSize: 100,
};

/**
 * Typed domain settings. Implementations cache; callers may ask on every request. When the
 * settings cannot be read at all, implementations throw `StoreUnavailableError`.
 */
export interface ConfigProvider {
  get(): Promise<DomainSettings>;
}

export const CONFIG_PROVIDER = portToken<ConfigProvider>('ConfigProvider');
