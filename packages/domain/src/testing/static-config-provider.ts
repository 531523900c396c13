import { DEFAULT_RUNTIME_SETTINGS, type ConfigProvider, type RuntimeSettings } from '../ports/config-provider';

/** Settings fixed at construction: for tests and for runtimes configured by environment. */
export class StaticConfigProvider implements ConfigProvider {
  private readonly settings: RuntimeSettings;

  constructor(overrides: Partial<RuntimeSettings> = {}) {
    this.settings = { tableName: 'user-profiles-test', ...DEFAULT_RUNTIME_SETTINGS, ...overrides };
  }

  async get(): Promise<RuntimeSettings> {
    return this.settings;
  }
}
