import { aLambdaContext, captureLogs } from '@userprofile/testing';

import { TRIGGER_ENV } from '../../src';
import { postConfirmationEvent } from '../support/post-confirmation-event';

type Entry = typeof import('../../src/triggers/post-confirmation/lambda');
const ENTRY = '../../src/triggers/post-confirmation/lambda';

describe('post-confirmation Lambda entry', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  const load = (): Entry => {
    let entry: Entry | undefined;
    jest.isolateModules(() => {
      entry = jest.requireActual<Entry>(ENTRY);
    });
    return entry!;
  };

  it('refuses to start without TABLE_NAME, saying what is missing', () => {
    delete process.env[TRIGGER_ENV.tableName];

    expect(load).toThrow(`${TRIGGER_ENV.tableName} is not set`);
  });

  it('hands a confirmed password reset back untouched, without calling anything', async () => {
    // Prepare
    process.env[TRIGGER_ENV.tableName] = 'user-profiles-test';
    const event = postConfirmationEvent(
      { sub: 'b1c2d3e4', email: 'a@example.com', email_verified: 'true' },
      'PostConfirmation_ConfirmForgotPassword',
    );
    const logs = captureLogs();

    // Act
    const answer = await load().handler(event, aLambdaContext()).finally(logs.restore);

    // Assess
    expect(answer).toBe(event);
    expect(logs.lines()).toEqual([]);
  });
});
