import { SsmConfigProvider } from '@userprofile/adapters-aws';

import { lambdaHandlerFor } from '../../../src/composition/lambda-root';
import { MissingEnvironmentVariableError, readLambdaEnvironment } from '../../../src/composition/lambda-environment';
import { GetUserProfileHandler } from '../../../src/routes/get-user-profile/handler';

const COMPLETE = {
  TABLE_NAME: 'user-profiles-test',
  CONFIG_PREFIX: '/userprofile/test/',
  CURSOR_SIGNING_KEY: 'k'.repeat(32),
  AWS_REGION: 'eu-west-1',
};

describe('Lambda composition root', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('reads its settings from the environment', () => {
    // Act
    const env = readLambdaEnvironment({ ...COMPLETE, LOG_LEVEL: 'DEBUG' });

    // Assess
    expect(env).toEqual({
      tableName: 'user-profiles-test',
      configPrefix: '/userprofile/test/',
      cursorSigningKey: 'k'.repeat(32),
      logLevel: 'DEBUG',
      region: 'eu-west-1',
    });
  });

  it.each(['TABLE_NAME', 'CONFIG_PREFIX', 'CURSOR_SIGNING_KEY'])(
    'fails the cold start naming a missing %s',
    (variable) => {
      // Prepare
      process.env = { ...saved, ...COMPLETE, [variable]: '' };

      // Act
      const build = () => lambdaHandlerFor(GetUserProfileHandler);

      // Assess
      expect(build).toThrow(new MissingEnvironmentVariableError(variable));
    },
  );

  it('builds a handler from a complete environment and starts reading its settings during init', () => {
    // Prepare: the SSM read is replaced, so nothing reaches AWS.
    process.env = { ...saved, ...COMPLETE };
    const read = jest.spyOn(SsmConfigProvider.prototype, 'get').mockRejectedValue(new Error('SSM is down'));

    try {
      // Act
      const handler = lambdaHandlerFor(GetUserProfileHandler);

      // Assess: the read is under way before any request, and its failure is not thrown at init.
      expect(handler).toEqual(expect.any(Function));
      expect(read).toHaveBeenCalledTimes(1);
    } finally {
      read.mockRestore();
    }
  });
});
