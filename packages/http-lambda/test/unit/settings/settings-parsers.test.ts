import { SSM_PARAMETER_NAMES } from '@userprofile/adapters-aws';

import {
  InvalidSettingError,
  parseDomainSettings,
  parseHttpSettings,
  parseRuntimeSettings,
  RUNTIME_SETTINGS_PARAMETERS,
} from '../../../src/settings/settings-parsers';

const N = SSM_PARAMETER_NAMES;
const parse = (values: Record<string, string>) =>
  parseRuntimeSettings(new Map(Object.entries(values)), (name) => `/userprofile/dev/${name}`);

const failure = (values: Record<string, string>) => {
  try {
    parse(values);
  } catch (error) {
    return error as InvalidSettingError;
  }
  throw new Error('expected the settings to be refused');
};

describe('settings parsers (each layer its own, over one snapshot of raw values)', () => {
  it('gives the defaults for every setting not set', () => {
    expect(parse({})).toEqual({ corsAllowedOrigins: [], defaultPageSize: 20, maxPageSize: 100, requireIfMatch: false });
  });

  it('types every setting', () => {
    expect(
      parse({
        [N.corsAllowedOrigins]: ' https://Admin.example.com , http://localhost:5173 ',
        [N.defaultPageSize]: '10',
        [N.maxPageSize]: '1000',
        [N.requireIfMatch]: 'TRUE',
      }),
    ).toEqual({
      corsAllowedOrigins: ['https://admin.example.com', 'http://localhost:5173'],
      defaultPageSize: 10,
      maxPageSize: 1000,
      requireIfMatch: true,
    });
  });

  it('gives the domain only page sizes, and the HTTP layer only its own settings', () => {
    const values = new Map([
      [N.maxPageSize, '50'],
      [N.requireIfMatch, 'true'],
    ]);
    expect(parseDomainSettings(values)).toEqual({ defaultPageSize: 20, maxPageSize: 50 });
    expect(parseHttpSettings(values)).toEqual({ corsAllowedOrigins: [], requireIfMatch: true });
  });

  it('reads neither the table name nor any parameter it does not know', () => {
    expect(RUNTIME_SETTINGS_PARAMETERS).not.toContain(N.tableName);
    expect(parse({ [N.tableName]: 'not a table name!', 'api/from-a-newer-release': 'x' })).not.toHaveProperty(
      'tableName',
    );
  });

  it.each([
    ['*', ['*']],
    ['none', []],
  ])('understands cors-allowed-origins %p', (value, expected) => {
    expect(parse({ [N.corsAllowedOrigins]: value }).corsAllowedOrigins).toEqual(expected);
  });

  it('keeps the default page size within a smaller configured maximum', () => {
    expect(parse({ [N.maxPageSize]: '5' }).defaultPageSize).toBe(5);
  });

  it.each([
    [N.maxPageSize, '0'],
    [N.maxPageSize, '1001'],
    [N.maxPageSize, '12.5'],
    [N.maxPageSize, '-3'],
    [N.defaultPageSize, '101'],
    [N.defaultPageSize, 'twenty'],
    [N.requireIfMatch, 'yes'],
    [N.corsAllowedOrigins, 'https://example.com/path'],
    [N.corsAllowedOrigins, '*,https://example.com'],
    [N.corsAllowedOrigins, 'example.com'],
  ])('refuses %s = %p, naming the full parameter and not echoing the value', (name, value) => {
    const error = failure({ [name]: value });
    expect(error).toBeInstanceOf(InvalidSettingError);
    expect(error.parameterName).toBe(`/userprofile/dev/${name}`);
    expect(error.message).toMatch(new RegExp(`^SSM parameter /userprofile/dev/${name} `));
    expect(error.message).not.toContain(`${value} `);
  });
});
