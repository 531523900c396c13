import type { GetParametersByPathCommand, GetParametersByPathCommandOutput, SSMClient } from '@aws-sdk/client-ssm';
import { StoreUnavailableError } from '@userprofile/domain';

import { InvalidSettingError, SettingsUnavailableError, SSM_PARAMETER_NAMES, SsmConfigProvider } from '../../src';

const PREFIX = '/userprofile/test/';

/** Parameters as SSM would list them under PREFIX. */
const parameters = (values: Record<string, string>) =>
  Object.entries(values).map(([name, value]) => ({ Name: `${PREFIX}${name}`, Value: value, Type: 'String' as const }));

/**
 * A stand-in SSM client whose answers the test scripts, one per call, so the cache's
 * behaviour (how many calls, when) is what the test observes.
 */
class ScriptedSsm {
  readonly calls: GetParametersByPathCommand[] = [];
  private readonly answers: Array<() => Promise<Partial<GetParametersByPathCommandOutput>>> = [];
  private pending: Array<() => void> = [];

  answerWith(values: Record<string, string>, nextToken?: string): this {
    this.answers.push(async () => ({ Parameters: parameters(values), ...(nextToken && { NextToken: nextToken }) }));
    return this;
  }

  failWith(error: Error): this {
    this.answers.push(async () => Promise.reject(error));
    return this;
  }

  /** The next answer waits until `release()`: lets a test pile up concurrent callers. */
  holdNext(): this {
    const answer = this.answers.shift()!;
    this.answers.unshift(() => new Promise<void>((resolve) => this.pending.push(resolve)).then(answer));
    return this;
  }

  release(): void {
    this.pending.forEach((resolve) => resolve());
    this.pending = [];
  }

  async send(command: GetParametersByPathCommand) {
    this.calls.push(command);
    const answer = this.answers.shift();
    if (!answer) throw new Error('no scripted SSM answer left');
    return answer();
  }

  asClient(): SSMClient {
    return this as unknown as SSMClient;
  }
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
  let ssm: ScriptedSsm;
  let clock: ManualClock;
  let warnings: unknown[];
  const provider = (ttlMs = 60_000) =>
    new SsmConfigProvider({ client: ssm.asClient(), prefix: PREFIX, ttlMs, now: clock.now, onRefreshFailure: (e) => warnings.push(e) });

  beforeEach(() => {
    ssm = new ScriptedSsm();
    clock = new ManualClock();
    warnings = [];
  });

  it('asks SSM for the whole prefix, recursively and decrypted', async () => {
    ssm.answerWith(valid);
    await provider().get();
    expect(ssm.calls[0]?.input).toEqual({ Path: '/userprofile/test', Recursive: true, WithDecryption: true });
  });

  it('serves cached settings until the TTL passes, then reads SSM again', async () => {
    // Prepare
    ssm.answerWith(valid).answerWith({ ...valid, [SSM_PARAMETER_NAMES.tableName]: 'table-b' });
    const config = provider(60_000);

    // Act
    const first = await config.get();
    clock.advance(59_999);
    const stillCached = await config.get();
    clock.advance(1);
    const refreshed = await config.get();

    // Assess
    expect([first.tableName, stillCached.tableName, refreshed.tableName]).toEqual(['table-a', 'table-a', 'table-b']);
    expect(ssm.calls).toHaveLength(2);
  });

  it('makes one SSM call for many concurrent callers', async () => {
    // Prepare
    ssm.answerWith(valid).holdNext();
    const config = provider();

    // Act
    const callers = Array.from({ length: 10 }, () => config.get());
    ssm.release();
    const results = await Promise.all(callers);

    // Assess
    expect(ssm.calls).toHaveLength(1);
    expect(new Set(results.map((r) => r.tableName))).toEqual(new Set(['table-a']));
  });

  it('follows NextToken across pages', async () => {
    ssm.answerWith({ [SSM_PARAMETER_NAMES.tableName]: 'table-a' }, 'page-2').answerWith({ [SSM_PARAMETER_NAMES.requireIfMatch]: 'true' });

    const settings = await provider().get();

    expect(settings.requireIfMatch).toBe(true);
    expect(ssm.calls[1]?.input.NextToken).toBe('page-2');
  });

  it('serves the last good settings and warns when a refresh fails, then retries after a pause', async () => {
    // Prepare
    const outage = new Error('SSM is down');
    ssm.answerWith(valid).failWith(outage).answerWith({ ...valid, [SSM_PARAMETER_NAMES.tableName]: 'table-b' });
    const config = provider(60_000);
    await config.get();

    // Act
    clock.advance(60_000);
    const duringOutage = await config.get();
    const rightAfter = await config.get();
    clock.advance(10_000);
    const recovered = await config.get();

    // Assess
    expect([duringOutage.tableName, rightAfter.tableName, recovered.tableName]).toEqual(['table-a', 'table-a', 'table-b']);
    expect(warnings).toEqual([outage]);
    expect(ssm.calls).toHaveLength(3);
  });

  it('keeps the last good settings when a refresh finds an invalid value', async () => {
    ssm.answerWith(valid).answerWith({ ...valid, [SSM_PARAMETER_NAMES.maxPageSize]: 'many' });
    const config = provider(1_000);
    await config.get();

    clock.advance(1_000);
    const settings = await config.get();

    expect(settings.maxPageSize).toBe(50);
    expect(warnings).toHaveLength(1);
    expect((warnings[0] as Error).message).toContain(`${PREFIX}${SSM_PARAMETER_NAMES.maxPageSize}`);
  });

  it('fails the first load when SSM cannot be read, and tries again on the next call', async () => {
    ssm.failWith(new Error('SSM is down')).answerWith(valid);
    const config = provider();

    await expect(config.get()).rejects.toThrow(SettingsUnavailableError);
    await expect(config.get()).resolves.toMatchObject({ tableName: 'table-a' });
  });

  it('reports unreadable settings as a passing fault the HTTP layer answers with 503 + Retry-After', async () => {
    ssm.failWith(new Error('timeout'));

    const attempt = provider().get();

    await expect(attempt).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(attempt).rejects.toHaveProperty('retryAfterSeconds', 5);
  });

  it('fails the first load on an invalid value, naming the parameter', async () => {
    ssm.answerWith({ ...valid, [SSM_PARAMETER_NAMES.requireIfMatch]: 'maybe' });

    const error = await provider().get().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(InvalidSettingError);
    expect((error as InvalidSettingError).parameterName).toBe(`${PREFIX}${SSM_PARAMETER_NAMES.requireIfMatch}`);
  });

  it('accepts a prefix written without its slashes', async () => {
    ssm.answerWith(valid);
    const config = new SsmConfigProvider({ client: ssm.asClient(), prefix: 'userprofile/test', now: clock.now });
    await expect(config.get()).resolves.toMatchObject({ tableName: 'table-a' });
  });
});
