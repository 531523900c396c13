import { StoreUnavailableError } from '@userprofile/domain';
import { useCapturedLogs } from '@userprofile/testing';

import {
  DEFAULT_RUNTIME_SETTINGS,
  type RuntimeSettings,
  type SettingsProvider,
} from '../../../src/settings/runtime-settings';
import { anEvent } from '../support/api-gateway-event.mother';
import { ADMIN, etagOf, expectProblem } from '../support/expectations';
import { TestApp } from '../support/test-app';

const ORIGIN = 'https://admin.example.com';

/** Settings whose read has started (as the composition root starts it at init) and has not finished. */
class PendingSettings implements SettingsProvider {
  private settle!: (settings: RuntimeSettings) => void;
  private readonly read = new Promise<RuntimeSettings>((resolve) => (this.settle = resolve));

  get(): Promise<RuntimeSettings> {
    return this.read;
  }

  /** Ends the read with the defaults and the given overrides. */
  finish(overrides: Partial<RuntimeSettings>): void {
    this.settle({ ...DEFAULT_RUNTIME_SETTINGS, ...overrides });
  }
}

/** Settings that cannot be read (SSM down at a cold start, no last good value). */
const unreadableSettings: SettingsProvider = {
  get: () => Promise.reject(new StoreUnavailableError(5)),
};

describe('requests wait for the runtime settings only where the answer depends on them', () => {
  useCapturedLogs();

  describe('while the settings read is still pending', () => {
    it('answers a GET without Origin (what a mobile app sends), varying on Origin', async () => {
      // Prepare
      const app = new TestApp({ config: new PendingSettings() });
      await app.givenProfileOf('alice');

      // Act
      const response = await app.send(anEvent('GET', '/users/alice').by({ sub: 'alice' }).build());

      // Assess
      expect(response.status).toBe(200);
      expect(response.headers['Vary']).toBe('Origin');
      expect(response.headers['Access-Control-Allow-Origin']).toBeUndefined();
    });

    it('answers a PATCH that names its If-Match', async () => {
      // Prepare
      const app = new TestApp({ config: new PendingSettings() });
      const profile = await app.givenProfileOf('alice');

      // Act
      const response = await app.send(
        anEvent('PATCH', '/users/alice')
          .by({ sub: 'alice' })
          .ifMatch(etagOf(profile))
          .withJson({ lastName: 'Changed' })
          .build(),
      );

      // Assess
      expect(response.status).toBe(200);
    });

    it('holds a PATCH without If-Match until they are read, then answers 428 when they require one', async () => {
      // Prepare
      const settings = new PendingSettings();
      const app = new TestApp({ config: settings });
      await app.givenProfileOf('alice');

      // Act
      const answer = app.send(
        anEvent('PATCH', '/users/alice').by({ sub: 'alice' }).withJson({ lastName: 'Changed' }).build(),
      );
      settings.finish({ requireIfMatch: true });
      const response = await answer;

      // Assess
      expectProblem(response, 428, 'precondition-required');
      expect((await app.repository.get('alice'))?.toPrimitives().lastName).not.toBe('Changed');
    });

    it('holds a request with an allowed Origin until they are read, then echoes it', async () => {
      // Prepare
      const settings = new PendingSettings();
      const app = new TestApp({ config: settings });
      await app.givenProfileOf('alice');

      // Act
      const answer = app.send(anEvent('GET', '/users/alice').by({ sub: 'alice' }).fromOrigin(ORIGIN).build());
      settings.finish({ corsAllowedOrigins: [ORIGIN] });
      const response = await answer;

      // Assess
      expect(response.status).toBe(200);
      expect(response.headers['Access-Control-Allow-Origin']).toBe(ORIGIN);
    });
  });

  describe('when the settings cannot be read', () => {
    it('answers a GET without Origin all the same', async () => {
      // Prepare
      const app = new TestApp({ config: unreadableSettings });
      await app.givenProfileOf('alice');

      // Act
      const response = await app.send(anEvent('GET', '/users/alice').by({ sub: 'alice' }).build());

      // Assess
      expect(response.status).toBe(200);
    });

    it.each([
      ['GET', () => anEvent('GET', '/users/alice').by(ADMIN)],
      [
        'OPTIONS (preflight)',
        () => anEvent('OPTIONS', '/users/alice').withHeader('Access-Control-Request-Method', 'PUT'),
      ],
    ])('answers a %s with an Origin 503 with Retry-After', async (_request, event) => {
      // Prepare
      const app = new TestApp({ config: unreadableSettings });

      // Act
      const response = await app.send(event().fromOrigin(ORIGIN).build());

      // Assess
      expectProblem(response, 503, 'service-unavailable');
      expect(response.headers['Retry-After']).toBeDefined();
      expect(response.headers['Access-Control-Allow-Origin']).toBeUndefined();
    });

    it('answers a PATCH without If-Match 503 and changes nothing', async () => {
      // Prepare
      const app = new TestApp({ config: unreadableSettings });
      await app.givenProfileOf('alice');

      // Act
      const response = await app.send(
        anEvent('PATCH', '/users/alice').by({ sub: 'alice' }).withJson({ lastName: 'Changed' }).build(),
      );

      // Assess
      expectProblem(response, 503, 'service-unavailable');
      expect((await app.repository.get('alice'))?.toPrimitives().lastName).not.toBe('Changed');
    });
  });
});
