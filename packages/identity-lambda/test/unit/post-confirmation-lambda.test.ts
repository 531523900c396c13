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

  it.each([TRIGGER_ENV.tableName, TRIGGER_ENV.userPoolId])(
    'refuses to start without %s, saying what is missing',
    (name) => {
      process.env[TRIGGER_ENV.tableName] = 'user-profiles-test';
      process.env[TRIGGER_ENV.userPoolId] = 'eu-west-1_TestPool1';
      delete process.env[name];

      expect(load).toThrow(`${name} is not set`);
    },
  );

  it('hands a confirmed password reset back untouched, without calling anything', async () => {
    // Prepare
    process.env[TRIGGER_ENV.tableName] = 'user-profiles-test';
    process.env[TRIGGER_ENV.userPoolId] = 'eu-west-1_TestPool1';
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
