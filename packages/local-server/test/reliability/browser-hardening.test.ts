import { startHarness, type LocalServerHarness } from './support/local-server-harness';

const HOSTILE_KEY = '<script>alert(1)</script>';

/** A browser may neither keep the answer in its cache nor guess its content type. */
const expectHardened = (response: Response): void => {
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
};

describe('the local server (real HTTP): Cache-Control: no-store and X-Content-Type-Options: nosniff on every answer', () => {
  let harness: LocalServerHarness;
  let alice: string;

  beforeAll(async () => {
    harness = await startHarness();
    alice = await harness.tokenFor('alice', { email: 'alice@example.com' });
    const created = await harness.call('POST', '/users', {
      token: alice,
      body: { email: 'alice@example.com', firstName: 'Ada', lastName: 'L' },
    });
    expect(created.status).toBe(201);
  });

  afterAll(() => harness.stop());

  it.each([
    { answer: "a handler's 200", status: 200, method: 'GET', route: '/users/me', auth: true },
    { answer: "a handler's 403 problem", status: 403, method: 'GET', route: '/users/nobody', auth: true },
    { answer: 'its own 401 (no token)', status: 401, method: 'GET', route: '/users/me', auth: false },
    { answer: 'its own 404 (unknown path)', status: 404, method: 'GET', route: '/nowhere', auth: false },
    { answer: 'its own 405 (method not served)', status: 405, method: 'DELETE', route: '/users', auth: true },
    { answer: 'its own preflight', status: 204, method: 'OPTIONS', route: '/users/me', auth: false },
    { answer: '/health', status: 200, method: 'GET', route: '/health', auth: false },
    { answer: '/openapi.json', status: 200, method: 'GET', route: '/openapi.json', auth: false },
  ])('$answer', async ({ status, method, route, auth }) => {
    // Act
    const response = await harness.call(method, route, {
      ...(auth && { token: alice }),
      headers: { Origin: 'https://app.test' },
    });

    // Assess
    expect(response.status).toBe(status);
    expectHardened(response);
  });

  it('its own 413 (a body over the limit, never read)', async () => {
    // Act
    const response = await harness.call('PATCH', '/users/me', { token: alice, body: 'x'.repeat(6 * 1024 * 1024) });

    // Assess
    expect(response.status).toBe(413);
    expectHardened(response);
  });

  it('a 400 for an unknown field never repeats its name', async () => {
    // Act
    const response = await harness.call('PATCH', '/users/me', { token: alice, body: { [HOSTILE_KEY]: 1 } });

    // Assess
    expect(response.status).toBe(400);
    expectHardened(response);
    const text = await response.text();
    expect(text).not.toContain('script');
    expect(text).not.toContain('alert');
  });
});
