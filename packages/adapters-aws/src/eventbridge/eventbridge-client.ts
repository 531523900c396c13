import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { NodeHttpHandler } from '@smithy/node-http-handler';

import { keepNetworkErrorsInRealm } from '../sdk/same-realm-errors';

/** How to reach EventBridge, or an EventBridge-compatible engine (moto) when `endpoint` is set. */
export interface EventBridgeClientOptions {
  /** e.g. `http://127.0.0.1:5000`. Omitted: the region's EventBridge (or `AWS_ENDPOINT_URL_EVENTBRIDGE`). */
  readonly endpoint?: string;
  /** @default the SDK's region chain; `us-east-1` when `endpoint` is set. */
  readonly region?: string;
  /** @default the SDK's credential chain; dummy credentials when `endpoint` is set. */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Attempts per call, the first included. @default 3 */
  readonly maxAttempts?: number;
}

/**
 * An EventBridge client with explicit time-outs. A stream handler is not answering a person, so
 * it can wait longer than the API's clients (5 s per attempt, 3 attempts); but not forever: the
 * SDK's default has no request time-out, and a hung socket would hold the shard to the
 * function's time-out.
 */
export function createEventBridgeClient(options: EventBridgeClientOptions = {}): EventBridgeClient {
  const local = options.endpoint !== undefined;
  const region = options.region ?? (local ? 'us-east-1' : undefined);
  const credentials = options.credentials ?? (local ? { accessKeyId: 'local', secretAccessKey: 'local' } : undefined);
  const client = new EventBridgeClient({
    ...(options.endpoint !== undefined && { endpoint: options.endpoint }),
    ...(region !== undefined && { region }),
    ...(credentials !== undefined && { credentials }),
    maxAttempts: options.maxAttempts ?? 3,
    retryMode: 'standard',
    requestHandler: new NodeHttpHandler({
      connectionTimeout: 2_000,
      requestTimeout: 5_000,
      throwOnRequestTimeout: true,
    }),
  });
  keepNetworkErrorsInRealm(client.middlewareStack);
  return client;
}
