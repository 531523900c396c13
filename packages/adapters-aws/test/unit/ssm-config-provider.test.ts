import { GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import { StoreUnavailableError } from '@userprofile/domain';
import { mockClient } from 'aws-sdk-client-mock';

import { SettingsUnavailableError, SsmConfigProvider, type SettingsParser } from '../../src';

const PREFIX = '/userprofile/test/';

/** The parameters of a layer's settings, as the provider is given them; the adapter knows no setting. */
const NAMES = { label: 'app/label', size: 'app/size', flag: 'app/flag' } as const;

class BadValueError extends Error {
  constructor(readonly parameterName: string) {
    super(`${parameterName} is not valid`);
  }
}

/** A layer's parser: `label` required, `size` a number, `flag` true or absent. */
const parse: SettingsParser<{ label: string; size: number; flag: boolean }> = (values, describe) => {
  const label = values.get(NAMES.label);
  if (label === undefined) throw new BadValueError(describe(NAMES.label));
  const size = Number(values.get(NAMES.size) ?? '1');
  if (!Number.isInteger(size)) throw new BadValueError(describe(NAMES.size));
  const flag = values.get(NAMES.flag);
  if (flag !== undefined && flag !== 'true') throw new BadValueError(describe(NAMES.flag));
  return { label, size, flag: flag === 'true' };
};

/** Parameters as SSM would list them under PREFIX. */
const parameters = (values: Record<string, string>) =>
  Object.entries(values).map(([name, value]) => ({ Name: `${PREFIX}${name}`, Value: value, Type: 'String' as const }));

/**
 * The provider's SSM client, its `send` replaced by aws-sdk-client-mock: each test scripts
 * the answers, one per call, so the cache's behaviour (how many calls, when) is what it observes.
 */
const client = new SSMClient({ region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
const ssm = mockClient(client);
const page = (values: Record<string, string>) => ({ Parameters: parameters(values) });
/** Scripts SSM's answers to the next calls, in turn: the parameters a call finds, or the error it fails with. */
const answerInTurn = (...answers: (Record<string, string> | Error)[]): void => {
  const getParameters = ssm.on(GetParametersCommand);
  for (const answer of answers) {
    if (answer instanceof Error) getParameters.rejectsOnce(answer);
    else getParameters.resolvesOnce(page(answer));
  }
};
const calls = () => ssm.commandCalls(GetParametersCommand).map((call) => call.args[0].input);

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

const valid = { [NAMES.label]: 'table-a', [NAMES.size]: '50' };

describe('SsmConfigProvider (cache, injected clock)', () => {
  let clock: ManualClock;
  let warnings: unknown[];
  const provider = (ttlMs = 60_000) =>
    new SsmConfigProvider({
      client,
      prefix: PREFIX,
      names: Object.values(NAMES),
      parse,
      ttlMs,
      now: clock.now,
      onRefreshFailure: (e) => warnings.push(e),
    });

  afterAll(() => ssm.restore());

  beforeEach(() => {
    ssm.reset();
    clock = new ManualClock();
    warnings = [];
  });

  it('asks SSM for the named parameters under the prefix, decrypted, in one call', async () => {
    answerInTurn(valid);
    await provider().get();
    expect(calls()).toEqual([{ Names: Object.values(NAMES).map((n) => `${PREFIX}${n}`), WithDecryption: true }]);
  });

  it('serves cached settings until the TTL passes, then reads SSM again', async () => {
    // Prepare
    answerInTurn(valid, { ...valid, [NAMES.label]: 'table-b' });
    const config = provider(60_000);

    // Act
    const first = await config.get();
    clock.advance(59_999);
    const stillCached = await config.get();
    clock.advance(1);
    const refreshed = await config.get();

    // Assess
    expect([first.label, stillCached.label, refreshed.label]).toEqual(['table-a', 'table-a', 'table-b']);
    expect(calls()).toHaveLength(2);
  });

  it('makes one SSM call for many concurrent callers', async () => {
    // Prepare
    const ssmAnswers = gate();
    ssm.on(GetParametersCommand).callsFakeOnce(() => ssmAnswers.opened.then(() => page(valid)));
    const config = provider();

    // Act
    const callers = Array.from({ length: 10 }, () => config.get());
    ssmAnswers.open();
    const results = await Promise.all(callers);

    // Assess
    expect(calls()).toHaveLength(1);
    expect(new Set(results.map((r) => r.label))).toEqual(new Set(['table-a']));
  });

  it('asks for at most 10 names per call, as GetParameters allows', async () => {
    ssm.on(GetParametersCommand).resolves(page(valid));
    const names = [NAMES.label, ...Array.from({ length: 11 }, (_, i) => `app/extra-${i}`)];

    await new SsmConfigProvider({
      client,
      prefix: PREFIX,
      names,
      parse,
      now: clock.now,
    }).get();

    expect(calls().map((call) => call.Names?.length)).toEqual([10, 2]);
  });

  it('serves the last good settings and warns when a refresh fails, then retries after a pause', async () => {
    // Prepare
    const outage = new Error('SSM is down');
    answerInTurn(valid, outage, { ...valid, [NAMES.label]: 'table-b' });
    const config = provider(60_000);
    await config.get();

    // Act
    clock.advance(60_000);
    const duringOutage = await config.get();
    const rightAfter = await config.get();
    clock.advance(10_000);
    const recovered = await config.get();

    // Assess
    expect([duringOutage.label, rightAfter.label, recovered.label]).toEqual(['table-a', 'table-a', 'table-b']);
    expect(warnings).toEqual([outage]);
    expect(calls()).toHaveLength(3);
  });

  it('keeps the last good settings when a refresh finds an invalid value', async () => {
    answerInTurn(valid, { ...valid, [NAMES.size]: 'many' });
    const config = provider(1_000);
    await config.get();

    clock.advance(1_000);
    const settings = await config.get();

    expect(settings.size).toBe(50);
    expect(warnings).toHaveLength(1);
    expect((warnings[0] as Error).message).toContain(`${PREFIX}${NAMES.size}`);
  });

  it('fails the first load when SSM cannot be read, and tries again on the next call', async () => {
    answerInTurn(new Error('SSM is down'), valid);
    const config = provider();

    await expect(config.get()).rejects.toThrow(SettingsUnavailableError);
    await expect(config.get()).resolves.toMatchObject({ label: 'table-a' });
  });

  it('reports unreadable settings as a passing fault the HTTP layer answers with 503 + Retry-After', async () => {
    answerInTurn(Object.assign(new Error('timed out'), { name: 'TimeoutError' }));

    const attempt = provider().get();

    await expect(attempt).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(attempt).rejects.toHaveProperty('retryAfterSeconds', 5);
  });

  it('fails the first load on an invalid value, naming the parameter', async () => {
    answerInTurn({ ...valid, [NAMES.flag]: 'maybe' });

    const error = await provider()
      .get()
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(BadValueError);
    expect((error as BadValueError).parameterName).toBe(`${PREFIX}${NAMES.flag}`);
  });

  it('accepts a prefix written without its slashes', async () => {
    answerInTurn(valid);
    const config = new SsmConfigProvider({
      client,
      prefix: 'userprofile/test',
      names: [NAMES.label],
      parse,
      now: clock.now,
    });
    await expect(config.get()).resolves.toMatchObject({ label: 'table-a' });
  });
});
