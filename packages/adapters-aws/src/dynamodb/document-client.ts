import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

import { createSdkClient, type SdkClientOptions, type SdkClientPatience } from '../sdk/sdk-client';

/** How to reach DynamoDB, or a DynamoDB-compatible engine (dynalite) when `endpoint` is set. */
export interface DynamoDbClientOptions extends SdkClientOptions {
  /** Longest wait for one attempt's response. @default 1500 */
  readonly requestTimeoutMs?: number;
  /** Attempts per call, the first included. @default 2 */
  readonly maxAttempts?: number;
  /** Longest wait to open a connection. @default 1000 */
  readonly connectionTimeoutMs?: number;
  /**
   * An engine in this process that takes the calls itself (the local server's embedded
   * dynalite) instead of HTTP over the network: the timeouts and attempts above then do not apply, and
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

/**
 * For an engine in this process: the endpoint as a fixed name rather than the result of
 * evaluating DynamoDB's endpoint rules on every call.
 */
const inProcessConfig = (endpoint = 'http://in-process.invalid'): Partial<DynamoDBClientConfig> => {
  const fixed = { url: new URL(endpoint) };
  return { endpointProvider: () => fixed };
};

/**
 * The steps that only serve a call over the network, each run (and re-sorted into the stack) on
 * every call: SigV4 signing (nobody to prove the caller to), retries with their invocation ids
 * (a call in this process never meets a dropped connection or a throttle), the user agent,
 * recursion-detection, Host and Content-Length headers (the in-process handler sets what the
 * engine reads), and the SDK's own logging (it has no logger here). Signing goes first: it is
 * placed relative to retries.
 */
const NETWORK_ONLY_MIDDLEWARE = [
  'httpSigningMiddleware',
  'retryMiddleware',
  'getUserAgentMiddleware',
  'recursionDetectionMiddleware',
  'hostHeaderMiddleware',
  'contentLengthMiddleware',
  'loggerMiddleware',
] as const;

/**
 * A DynamoDB document client with explicit timeouts and retries, for the repository.
 * Marshalling drops `undefined` attributes (an absent optional field is stored as no
 * attribute) and refuses class instances, so only plain data reaches the table.
 */
export function createDynamoDbDocumentClient(options: DynamoDbClientOptions = {}): DynamoDBDocumentClient {
  const patience: SdkClientPatience = {
    maxAttempts: options.maxAttempts ?? DYNAMODB_CLIENT_DEFAULTS.maxAttempts,
    connectionTimeoutMs: options.connectionTimeoutMs ?? DYNAMODB_CLIENT_DEFAULTS.connectionTimeoutMs,
    requestTimeoutMs: options.requestTimeoutMs ?? DYNAMODB_CLIENT_DEFAULTS.requestTimeoutMs,
  };
  const client = createSdkClient(
    (config) =>
      new DynamoDBClient(
        options.inProcessEngine === undefined
          ? config
          : { ...config, ...inProcessConfig(options.endpoint), requestHandler: options.inProcessEngine },
      ),
    options,
    patience,
  );
  if (options.inProcessEngine !== undefined) {
    for (const name of NETWORK_ONLY_MIDDLEWARE) client.middlewareStack.remove(name);
  }
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    unmarshallOptions: { wrapNumbers: false },
  });
}
