import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { StoreUnavailableError } from '@userprofile/domain';

import {
  isConditionalCheckFailed,
  RETRY_AFTER_SECONDS,
  StoreRequestError,
  toStoreFault,
} from '../../src/dynamodb/error-translation';

/** An error shaped like the SDK's service exceptions. */
const sdkError = (name: string, status: number, fault: 'client' | 'server' = status >= 500 ? 'server' : 'client') =>
  Object.assign(new Error(`Requested resource not found: Table: user-profiles-prod not found (ada@example.com)`), {
    name,
    $fault: fault,
    $metadata: { httpStatusCode: status },
  });

const networkError = (code: string) => Object.assign(new Error(`connect ${code} 10.0.0.1:443`), { code });

describe('toStoreFault', () => {
  it.each(['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded'])(
    'makes %s a StoreUnavailableError to retry soon',
    (name) => {
      const fault = toStoreFault(sdkError(name, 400));
      expect(fault).toBeInstanceOf(StoreUnavailableError);
      expect((fault as StoreUnavailableError).retryAfterSeconds).toBe(RETRY_AFTER_SECONDS.throttled);
    },
  );

  it.each([
    ['a 500', sdkError('InternalServerError', 500)],
    ['a 503', sdkError('ServiceUnavailable', 503)],
    ['an unknown server fault', sdkError('SomethingNew', 502)],
    ['a time-out', Object.assign(new Error('timed out'), { name: 'TimeoutError' })],
    ['a refused connection', networkError('ECONNREFUSED')],
    ['a reset connection', networkError('ECONNRESET')],
    ['a DNS failure', networkError('ENOTFOUND')],
    ['a broken pipe', networkError('EPIPE')],
    ['a connection time-out', networkError('ETIMEDOUT')],
    ['an aborted connection', networkError('ECONNABORTED')],
    ['an aborted request', Object.assign(new Error('Request aborted'), { name: 'AbortError' })],
    ['a retryable error of any name', Object.assign(new Error('x'), { name: 'SomethingNew', $retryable: {} })],
    ['an error caused by a reset connection', new Error('request failed', { cause: networkError('ECONNRESET') })],
  ])('makes %s a StoreUnavailableError', (_what, error) => {
    const fault = toStoreFault(error);
    expect(fault).toBeInstanceOf(StoreUnavailableError);
    expect((fault as StoreUnavailableError).retryAfterSeconds).toBe(RETRY_AFTER_SECONDS.unreachable);
  });

  it.each([
    ['ResourceNotFoundException', 400],
    ['ValidationException', 400],
    ['AccessDeniedException', 400],
  ])('makes %s a StoreRequestError naming the error but not its message', (name, status) => {
    const fault = toStoreFault(sdkError(name, status));
    expect(fault).toBeInstanceOf(StoreRequestError);
    expect(fault.message).toBe(`the profile store refused a request (${name}, HTTP ${status})`);
  });

  it('never carries the table name or personal data upward, in message or cause', () => {
    for (const error of [
      sdkError('ThrottlingException', 400),
      sdkError('InternalServerError', 500),
      sdkError('ValidationException', 400),
    ]) {
      const fault = toStoreFault(error);
      const visible = `${fault.message} ${String(fault.cause)} ${JSON.stringify(fault)}`;
      expect(visible).not.toContain('user-profiles-prod');
      expect(visible).not.toContain('ada@example.com');
    }
  });

  it('reads the type, never the message: a message naming a network failure is not one', () => {
    const fault = toStoreFault(new Error('AWS SDK error wrapper for Error: connect ECONNREFUSED 127.0.0.1:1'));
    expect(fault).toBeInstanceOf(StoreRequestError);
  });

  it('throttles by HTTP 429 or the throttling trait, whatever the name', () => {
    for (const error of [
      sdkError('SomethingNew', 429),
      Object.assign(sdkError('SomethingNew', 400), { $retryable: { throttling: true } }),
    ]) {
      expect((toStoreFault(error) as StoreUnavailableError).retryAfterSeconds).toBe(RETRY_AFTER_SECONDS.throttled);
    }
  });

  it('copes with thrown values that are not errors', () => {
    expect(toStoreFault('boom')).toBeInstanceOf(StoreRequestError);
    expect(toStoreFault(undefined)).toBeInstanceOf(StoreRequestError);
    expect(toStoreFault(Object.assign(new Error('x'), { cause: null }))).toBeInstanceOf(StoreRequestError);
  });
});

describe('isConditionalCheckFailed', () => {
  it('recognises a failed condition and nothing else', () => {
    expect(isConditionalCheckFailed(new ConditionalCheckFailedException({ message: 'failed', $metadata: {} }))).toBe(
      true,
    );
    expect(isConditionalCheckFailed(sdkError('ConditionalCheckFailedException', 400))).toBe(true);
    expect(isConditionalCheckFailed(sdkError('ValidationException', 400))).toBe(false);
    expect(isConditionalCheckFailed(null)).toBe(false);
  });
});
