import { EventBridgeClient } from '@aws-sdk/client-eventbridge';

import {
  createSdkClient,
  REQUEST_PATH_PATIENCE,
  type SdkClientOptions,
  type SdkClientPatience,
} from '../sdk/sdk-client';

/** How to reach EventBridge, or an EventBridge-compatible engine (moto) when `endpoint` is set. */
export interface EventBridgeClientOptions extends SdkClientOptions {
  /** Attempts per call, the first included. @default 3 */
  readonly maxAttempts?: number;
}

/**
 * A stream handler is not answering a person, so it can wait longer than the API's clients
 * (5 s per attempt, 3 attempts); but not forever: a hung socket would hold the shard to the
 * function's time-out.
 */
const STREAM_PATIENCE: SdkClientPatience = { maxAttempts: 3, connectionTimeoutMs: 2_000, requestTimeoutMs: 5_000 };

/** An EventBridge client with the stream handler's time-outs. */
export function createEventBridgeClient(options: EventBridgeClientOptions = {}): EventBridgeClient {
  return createSdkClient((config) => new EventBridgeClient(config), options, {
    ...STREAM_PATIENCE,
    maxAttempts: options.maxAttempts ?? STREAM_PATIENCE.maxAttempts,
  });
}

/** An EventBridge client with the request path's time-outs: an API function answers a person waiting. */
export function createRequestPathEventBridgeClient(options: SdkClientOptions = {}): EventBridgeClient {
  return createSdkClient((config) => new EventBridgeClient(config), options, REQUEST_PATH_PATIENCE);
}
