import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { RequestSigner } from '@smithy/types';

import { keepNetworkErrorsInRealm } from '../sdk/same-realm-errors';

/** How to reach DynamoDB, or a DynamoDB-compatible engine (dynalite) when `endpoint` is set. */
export interface DynamoDbClientOptions {
  /** A local engine's URL, e.g. `http://127.0.0.1:8000`. Omitted: the region's DynamoDB. */
  readonly endpoint?: string;
  /** @default the SDK's region chain (AWS_REGION in Lambda); `us-east-1` when `endpoint` is set. */
  readonly region?: string;
  /** @default the SDK's credential chain; dummy credentials when `endpoint` is set. */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Longest wait for one attempt's response. @default 1500 */
  readonly requestTimeoutMs?: number;
  /** Attempts per call, the first included. @default 2 */
  readonly maxAttempts?: number;
  /** Longest wait to open a connection. @default 1000 */
  readonly connectionTimeoutMs?: number;
  /**
   * An engine in this process that takes the calls itself (the local server's embedded
   * dynalite) instead of HTTP over the network: the timeouts above then do not apply, and
   * requests go unsigned, as there is nobody to prove the caller to. `endpoint` is then only
   * a name. @default HTTP (a NodeHttpHandler), signed
   */
  readonly inProcessEngine?: DynamoDBClientConfig['requestHandler'];
}

/**
 * Defaults chosen so that a dead store fails a request in a few seconds at most:
 * 2 attempts x (1 s to connect + 1.5 s to answer) + one short backoff is under 6 s, well
 * inside API Gateway's 29 s, and a healthy DynamoDB answers in milliseconds. The SDK's own
 * defaults have no request timeout at all, so a hung socket would hold a Lambda to its end.
 */
export const DYNAMODB_CLIENT_DEFAULTS = {
  requestTimeoutMs: 1_500,
  connectionTimeoutMs: 1_000,
  maxAttempts: 2,
} as const;

/** Local engines accept any credentials; these keep the SDK from looking for real ones. */
const LOCAL_ENGINE_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
const LOCAL_ENGINE_REGION = 'us-east-1';

/** Signs nothing: for an engine in this process, SigV4 would only cost time. */
const UNSIGNED: RequestSigner = { sign: async (request) => request };

/**
 * For an engine in this process: unsigned requests, and the endpoint as a fixed name rather
 * than the result of evaluating DynamoDB's endpoint rules on every call.
 */
const inProcessConfig = (endpoint = 'http://in-process.invalid'): Partial<DynamoDBClientConfig> => {
  const fixed = { url: new URL(endpoint) };
  return { signer: UNSIGNED, endpointProvider: () => fixed };
};

/**
 * A DynamoDB document client with explicit timeouts and retries, for the repository.
 * Marshalling drops `undefined` attributes (an absent optional field is stored as no
 * attribute) and refuses class instances, so only plain data reaches the table.
 */
export function createDynamoDbDocumentClient(options: DynamoDbClientOptions = {}): DynamoDBDocumentClient {
  const local = options.endpoint !== undefined;
  const region = options.region ?? (local ? LOCAL_ENGINE_REGION : undefined);
  const credentials = options.credentials ?? (local ? LOCAL_ENGINE_CREDENTIALS : undefined);
  const client = new DynamoDBClient({
    ...(options.endpoint !== undefined && { endpoint: options.endpoint }),
    ...(region !== undefined && { region }),
    ...(credentials !== undefined && { credentials }),
    maxAttempts: options.maxAttempts ?? DYNAMODB_CLIENT_DEFAULTS.maxAttempts,
    retryMode: 'standard',
    ...(options.inProcessEngine !== undefined && inProcessConfig(options.endpoint)),
    requestHandler:
      options.inProcessEngine ??
      new NodeHttpHandler({
        connectionTimeout: options.connectionTimeoutMs ?? DYNAMODB_CLIENT_DEFAULTS.connectionTimeoutMs,
        requestTimeout: options.requestTimeoutMs ?? DYNAMODB_CLIENT_DEFAULTS.requestTimeoutMs,
        // Without this the handler only logs a warning when the request timeout passes.
        throwOnRequestTimeout: true,
      }),
  });
  keepNetworkErrorsInRealm(client.middlewareStack);
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    unmarshallOptions: { wrapNumbers: false },
  });
}
