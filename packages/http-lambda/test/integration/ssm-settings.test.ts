import { PutParameterCommand, type ParameterType, type SSMClient } from '@aws-sdk/client-ssm';

import {
  createSsmClient,
  SSM_PARAMETER_NAMES,
  ssmParameterPath,
  SettingsUnavailableError,
  SsmConfigProvider,
} from '@userprofile/adapters-aws';
import { closedPort, useMotoService } from '@userprofile/testing';

import {
  InvalidSettingError,
  parseRuntimeSettings,
  RUNTIME_SETTINGS_PARAMETERS,
} from '../../src/settings/settings-parsers';

/** The Lambda functions' settings: the one SSM adapter, each layer's parser. */
const settingsUnder = (client: SSMClient, prefix: string) =>
  new SsmConfigProvider({ client, prefix, names: RUNTIME_SETTINGS_PARAMETERS, parse: parseRuntimeSettings });

describe('runtime settings over the SSM protocol (moto)', () => {
  // Set-up goes through `moto.setUp`, not the production client: its 2 s time-out and retry once
  // re-sent a PutParameter to a cold moto, and the retry failed with ParameterAlreadyExists.
  const moto = useMotoService('ssm', (endpoint) => createSsmClient({ endpoint }));
  let environment = 0;

  const put = (prefix: string, name: string, value: string, type: ParameterType = 'String') =>
    moto.setUp.send(new PutParameterCommand({ Name: ssmParameterPath(prefix, name), Value: value, Type: type }));

  /**
   * A prefix no other test uses (so each test sees only its own parameters) holding these
   * parameters, and the functions' settings read from it.
   */
  const environmentWith = async (parameters: [name: string, value: string, type?: ParameterType][]) => {
    const prefix = `/userprofile/test${++environment}/`;
    for (const [name, value, type] of parameters) await put(prefix, name, value, type);
    return { prefix, settings: settingsUnder(moto.client, prefix) };
  };

  it('reads every setting, typed, from String, StringList and SecureString parameters', async () => {
    // Prepare
    const { settings } = await environmentWith([
      [SSM_PARAMETER_NAMES.corsAllowedOrigins, 'https://admin.example.com,https://ops.example.com', 'StringList'],
      [SSM_PARAMETER_NAMES.defaultPageSize, '25'],
      [SSM_PARAMETER_NAMES.maxPageSize, '50', 'SecureString'],
      [SSM_PARAMETER_NAMES.requireIfMatch, 'true'],
    ]);

    // Act
    const read = await settings.get();

    // Assess
    expect(read).toEqual({
      corsAllowedOrigins: ['https://admin.example.com', 'https://ops.example.com'],
      defaultPageSize: 25,
      maxPageSize: 50,
      requireIfMatch: true,
    });
  });

  it('does not read the table-name parameter (functions take the table from their environment)', async () => {
    // Prepare: the stack still creates it for the original stack's consumers; it may hold anything.
    const { settings } = await environmentWith([
      [SSM_PARAMETER_NAMES.tableName, 'not a valid table name!'],
      [SSM_PARAMETER_NAMES.requireIfMatch, 'true'],
    ]);

    // Act
    const read = await settings.get();

    // Assess
    expect(read).not.toHaveProperty('tableName');
    expect(read.requireIfMatch).toBe(true);
  });

  it('applies the defaults to settings that are not set, and ignores other environments', async () => {
    // Prepare
    const { prefix, settings } = await environmentWith([]);
    await put(`${prefix.slice(0, -1)}-other/`, SSM_PARAMETER_NAMES.requireIfMatch, 'true');

    // Act
    const read = await settings.get();

    // Assess
    expect(read).toEqual({
      corsAllowedOrigins: [],
      defaultPageSize: 20,
      maxPageSize: 100,
      requireIfMatch: false,
    });
  });

  it('rejects an invalid value with an error naming the full parameter', async () => {
    // Prepare
    const { prefix, settings } = await environmentWith([[SSM_PARAMETER_NAMES.maxPageSize, 'lots']]);

    // Act
    const error = await settings.get().catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(InvalidSettingError);
    expect((error as Error).message).toContain(`${prefix}${SSM_PARAMETER_NAMES.maxPageSize}`);
  });

  it('reports unreachable SSM as unavailable settings (503), not as a fault', async () => {
    // Prepare
    const unreachable = createSsmClient({ endpoint: await closedPort() });

    // Act
    const error = await settingsUnder(unreachable, '/userprofile/unreachable/')
      .get()
      .catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(SettingsUnavailableError);
    unreachable.destroy();
  });
});
