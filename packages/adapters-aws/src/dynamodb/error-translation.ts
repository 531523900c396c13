import { ConditionalCheckFailedException, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { isServerError, isThrottlingError, isTransientError } from '@smithy/core/retry';
import { StoreUnavailableError } from '@userprofile/domain';

import { describeSdkError, isStoreUnreachable, type SdkErrorFacts } from '../sdk/sdk-error-facts';

/**
 * What a caller should wait before retrying, by kind of failure. Throttling clears as
 * DynamoDB adds capacity (seconds); an unreachable or failing store takes longer to return.
 */
export const RETRY_AFTER_SECONDS = { throttled: 1, unreachable: 5 } as const;

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

/**
 * Whether a conditional write failed its condition: an expected outcome, not a fault. The
 * name check covers an exception thrown by another copy of the SDK, whose class is not ours.
 */
export function isConditionalCheckFailed(error: unknown): boolean {
  return (
    error instanceof ConditionalCheckFailedException ||
    (error instanceof Error && error.name === 'ConditionalCheckFailedException')
  );
}

/** A failed condition, with the item as the store found it when the request asked for it and the store returns it. */
export interface ConditionFailure {
  readonly item: Record<string, unknown> | undefined;
}

/**
 * The failed condition `error` reports, or undefined when it is another error. DynamoDB
 * returns the item with the failure when asked (`ReturnValuesOnConditionCheckFailure`), in
 * its wire form even through the document client, which converts only successful outputs;
 * dynalite returns none.
 */
export function conditionFailure(error: unknown): ConditionFailure | undefined {
  if (!isConditionalCheckFailed(error)) return undefined;
  const item = (error as { Item?: Record<string, AttributeValue> }).Item;
  return { item: item === undefined ? undefined : unmarshall(item) };
}

/**
 * The fault to throw upward for an SDK failure: `StoreUnavailableError` when retrying later
 * can succeed (throttled, timed out, unreachable, 5xx), else `StoreRequestError`. Decided by
 * the error's type, name, `$retryable`, `$fault`, HTTP status and network `code` (the SDK's
 * own retry rules, from `@smithy/core/retry`), never by its message. Neither fault carries
 * the SDK error itself: only its name and code, which hold no table name or data.
 */
export function toStoreFault(error: unknown): StoreUnavailableError | StoreRequestError {
  const facts = describeSdkError(error);
  const summary = new Error(facts.code && facts.code !== facts.name ? `${facts.name} (${facts.code})` : facts.name);

  if (isThrottlingError(facts)) return new StoreUnavailableError(RETRY_AFTER_SECONDS.throttled, { cause: summary });
  if (isUnavailable(facts)) return new StoreUnavailableError(RETRY_AFTER_SECONDS.unreachable, { cause: summary });
  return new StoreRequestError(facts.name, facts.$metadata.httpStatusCode);
}

/** The store or the path to it failed; the request itself may well be fine. */
function isUnavailable(facts: SdkErrorFacts): boolean {
  return isTransientError(facts) || isServerError(facts) || isStoreUnreachable(facts);
}

/** The call's answer; any failure of it becomes a store fault (see `toStoreFault`). */
export async function orStoreFault<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toStoreFault(error);
  }
}
