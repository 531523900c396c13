import {
  CloudWatchLogsAuditTrail,
  SecretsManagerCursorKeys,
  SecretsManagerPseudonymKeys,
  SsmConfigProvider,
} from '@userprofile/adapters-aws';
import {
  DeleteUserProfile,
  EraseUserAccount,
  ExportUserData,
  GetUserProfile,
  ListUserProfiles,
  UpdateUserProfile,
} from '@userprofile/domain';

import {
  accountDirectory,
  auditTrailSearch,
  eventBus,
  idempotencyRecords,
  idempotencyRecordsRead,
  pageCursorKeys,
  storedResponses,
} from '../../../src/composition/lambda-parts';
import { lambdaHandlerFor } from '../../../src/composition/lambda-root';
import {
  InvalidEnvironmentVariableError,
  MissingEnvironmentVariableError,
  readLambdaEnvironment,
} from '../../../src/settings/lambda-environment';
import { DeleteUserProfileHandler } from '../../../src/routes/delete-user-profile/handler';
import { EraseUserAccountHandler } from '../../../src/routes/erase-user-account/handler';
import { ExportUserDataHandler } from '../../../src/routes/export-user-data/handler';
import { GetUserProfileHandler } from '../../../src/routes/get-user-profile/handler';
import { ListUserProfilesHandler } from '../../../src/routes/list-user-profiles/handler';
import { UpdateUserProfileHandler } from '../../../src/routes/update-user-profile/handler';

const COMPLETE = {
  TABLE_NAME: 'user-profiles-test',
  CONFIG_PREFIX: '/userprofile/test/',
  IDEMPOTENCY_TABLE_NAME: 'user-profile-idempotency-test',
  IDEMPOTENCY_IN_FLIGHT_SECONDS: '15',
  AUDIT_LOG_GROUP: '/userprofile/test/audit',
  ADMIN_ISSUER: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Admins001',
  CURSOR_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:userprofile/test/cursor-keys-AbCdEf',
  USER_POOL_ID: 'eu-west-1_EndUsers01',
  EVENT_BUS_NAME: 'userprofile-test',
  PSEUDONYM_SECRET_ARN:
    'arn:aws:secretsmanager:eu-west-1:123456789012:secret:userprofile/test/audit-pseudonym-key-AbCdEf',
  AWS_REGION: 'eu-west-1',
};

const anErasure = () =>
  lambdaHandlerFor('EraseUserAccount', EraseUserAccountHandler, EraseUserAccount, {
    storedResponses,
    accountDirectory,
    eventBus,
  });

