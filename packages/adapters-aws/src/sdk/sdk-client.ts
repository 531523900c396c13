import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { MiddlewareStack } from '@smithy/types';

import { keepNetworkErrorsInRealm } from './same-realm-errors';

/** How to reach an AWS service, or a compatible local engine (moto, dynalite) when `endpoint` is set. */
export interface SdkClientOptions {
  /** A local engine's URL, e.g. `http://127.0.0.1:5000`. Omitted: the region's service. */
  readonly endpoint?: string;
  /** @default the SDK's region chain (AWS_REGION in Lambda); `us-east-1` when `endpoint` is set. */
  readonly region?: string;
  /** @default the SDK's credential chain; dummy credentials when `endpoint` is set. */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/** How long a client waits and how often it tries before a call fails. */
export interface SdkClientPatience {
  /** Attempts per call, the first included. */
  readonly maxAttempts: number;
  /** Longest wait to open a connection. */
  readonly connectionTimeoutMs: number;
  /** Longest wait for one attempt's response. */
  readonly requestTimeoutMs: number;
}

/**
 * For a client a person's request waits on (SSM, Secrets Manager, the audit trail): 2 attempts
 * of at most 1 s to connect and 2 s to answer, so a request never hangs on a side service.
 */
export const REQUEST_PATH_PATIENCE: SdkClientPatience = {
  maxAttempts: 2,
  connectionTimeoutMs: 1_000,
  requestTimeoutMs: 2_000,
};

/** The configuration every adapter's SDK client is built from. */
export interface SdkClientConfig {
  readonly endpoint?: string;
  readonly region?: string;
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly maxAttempts: number;
  readonly retryMode: 'standard';
  readonly requestHandler: NodeHttpHandler;
}

/** Local engines accept any credentials; these keep the SDK from looking for real ones. */
const LOCAL_ENGINE_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
const LOCAL_ENGINE_REGION = 'us-east-1';

/**
 * Builds an SDK client with explicit time-outs (the SDK's defaults have none, so a hung socket
 * would hold a Lambda to its end) and with network errors kept recognisable by class.
 */
export function createSdkClient<Input extends object, Output extends object, Client>(
  construct: (config: SdkClientConfig) => Client & { readonly middlewareStack: MiddlewareStack<Input, Output> },
  options: SdkClientOptions,
  patience: SdkClientPatience,
): Client {
  const local = options.endpoint !== undefined;
  const region = options.region ?? (local ? LOCAL_ENGINE_REGION : undefined);
  const credentials = options.credentials ?? (local ? LOCAL_ENGINE_CREDENTIALS : undefined);
  const client = construct({
    ...(options.endpoint !== undefined && { endpoint: options.endpoint }),
    ...(region !== undefined && { region }),
    ...(credentials !== undefined && { credentials }),
    maxAttempts: patience.maxAttempts,
    retryMode: 'standard',
    requestHandler: new NodeHttpHandler({
      connectionTimeout: patience.connectionTimeoutMs,
      requestTimeout: patience.requestTimeoutMs,
      // Without this the handler only logs a warning when the request timeout passes.
      throwOnRequestTimeout: true,
    }),
  });
  keepNetworkErrorsInRealm(client.middlewareStack);
  return client;
}
