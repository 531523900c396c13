import * as path from 'node:path';
import {
  EnvironmentConfigProvider,
  findRepositoryRoot,
  LocalSettingsError,
  resolveDataDir,
  resolvePort,
} from '../../src/local-settings';
import { DEFAULT_RUNTIME_SETTINGS } from '@userprofile/http-lambda';

describe('local settings', () => {
  describe('runtime settings from the environment', () => {
    it('uses the domain defaults when nothing is set', async () => {
      // Act
      const settings = await new EnvironmentConfigProvider({}).get();

      // Assess
      expect(settings).toEqual(DEFAULT_RUNTIME_SETTINGS);
    });

    it('reads every setting', async () => {
      // Prepare
      const env = {
        CORS_ALLOWED_ORIGINS: 'https://admin.example.com, http://localhost:5173',
        DEFAULT_PAGE_SIZE: '5',
        MAX_PAGE_SIZE: '50',
        REQUIRE_IF_MATCH: 'true',
      };

      // Act
      const settings = await new EnvironmentConfigProvider(env).get();

      // Assess
      expect(settings).toEqual({
        corsAllowedOrigins: ['https://admin.example.com', 'http://localhost:5173'],
        defaultPageSize: 5,
        maxPageSize: 50,
        requireIfMatch: true,
      });
    });

    it.each([
      [{ DEFAULT_PAGE_SIZE: '0' }, /DEFAULT_PAGE_SIZE/],
      [{ MAX_PAGE_SIZE: 'ten' }, /MAX_PAGE_SIZE/],
      [{ DEFAULT_PAGE_SIZE: '30', MAX_PAGE_SIZE: '10' }, /must not be larger than MAX_PAGE_SIZE/],
      [{ REQUIRE_IF_MATCH: 'yes please' }, /REQUIRE_IF_MATCH/],
      [{ CORS_ALLOWED_ORIGINS: 'admin.example.com' }, /CORS_ALLOWED_ORIGINS/],
      [{ CORS_ALLOWED_ORIGINS: 'https://admin.example.com/path' }, /CORS_ALLOWED_ORIGINS/],
    ])('refuses %p with a message naming the setting', (env, message) => {
      // Act
      const act = () => new EnvironmentConfigProvider(env);

      // Assess
      expect(act).toThrow(LocalSettingsError);
      expect(act).toThrow(message);
    });
  });

  describe('port and data folder', () => {
    it('listens on 3000 unless PORT says otherwise', () => {
      expect(resolvePort({})).toBe(3000);
      expect(resolvePort({ PORT: '8080' })).toBe(8080);
      expect(() => resolvePort({ PORT: '99999' })).toThrow(/PORT/);
      expect(() => resolvePort({ PORT: 'http' })).toThrow(/PORT/);
    });

    it('keeps data in .data at the repository root, or in DATA_DIR taken from that root', () => {
      // Prepare
      const root = findRepositoryRoot();

      // Assess
      expect(root).toBe(path.resolve(__dirname, '../../../..'));
      expect(resolveDataDir({})).toBe(path.join(root, '.data'));
      expect(resolveDataDir({ DATA_DIR: 'tmp/data' })).toBe(path.join(root, 'tmp/data'));
      expect(resolveDataDir({ DATA_DIR: '/var/tmp/profiles' })).toBe('/var/tmp/profiles');
    });
  });
});
