import type { RetryableTrait, SdkError } from '@smithy/types';

/**
 * What a thrown value says about itself in the fields the SDK's retry rules read: its name,
 * Node's network `code`, the service's `$fault` and `$retryable` traits, the HTTP status and
 * its cause. A plain snapshot, so that anything thrown (`undefined`, a string, an error from
 * another realm) can be classified without the classifiers tripping on it.
 */
export interface SdkErrorFacts extends SdkError {
  readonly name: string;
  /** Node's system-error code (`ECONNRESET`, `ETIMEDOUT`, ...), when the network failed. */
  readonly code?: string;
  readonly $metadata: { readonly httpStatusCode?: number; readonly clockSkewCorrected?: true };
  readonly cause?: SdkErrorFacts;
}

/**
 * Network failures that mean "the store is not there right now", beyond those the SDK's
 * own rules (`isTransientError`) already count: an aborted or refused-by-the-OS connection.
 */
const UNREACHABLE_NETWORK_CODES: ReadonlySet<string> = new Set(['ECONNABORTED', 'ENETDOWN', 'EHOSTDOWN']);

/**
 * Requests given up before an answer: a request time-out, or `AbortError` when an abort signal
 * fired (the SDK's rules do not retry that, on purpose, but to our caller the store did not answer).
 */
const UNANSWERED_ERROR_NAMES: ReadonlySet<string> = new Set(['AbortError', 'TimeoutError']);

const MAX_CAUSE_DEPTH = 5;

/** The classification-relevant facts of any thrown value. */
export function describeSdkError(error: unknown, depth = 0): SdkErrorFacts {
  const source: Record<string, unknown> =
    typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : {};
  const metadata = typeof source.$metadata === 'object' && source.$metadata !== null ? source.$metadata : {};
  const { httpStatusCode, clockSkewCorrected } = metadata as Record<string, unknown>;
  const retryable = source.$retryable;
  return {
    name: typeof source.name === 'string' ? source.name : 'UnknownError',
    // Handed to the SDK's rules only (they recognise an expired signature by it); never read here.
    message: typeof source.message === 'string' ? source.message : '',
    ...(typeof source.code === 'string' && { code: source.code }),
    ...((source.$fault === 'client' || source.$fault === 'server') && { $fault: source.$fault }),
    ...(typeof retryable === 'object' && retryable !== null && { $retryable: retryable as RetryableTrait }),
    $metadata: {
      ...(typeof httpStatusCode === 'number' && { httpStatusCode }),
      ...(clockSkewCorrected === true && { clockSkewCorrected }),
    },
    ...(source.cause !== undefined && depth < MAX_CAUSE_DEPTH && { cause: describeSdkError(source.cause, depth + 1) }),
  };
}

/** Whether the store did not answer at all: a server-side fault, a dropped network, an abandoned request. */
export function isStoreUnreachable(facts: SdkErrorFacts): boolean {
  return (
    facts.$fault === 'server' ||
    UNANSWERED_ERROR_NAMES.has(facts.name) ||
    (facts.code !== undefined && UNREACHABLE_NETWORK_CODES.has(facts.code))
  );
}