describe('Lambda composition root', () => {
  const saved = { ...process.env };
  // The remote reads a cold start begins are replaced, so nothing reaches AWS.
  let reads: jest.SpyInstance[];
  beforeEach(() => {
    const down = new Error('down');
    reads = [
      jest.spyOn(SsmConfigProvider.prototype, 'get').mockRejectedValue(down),
      jest.spyOn(CloudWatchLogsAuditTrail.prototype, 'prepare').mockRejectedValue(down),
      jest.spyOn(SecretsManagerCursorKeys.prototype, 'get').mockRejectedValue(down),
      jest.spyOn(SecretsManagerPseudonymKeys.prototype, 'current').mockRejectedValue(down),
    ];
  });
  afterEach(() => {
    process.env = { ...saved };
    for (const read of reads) read.mockRestore();
  });

  it('reads its settings from the environment', () => {
    // Act
    const env = readLambdaEnvironment({ ...COMPLETE, LOG_LEVEL: 'DEBUG' });

    // Assess
    expect(env).toEqual({
      tableName: 'user-profiles-test',
      configPrefix: '/userprofile/test/',
      idempotency: { tableName: 'user-profile-idempotency-test', inFlightSeconds: 15, replayWindowSeconds: 86_400 },
      auditLogGroup: '/userprofile/test/audit',
      adminIssuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Admins001',
      cursorSecretArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:userprofile/test/cursor-keys-AbCdEf',
      userPoolId: 'eu-west-1_EndUsers01',
      eventBusName: 'userprofile-test',
      pseudonymSecretArn:
        'arn:aws:secretsmanager:eu-west-1:123456789012:secret:userprofile/test/audit-pseudonym-key-AbCdEf',
      logLevel: 'DEBUG',
      region: 'eu-west-1',
    });
  });

  it.each(['IDEMPOTENCY_IN_FLIGHT_SECONDS', 'IDEMPOTENCY_REPLAY_SECONDS'])(
    'fails the cold start naming %s when it is not a whole number of seconds',
    (variable) => {
      // Act
      const read = () => readLambdaEnvironment({ ...COMPLETE, [variable]: '10s' });

      // Assess
      expect(read).toThrow(new InvalidEnvironmentVariableError(variable));
    },
  );

  it("reads how far back an export searches the audit trail, leaving the adapter's default where unset", () => {
    // Act
    const set = readLambdaEnvironment({ ...COMPLETE, AUDIT_SEARCH_DAYS: '30' });
    const unset = readLambdaEnvironment(COMPLETE);

    // Assess
    expect(set.auditSearchDays).toBe(30);
    expect(unset).not.toHaveProperty('auditSearchDays');
  });

  it('fails the cold start naming AUDIT_SEARCH_DAYS when it is not a whole number of days', () => {
    // Act
    const read = () => readLambdaEnvironment({ ...COMPLETE, AUDIT_SEARCH_DAYS: '0' });

    // Assess
    expect(read).toThrow(new InvalidEnvironmentVariableError('AUDIT_SEARCH_DAYS', 'days'));
  });

  it('has no idempotency table where IDEMPOTENCY_TABLE_NAME is not set (a read-only function)', () => {
    // Act
    const env = readLambdaEnvironment({ ...COMPLETE, IDEMPOTENCY_TABLE_NAME: '' });

    // Assess
    expect(env.idempotency).toBeUndefined();
  });

  it('reads no cursor secret where none is set: functions without paged routes have none', () => {
    // Act
    const { CURSOR_SECRET_ARN: _arn, ...withoutSecret } = COMPLETE;
    const env = readLambdaEnvironment(withoutSecret);

    // Assess
    expect(env).not.toHaveProperty('cursorSecretArn');
  });

  it.each(['TABLE_NAME', 'CONFIG_PREFIX', 'AUDIT_LOG_GROUP', 'PSEUDONYM_SECRET_ARN', 'ADMIN_ISSUER'])(
    'fails the cold start naming a missing %s',
    (variable) => {
      // Prepare
      process.env = { ...saved, ...COMPLETE, [variable]: '' };

      // Act
      const build = () => lambdaHandlerFor('GetUserProfile', GetUserProfileHandler, GetUserProfile, {});

      // Assess
      expect(build).toThrow(new MissingEnvironmentVariableError(variable));
    },
  );

  it.each([
    [
      'a write',
      'IDEMPOTENCY_TABLE_NAME',
      () => lambdaHandlerFor('UpdateUserProfile', UpdateUserProfileHandler, UpdateUserProfile, { idempotencyRecords }),
    ],
    [
      'a paged route',
      'CURSOR_SECRET_ARN',
      () => lambdaHandlerFor('ListUserProfiles', ListUserProfilesHandler, ListUserProfiles, { pageCursorKeys }),
    ],
    ['an erasure', 'USER_POOL_ID', anErasure],
    ['an erasure', 'EVENT_BUS_NAME', anErasure],
    ['an erasure', 'IDEMPOTENCY_TABLE_NAME', anErasure],
    [
      'an export',
      'IDEMPOTENCY_TABLE_NAME',
      () =>
        lambdaHandlerFor('ExportUserData', ExportUserDataHandler, ExportUserData, {
          idempotencyRecordsRead,
          auditTrailSearch,
        }),
    ],
  ])('fails the cold start of %s naming a missing %s', (_kind, variable, build) => {
    // Prepare
    process.env = { ...saved, ...COMPLETE, [variable]: '' };

    // Act / Assess
    expect(build).toThrow(new MissingEnvironmentVariableError(variable));
  });

  it('builds a handler and starts, during init, the reads its first request would wait on', () => {
    // Prepare
    process.env = { ...saved, ...COMPLETE };

    // Act
    const handler = lambdaHandlerFor('ListUserProfiles', ListUserProfilesHandler, ListUserProfiles, { pageCursorKeys });

    // Assess: each read is under way before any request, and its failure is not thrown at init.
    expect(handler).toEqual(expect.any(Function));
    for (const read of reads) expect(read).toHaveBeenCalledTimes(1);
  });

  it('builds a delete that both honours keys and forgets stored responses, on one idempotency store', () => {
    // Prepare
    process.env = { ...saved, ...COMPLETE };

    // Act
    const build = () =>
      lambdaHandlerFor('DeleteUserProfile', DeleteUserProfileHandler, DeleteUserProfile, {
        idempotencyRecords,
        storedResponses,
      });

    // Assess: two parts binding the same store would make its resolution ambiguous
    expect(build).not.toThrow();
    expect(anErasure()).toEqual(expect.any(Function));
  });
});
