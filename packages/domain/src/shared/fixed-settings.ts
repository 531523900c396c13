/**
 * Settings fixed at construction, the defaults with some overridden: the one shape of every
 * static settings provider (tests, the local server), whatever settings type it serves.
 */
export class FixedSettings<T extends object> {
  private readonly settings: T;

  constructor(defaults: T, overrides: Partial<T> = {}) {
    this.settings = { ...defaults, ...overrides };
  }

  async get(): Promise<T> {
    return this.settings;
  }
}
