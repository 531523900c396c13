import type { UserProfileEvent } from '@userprofile/domain';
import { userProfileEventSchemaErrors } from '@userprofile/testing';

import { eventLine } from '../../src/local-profile-events';
import { startHarness, type LocalServerHarness } from './support/local-server-harness';

/*
 * dynalite has no stream, so the local server shows developers the events the deployed bus
 * would carry from its own writes (`LOCAL_EVENTS=stdout` prints them), through the same mapper
 * the stream function uses: same types, same changed fields, same schema, no values.
 */
describe('profile change events on the local server', () => {
  let harness: LocalServerHarness;
  const events: UserProfileEvent[] = [];

  beforeAll(async () => {
    harness = await startHarness({ logLevel: 'WARN', profileEvents: (event) => void events.push(event) });
  });

  afterAll(async () => {
    await harness?.stop();
  });

  it('echoes a create, an update, a no-op update and a delete as the bus would carry them', async () => {
    // Prepare
    const token = await harness.tokenFor('events-ada', { email: 'ada@example.com' });
    const body = { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' };

    // Act
    const statuses = [
      (await harness.call('POST', '/users', { token, body })).status,
      (await harness.call('PATCH', '/users/me', { token, body: { firstName: 'Grace' } })).status,
      (await harness.call('PATCH', '/users/me', { token, body: { firstName: 'Grace' } })).status,
      (await harness.call('DELETE', '/users/me', { token })).status,
    ];

    // Assess
    expect(statuses).toEqual([201, 200, 200, 204]);
    expect(
      events.map((event) => [
        event.type,
        event.detail.userId,
        'changedFields' in event.detail && event.detail.changedFields,
      ]),
    ).toEqual([
      ['UserProfileCreated', 'events-ada', ['email', 'firstName', 'lastName']],
      ['UserProfileUpdated', 'events-ada', ['firstName']],
      ['UserProfileDeleted', 'events-ada', ['email', 'firstName', 'lastName']],
    ]);
    expect(new Set(events.map((event) => event.detail.eventId)).size).toBe(events.length);
    for (const event of events) {
      const line = eventLine(event);
      expect(userProfileEventSchemaErrors(JSON.parse(line))).toEqual([]);
      expect(line).not.toMatch(/ada@example\.com|Lovelace|Grace/);
    }
  });
});
