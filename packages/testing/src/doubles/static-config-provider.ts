import { DEFAULT_DOMAIN_SETTINGS, FixedSettings, type ConfigProvider, type DomainSettings } from '@userprofile/domain';

/** Domain settings fixed at construction (the domain's defaults unless overridden): for tests. */
export class StaticConfigProvider extends FixedSettings<DomainSettings> implements ConfigProvider {
  constructor(overrides: Partial<DomainSettings> = {}) {
    super(DEFAULT_DOMAIN_SETTINGS, overrides);
  }
}
