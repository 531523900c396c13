import { DescribeParametersCommand, PutParameterCommand, SSMClient, type ParameterType } from '@aws-sdk/client-ssm';

import {
  createSsmClient,
  sdkParametersReader,
  signedParametersReader,
  SSM_PARAMETER_NAMES,
  ssmParameterPath,
  SettingsUnavailableError,
  SsmConfigProvider,
  type SsmParametersReader,
} from '@userprofile/adapters-aws';
import { type RunningEngine, setUpClientConfig, startMoto } from '@userprofile/testing';

import {
  InvalidSettingError,
  parseRuntimeSettings,
  RUNTIME_SETTINGS_PARAMETERS,
} from '../../src/settings/settings-parsers';

/** The Lambda functions' settings: the one SSM adapter, each layer's parser. */
const settingsUnder = (reader: SsmParametersReader, prefix: string) =>
  new SsmConfigProvider({ reader, prefix, names: RUNTIME_SETTINGS_PARAMETERS, parse: parseRuntimeSettings });

describe('runtime settings over the SSM protocol (moto)', () => {
  let moto: RunningEngine;
  let client: SSMClient;
  /** What the functions read with: the signed GetParameters call, with no SSM client. */
  let reader: SsmParametersReader;
  let setUpClient: SSMClient;
  let environment = 0;

  beforeAll(async () => {
    moto = await startMoto();
    // Set-up goes through a client that sends each call once and waits long: the production
    // client's 2 s time-out and retry once re-sent a PutParameter to a cold moto, whose first
    // call can take seconds on a busy machine, and the retry failed with ParameterAlreadyExists.
    setUpClient = new SSMClient(setUpClientConfig(moto.endpoint));
    // Warm the engine (moto loads its default parameters on the first SSM call) before any
    // test reads through the production client and its short time-outs.
    await setUpClient.send(new DescribeParametersCommand({ MaxResults: 1 }));
    client = createSsmClient({ endpoint: moto.endpoint });
    reader = signedParametersReader({
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      region: 'us-east-1',
      endpoint: moto.endpoint,
    });
  }, 90_000);

  afterAll(async () => {
    client?.destroy();
    setUpClient?.destroy();
    await moto?.stop();
  });

  /** A prefix no other test uses, so each test sees only its own parameters. */
  const newPrefix = () => `/userprofile/test${++environment}/`;

  const put = (prefix: string, name: string, value: string, type: ParameterType = 'String') =>
    setUpClient.send(new PutParameterCommand({ Name: ssmParameterPath(prefix, name), Value: value, Type: type }));

  it('reads every setting, typed, from String, StringList and SecureString parameters', async () => {
    // Prepare
    const prefix = newPrefix();
    await put(
      prefix,
      SSM_PARAMETER_NAMES.corsAllowedOrigins,
      'https://admin.example.com,https://ops.example.com',
      'StringList',
    );
    await put(prefix, SSM_PARAMETER_NAMES.defaultPageSize, '25');
    await put(prefix, SSM_PARAMETER_NAMES.maxPageSize, '50', 'SecureString');
    await put(prefix, SSM_PARAMETER_NAMES.requireIfMatch, 'true');

    // Act
    const settings = await settingsUnder(reader, prefix).get();

    // Assess
    expect(settings).toEqual({
      corsAllowedOrigins: ['https://admin.example.com', 'https://ops.example.com'],
      defaultPageSize: 25,
      maxPageSize: 50,
      requireIfMatch: true,
    });
  });

  it('does not read the table-name parameter (functions take the table from their environment)', async () => {
    // Prepare: the stack still creates it for the original stack's consumers; it may hold anything.
    const prefix = newPrefix();
    await put(prefix, SSM_PARAMETER_NAMES.tableName, 'not a valid table name!');
    await put(prefix, SSM_PARAMETER_NAMES.requireIfMatch, 'true');

    // Act
    const settings = await settingsUnder(reader, prefix).get();

    // Assess
    expect(settings).not.toHaveProperty('tableName');
    expect(settings.requireIfMatch).toBe(true);
  });

  it('applies the defaults to settings that are not set, and ignores other environments', async () => {
    const prefix = newPrefix();
    await put(`${prefix.slice(0, -1)}-other/`, SSM_PARAMETER_NAMES.requireIfMatch, 'true');

    const settings = await settingsUnder(reader, prefix).get();

    expect(settings).toEqual({
      corsAllowedOrigins: [],
      defaultPageSize: 20,
      maxPageSize: 100,
      requireIfMatch: false,
    });
  });

  it('rejects an invalid value with an error naming the full parameter', async () => {
    const prefix = newPrefix();
    await put(prefix, SSM_PARAMETER_NAMES.maxPageSize, 'lots');

    const error = await settingsUnder(reader, prefix)
      .get()
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(InvalidSettingError);
    expect((error as Error).message).toContain(`${prefix}${SSM_PARAMETER_NAMES.maxPageSize}`);
  });

  it('reads the same settings through the SDK client as through the signed call', async () => {
    const prefix = newPrefix();
    await put(prefix, SSM_PARAMETER_NAMES.corsAllowedOrigins, 'https://admin.example.com');
    await put(prefix, SSM_PARAMETER_NAMES.maxPageSize, '30', 'SecureString');

    const [signed, sdk] = await Promise.all([
      settingsUnder(reader, prefix).get(),
      settingsUnder(sdkParametersReader(client), prefix).get(),
    ]);

    expect(signed).toEqual(sdk);
    expect(signed.maxPageSize).toBe(30);
  });

  it('reports unreachable SSM as unavailable settings (503), not as a fault', async () => {
    const unreachable = signedParametersReader({
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:9',
    });

    const error = await settingsUnder(unreachable, newPrefix())
      .get()
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(SettingsUnavailableError);
  });
});
