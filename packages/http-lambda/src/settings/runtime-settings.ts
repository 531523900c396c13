import { CONFIG_PROVIDER, DEFAULT_DOMAIN_SETTINGS, FixedSettings, type DomainSettings } from '@userprofile/domain';
import type { ServiceIdentifier } from 'inversify';

import { DEFAULT_REQUIRE_IF_MATCH } from '../contract/settings-rules';

/** The settings of the HTTP layer: what the pipeline and the handlers apply to requests. */
export interface HttpSettings {
  /** Origins allowed by CORS; `*` allows any. Empty: no cross-origin access. */
  readonly corsAllowedOrigins: readonly string[];
  /** Whether a change without `If-Match` is refused (HTTP 428). */
  readonly requireIfMatch: boolean;
}

export const DEFAULT_HTTP_SETTINGS: HttpSettings = {
  corsAllowedOrigins: [],
  requireIfMatch: DEFAULT_REQUIRE_IF_MATCH,
};

/** Every runtime setting of a function: the domain's and the HTTP layer's, read together. */
export type RuntimeSettings = DomainSettings & HttpSettings;

export const DEFAULT_RUNTIME_SETTINGS: RuntimeSettings = { ...DEFAULT_DOMAIN_SETTINGS, ...DEFAULT_HTTP_SETTINGS };

/**
 * Where a runtime's settings come from (SSM in AWS, the environment locally). Implementations
 * cache; callers may ask on every request. It also serves as the domain's `ConfigProvider`.
 */
export interface SettingsProvider {
  get(): Promise<RuntimeSettings>;
}

/**
 * The runtime's settings provider, as the pipeline takes it: the very token of the domain's
 * `ConfigProvider` port (one object, one binding), typed with the HTTP layer's settings too.
 */
export const SETTINGS_PROVIDER: ServiceIdentifier<SettingsProvider> = CONFIG_PROVIDER;

/** Settings fixed at construction (defaults unless overridden): for tests and the local server. */
export class StaticSettingsProvider extends FixedSettings<RuntimeSettings> implements SettingsProvider {
  constructor(overrides: Partial<RuntimeSettings> = {}) {
    super(DEFAULT_RUNTIME_SETTINGS, overrides);
  }
}
