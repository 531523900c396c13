import { GetParametersByPathCommand, SSMClient } from '@aws-sdk/client-ssm';
import { StoreUnavailableError } from '@userprofile/domain';
import { mockClient } from 'aws-sdk-client-mock';

import { InvalidSettingError, SettingsUnavailableError, SSM_PARAMETER_NAMES, SsmConfigProvider } from '../../src';

const PREFIX = '/userprofile/test/';

/** Parameters as SSM would list them under PREFIX. */
const parameters = (values: Record<string, string>) =>
  Object.entries(values).map(([name, value]) => ({ Name: `${PREFIX}${name}`, Value: value, Type: 'String' as const }));

/**
 * The provider's SSM client, its `send` replaced by aws-sdk-client-mock: each test scripts
 * the answers, one per call, so the cache's behaviour (how many calls, when) is what it observes.
 */
const client = new SSMClient({ region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
const ssm = mockClient(client);
const page = (values: Record<string, string>, nextToken?: string) => ({
  Parameters: parameters(values),
  ...(nextToken !== undefined && { NextToken: nextToken }),
});
const calls = () => ssm.commandCalls(GetParametersByPathCommand).map((call) => call.args[0].input);

/** A promise the test settles by hand: lets it pile up concurrent callers on one SSM call. */
function gate(): { readonly opened: Promise<void>; open(): void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

class ManualClock {
  constructor(public time = 1_000_000) {}
  readonly now = () => this.time;
  advance(ms: number) {
    this.time += ms;
  }
}

const valid = { [SSM_PARAMETER_NAMES.tableName]: 'table-a', [SSM_PARAMETER_NAMES.maxPageSize]: '50' };

describe('SsmConfigProvider (cache, injected clock)', () => {
  let clock: ManualClock;
  let warnings: unknown[];
  const provider = (ttlMs = 60_000) =>
    new SsmConfigProvider({ client, prefix: PREFIX, ttlMs, now: clock.now, onRefreshFailure: (e) => warnings.push(e) });

  afterAll(() => ssm.restore());

  beforeEach(() => {
    ssm.reset();
    clock = new ManualClock();
    warnings = [];
  });

  it('asks SSM for the whole prefix, recursively and decrypted', async () => {
    ssm.on(GetParametersByPathCommand).resolvesOnce(page(valid));
    await provider().get();
    expect(calls()[0]).toEqual({ Path: '/userprofile/test', Recursive: true, WithDecryption: true });
  });

  it('serves cached settings until the TTL passes, then reads SSM again', async () => {
    // Prepare
    ssm
      .on(GetParametersByPathCommand)
      .resolvesOnce(page(valid))
      .resolvesOnce(page({ ...valid, [SSM_PARAMETER_NAMES.tableName]: 'table-b' }));
    const config = provider(60_000);

    // Act
    const first = await config.get();
    clock.advance(59_999);
    const stillCached = await config.get();
    clock.advance(1);
    const refreshed = await config.get();

    // Assess
    expect([first.tableName, stillCached.tableName, refreshed.tableName]).toEqual(['table-a', 'table-a', 'table-b']);
    expect(calls()).toHaveLength(2);
  });

  it('makes one SSM call for many concurrent callers', async () => {
    // Prepare
    const ssmAnswers = gate();
    ssm.on(GetParametersByPathCommand).callsFakeOnce(() => ssmAnswers.opened.then(() => page(valid)));
    const config = provider();

    // Act
    const callers = Array.from({ length: 10 }, () => config.get());
    ssmAnswers.open();
    const results = await Promise.all(callers);

    // Assess
    expect(calls()).toHaveLength(1);
    expect(new Set(results.map((r) => r.tableName))).toEqual(new Set(['table-a']));
  });

  it('follows NextToken across pages', async () => {
    ssm
      .on(GetParametersByPathCommand)
      .resolvesOnce(page({ [SSM_PARAMETER_NAMES.tableName]: 'table-a' }, 'page-2'))
      .resolvesOnce(page({ [SSM_PARAMETER_NAMES.requireIfMatch]: 'true' }));

    const settings = await provider().get();

    expect(settings.requireIfMatch).toBe(true);
    expect(calls()[1]?.NextToken).toBe('page-2');
  });

  it('serves the last good settings and warns when a refresh fails, then retries after a pause', async () => {
    // Prepare
    const outage = new Error('SSM is down');
    ssm
      .on(GetParametersByPathCommand)
      .resolvesOnce(page(valid))
      .rejectsOnce(outage)
      .resolvesOnce(page({ ...valid, [SSM_PARAMETER_NAMES.tableName]: 'table-b' }));
    const config = provider(60_000);
    await config.get();

    // Act
    clock.advance(60_000);
    const duringOutage = await config.get();
    const rightAfter = await config.get();
    clock.advance(10_000);
    const recovered = await config.get();

    // Assess
    expect([duringOutage.tableName, rightAfter.tableName, recovered.tableName]).toEqual([
      'table-a',
      'table-a',
      'table-b',
    ]);
    expect(warnings).toEqual([outage]);
    expect(calls()).toHaveLength(3);
  });

  it('keeps the last good settings when a refresh finds an invalid value', async () => {
    ssm
      .on(GetParametersByPathCommand)
      .resolvesOnce(page(valid))
      .resolvesOnce(page({ ...valid, [SSM_PARAMETER_NAMES.maxPageSize]: 'many' }));
    const config = provider(1_000);
    await config.get();

    clock.advance(1_000);
    const settings = await config.get();

    expect(settings.maxPageSize).toBe(50);
    expect(warnings).toHaveLength(1);
    expect((warnings[0] as Error).message).toContain(`${PREFIX}${SSM_PARAMETER_NAMES.maxPageSize}`);
  });

  it('fails the first load when SSM cannot be read, and tries again on the next call', async () => {
    ssm.on(GetParametersByPathCommand).rejectsOnce(new Error('SSM is down')).resolvesOnce(page(valid));
    const config = provider();

    await expect(config.get()).rejects.toThrow(SettingsUnavailableError);
    await expect(config.get()).resolves.toMatchObject({ tableName: 'table-a' });
  });

  it('reports unreadable settings as a passing fault the HTTP layer answers with 503 + Retry-After', async () => {
    ssm.on(GetParametersByPathCommand).rejectsOnce(Object.assign(new Error('timed out'), { name: 'TimeoutError' }));

    const attempt = provider().get();

    await expect(attempt).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(attempt).rejects.toHaveProperty('retryAfterSeconds', 5);
  });

  it('fails the first load on an invalid value, naming the parameter', async () => {
    ssm.on(GetParametersByPathCommand).resolvesOnce(page({ ...valid, [SSM_PARAMETER_NAMES.requireIfMatch]: 'maybe' }));

    const error = await provider()
      .get()
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(InvalidSettingError);
    expect((error as InvalidSettingError).parameterName).toBe(`${PREFIX}${SSM_PARAMETER_NAMES.requireIfMatch}`);
  });

  it('accepts a prefix written without its slashes', async () => {
    ssm.on(GetParametersByPathCommand).resolvesOnce(page(valid));
    const config = new SsmConfigProvider({ client, prefix: 'userprofile/test', now: clock.now });
    await expect(config.get()).resolves.toMatchObject({ tableName: 'table-a' });
  });
});
