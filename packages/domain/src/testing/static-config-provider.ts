import { DEFAULT_DOMAIN_SETTINGS, type ConfigProvider, type DomainSettings } from '../ports/config-provider';

/** Domain settings fixed at construction (the domain's defaults unless overridden): for tests. */
export class StaticConfigProvider implements ConfigProvider {
  private readonly settings: DomainSettings;

  constructor(overrides: Partial<DomainSettings> = {}) {
    this.settings = { ...DEFAULT_DOMAIN_SETTINGS, ...overrides };
  }

  async get(): Promise<DomainSettings> {
    return this.settings;
  }
}
