import { DEFAULT_DOMAIN_SETTINGS, type ConfigProvider, type DomainSettings } from '../ports/config-provider';
import { FixedSettings } from '../shared/fixed-settings';

/** Domain settings fixed at construction (the domain's defaults unless overridden): for tests. */
export class StaticConfigProvider extends FixedSettings<DomainSettings> implements ConfigProvider {
  constructor(overrides: Partial<DomainSettings> = {}) {
    super(DEFAULT_DOMAIN_SETTINGS, overrides);
  }
}
