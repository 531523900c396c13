import { InvalidSettingError, parseRuntimeSettings, SSM_PARAMETER_NAMES } from '../../src';

const N = SSM_PARAMETER_NAMES;
const parse = (values: Record<string, string>) =>
  parseRuntimeSettings(
    new Map(Object.entries({ [N.tableName]: 'user-profiles-dev', ...values })),
    (name) => `/userprofile/dev/${name}`,
  );

const failure = (values: Record<string, string>) => {
  try {
    parse(values);
  } catch (error) {
    return error as InvalidSettingError;
  }
  throw new Error('expected the settings to be refused');
};

describe('parseRuntimeSettings', () => {
  it('gives the defaults for every optional setting', () => {
    expect(parse({})).toEqual({
      tableName: 'user-profiles-dev',
      corsAllowedOrigins: [],
      defaultPageSize: 20,
      maxPageSize: 100,
      requireIfMatch: false,
    });
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
      tableName: 'user-profiles-dev',
      corsAllowedOrigins: ['https://admin.example.com', 'http://localhost:5173'],
      defaultPageSize: 10,
      maxPageSize: 1000,
      requireIfMatch: true,
    });
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
    [N.tableName, 'a'],
    [N.tableName, 'has spaces'],
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

  it('requires the table name', () => {
    const error = (() => {
      try {
        parseRuntimeSettings(new Map(), (name) => `/p/${name}`);
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    expect(error?.message).toBe(`SSM parameter /p/${N.tableName} is required and missing`);
  });
});
