import { StoreUnavailableError } from '@userprofile/domain';

/**
 * What a caller should wait before retrying, by kind of failure. Throttling clears as
 * DynamoDB adds capacity (seconds); an unreachable or failing store takes longer to return.
 */
export const RETRY_AFTER_SECONDS = { throttled: 1, unreachable: 5 } as const;

/** Throttling, in every spelling DynamoDB uses (per-table, per-account, on-demand limits). */
const THROTTLING_ERRORS = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
]);

/** The store or the path to it failed; the request itself may well be fine. */
const UNAVAILABLE_ERRORS = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'InternalServerError',
  'InternalFailure',
  'ServiceUnavailable',
  'ServiceUnavailableException',
]);

const NETWORK_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
]);

/**
 * A request the store refused for a reason that retrying will not fix (a missing table, a
 * malformed request, missing permission): a fault in our code or deployment, not in the
 * caller's input. It names the SDK error but never carries its message, which can quote the
 * table's ARN or the key values (personal data) of the request.
 */
export class StoreRequestError extends Error {
  constructor(
    readonly sdkErrorName: string,
    readonly httpStatusCode: number | undefined,
  ) {
    super(`the profile store refused a request (${sdkErrorName}${httpStatusCode ? `, HTTP ${httpStatusCode}` : ''})`);
    this.name = 'StoreRequestError';
  }
}

interface SdkErrorShape {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

const shapeOf = (error: unknown): SdkErrorShape => (typeof error === 'object' && error !== null ? error : {});

/**
 * The network error code named in a wrapped error's message. The SDK wraps a thrown value that
 * is not `instanceof Error` in its own realm (it happens under test sandboxes such as jest's)
 * into "AWS SDK error wrapper for Error: connect ECONNREFUSED ...", dropping `code`.
 */
function networkCodeInMessage(error: unknown): string | undefined {
  const { message } = shapeOf(error);
  if (typeof message !== 'string') return undefined;
  // Node's own wording of a connection reset by the peer (a store killed mid-request).
  if (/\bsocket hang up\b/.test(message)) return 'ECONNRESET';
  return message.match(/\bE[A-Z_]{3,}\b/g)?.find((candidate) => NETWORK_ERROR_CODES.has(candidate));
}

/** The wrapped error's own name ("AWS SDK error wrapper for TimeoutError: ..." names TimeoutError). */
function wrappedNameInMessage(error: unknown): string | undefined {
  const { message } = shapeOf(error);
  return typeof message === 'string' ? /^AWS SDK error wrapper for (\w+)/.exec(message)?.[1] : undefined;
}

/** Whether a conditional write failed its condition: an expected outcome, not a fault. */
export function isConditionalCheckFailed(error: unknown): boolean {
  return shapeOf(error).name === 'ConditionalCheckFailedException';
}

/**
 * The fault to throw upward for an SDK failure: `StoreUnavailableError` when retrying later
 * can succeed (throttled, timed out, unreachable, 5xx), else `StoreRequestError`. Neither
 * carries the SDK error itself: only its name and code, which hold no table name or data.
 */
export function toStoreFault(error: unknown): StoreUnavailableError | StoreRequestError {
  const shape = shapeOf(error);
  const name = (shape.name === 'Error' && wrappedNameInMessage(error)) || (typeof shape.name === 'string' ? shape.name : 'UnknownError');
  const code = typeof shape.code === 'string' ? shape.code : networkCodeInMessage(error);
  const status = typeof shape.$metadata?.httpStatusCode === 'number' ? shape.$metadata.httpStatusCode : undefined;
  const summary = new Error(code && code !== name ? `${name} (${code})` : name);

  if (THROTTLING_ERRORS.has(name)) {
    return new StoreUnavailableError(RETRY_AFTER_SECONDS.throttled, { cause: summary });
  }
  const unavailable =
    UNAVAILABLE_ERRORS.has(name) ||
    (code !== undefined && NETWORK_ERROR_CODES.has(code)) ||
    shape.$fault === 'server' ||
    (status !== undefined && status >= 500);
  if (unavailable) return new StoreUnavailableError(RETRY_AFTER_SECONDS.unreachable, { cause: summary });
  return new StoreRequestError(name, status);
}
