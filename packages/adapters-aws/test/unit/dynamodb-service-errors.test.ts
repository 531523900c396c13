import {
  ConditionalCheckFailedException,
  DynamoDBServiceException,
  InternalServerError,
  ProvisionedThroughputExceededException,
  RequestLimitExceeded,
  ResourceNotFoundException,
  ThrottlingException,
} from '@aws-sdk/client-dynamodb';
import { ProfileAlreadyExistsError, StoreUnavailableError } from '@userprofile/domain';
import { UserProfileMother } from '@userprofile/testing';

import { RETRY_AFTER_SECONDS, StoreRequestError } from '../../src';
import { mockedRepository } from '../support/mocked-repository';

/** What DynamoDB's messages may quote: the table and the request's key values. */
const SECRET_DETAIL = 'Table user-profiles-test, key ada@example.com';
const metadata = (httpStatusCode: number) => ({ httpStatusCode, requestId: 'r-1', attempts: 1, totalRetryDelay: 0 });

/** Each service error as the SDK itself throws it: its modelled class, or the base class for unmodelled ones. */
const serviceErrors = {
  ProvisionedThroughputExceededException: () =>
    new ProvisionedThroughputExceededException({ message: SECRET_DETAIL, $metadata: metadata(400) }),
  ThrottlingException: () => new ThrottlingException({ message: SECRET_DETAIL, $metadata: metadata(400) }),
  RequestLimitExceeded: () => new RequestLimitExceeded({ message: SECRET_DETAIL, $metadata: metadata(400) }),
  InternalServerError: () => new InternalServerError({ message: SECRET_DETAIL, $metadata: metadata(500) }),
  ServiceUnavailable: () =>
    new DynamoDBServiceException({
      name: 'ServiceUnavailable',
      $fault: 'server',
      message: SECRET_DETAIL,
      $metadata: metadata(503),
    }),
  ResourceNotFoundException: () => new ResourceNotFoundException({ message: SECRET_DETAIL, $metadata: metadata(400) }),
  ValidationException: () =>
    new DynamoDBServiceException({
      name: 'ValidationException',
      $fault: 'client',
      message: SECRET_DETAIL,
      $metadata: metadata(400),
    }),
};

describe('DynamoDbUserProfileRepository on service errors (SDK mocked)', () => {
  const { client, dynamodb, repository } = mockedRepository();

  afterEach(() => dynamodb.reset());
  afterAll(() => {
    dynamodb.restore();
    client.destroy();
  });

  it.each([
    ['ProvisionedThroughputExceededException', RETRY_AFTER_SECONDS.throttled],
    ['ThrottlingException', RETRY_AFTER_SECONDS.throttled],
    ['RequestLimitExceeded', RETRY_AFTER_SECONDS.throttled],
    ['InternalServerError', RETRY_AFTER_SECONDS.unreachable],
    ['ServiceUnavailable', RETRY_AFTER_SECONDS.unreachable],
  ] as const)(
    'turns %s into StoreUnavailableError, retry after %i s, quoting nothing of its message',
    async (name, retryAfter) => {
      // Prepare
      dynamodb.onAnyCommand().rejects(serviceErrors[name]());

      // Act
      const error = await repository.list({ limit: 5 }).catch((e: unknown) => e);

      // Assess
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect((error as StoreUnavailableError).retryAfterSeconds).toBe(retryAfter);
      expect(`${String(error)} ${String((error as Error).cause)}`).not.toMatch(/user-profiles-test|ada@example\.com/);
    },
  );

  it.each(['ResourceNotFoundException', 'ValidationException'] as const)(
    'turns %s into StoreRequestError naming the error, not its message',
    async (name) => {
      dynamodb.onAnyCommand().rejects(serviceErrors[name]());

      const error = await repository.get('someone').catch((e: unknown) => e);

      expect(error).toBeInstanceOf(StoreRequestError);
      expect((error as Error).message).toBe(`the profile store refused a request (${name}, HTTP 400)`);
    },
  );

  it('reports a failed create condition as an existing profile, not a fault', async () => {
    dynamodb
      .onAnyCommand()
      .rejects(
        new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: metadata(400) }),
      );

    const result = await repository.create(UserProfileMother.create());

    expect(result).toEqual({ ok: false, error: expect.any(ProfileAlreadyExistsError) });
  });
});
