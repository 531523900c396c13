import { startHarness, type LocalServerHarness } from './support/local-server-harness';

/* Idempotency-Key through the local server and its embedded store: the retries a mobile app
   makes after a lost response. The handlers' own idempotency suite is in http-lambda. */

let sequence = 0;
const nextUser = (): string => `idem-local-${process.pid}-${(sequence += 1)}`;
const profileBody = (sub: string) => ({ email: `${sub}@example.com`, firstName: 'Ada', lastName: 'Lovelace' });

describe('a lost response over HTTP (the local server, its embedded store)', () => {
  let harness: LocalServerHarness;

  beforeAll(async () => {
    harness = await startHarness({ logLevel: 'WARN' });
  }, 60_000);

  afterAll(async () => {
    await harness?.stop();
  });

  it('a create whose response was lost is retried: the first response is replayed, not 409', async () => {
    // Prepare
    const sub = nextUser();
    const token = await harness.tokenFor(sub, { email: `${sub}@example.com` });
    const key = crypto.randomUUID();
    const send = () =>
      harness.call('POST', '/users', { token, body: profileBody(sub), headers: { 'Idempotency-Key': key } });

    // Act: the first response never reaches the app
    const lost = await send();
    await lost.arrayBuffer();
    const retry = await send();

    // Assess
    expect(retry.status).toBe(201);
    expect(retry.headers.get('Idempotent-Replayed')).toBe('true');
    expect(retry.headers.get('ETag')).toBe(lost.headers.get('ETag'));
    expect(retry.headers.get('Location')).toBe(lost.headers.get('Location'));
    const stored = await harness.call('GET', '/users/me', { token });
    expect(((await stored.json()) as { version: number }).version).toBe(1);
  });

  it('a PATCH without If-Match whose response was lost is retried: applied once', async () => {
    // Prepare
    const sub = nextUser();
    const token = await harness.tokenFor(sub, { email: `${sub}@example.com` });
    expect((await harness.call('POST', '/users', { token, body: profileBody(sub) })).status).toBe(201);
    const key = crypto.randomUUID();
    const send = () =>
      harness.call('PATCH', '/users/me', { token, body: { firstName: 'Grace' }, headers: { 'Idempotency-Key': key } });

    // Act
    await (await send()).arrayBuffer();
    const retry = await send();

    // Assess
    expect(retry.status).toBe(200);
    expect(retry.headers.get('Idempotent-Replayed')).toBe('true');
    const stored = await harness.call('GET', '/users/me', { token });
    expect(((await stored.json()) as { version: number }).version).toBe(2);
  });
});
