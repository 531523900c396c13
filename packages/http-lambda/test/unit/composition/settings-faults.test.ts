import { SettingsUnavailableError } from '@userprofile/adapters-aws';
import { StoreUnavailableError, type ConfigProvider } from '@userprofile/domain';
import { StaticConfigProvider } from '@userprofile/domain/testing';

import { SettingsFaultsAsUnavailable } from '../../../src/composition/aws-ports-module';

const failing = (error: Error): ConfigProvider => ({
  get: async () => {
    throw error;
  },
});

describe('settings that cannot be read', () => {
  it('become a passing fault (503 + Retry-After) when SSM cannot be read at all', async () => {
    // Prepare
    const provider = new SettingsFaultsAsUnavailable(
      failing(new SettingsUnavailableError('/userprofile/test/', { cause: new Error('timeout') })),
    );

    // Act
    const attempt = provider.get();

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(attempt).rejects.toHaveProperty('retryAfterSeconds', 5);
  });

  it('pass other failures on unchanged, and good settings through', async () => {
    // Prepare
    const bug = new TypeError('bug');

    // Act & Assess
    await expect(new SettingsFaultsAsUnavailable(failing(bug)).get()).rejects.toBe(bug);
    await expect(new SettingsFaultsAsUnavailable(new StaticConfigProvider({ maxPageSize: 7 })).get()).resolves.toEqual(
      expect.objectContaining({ maxPageSize: 7 }),
    );
  });
});
