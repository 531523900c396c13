import { HttpRequest } from '@smithy/core/protocols';
import { Hash } from '@smithy/core/serde';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, HashConstructor, Provider } from '@smithy/types';

import { inThisRealm } from './same-realm-errors';
import { REQUEST_PATH_PATIENCE, type SdkClientOptions } from './sdk-client';

/** A service that speaks AWS JSON 1.1 (`X-Amz-Target: <prefix>.<Operation>`). */
export interface AwsJsonService {
  /** SigV4 signing name and the first label of the regional host, e.g. `logs`. */
  readonly signingName: string;
  /** The `X-Amz-Target` prefix, e.g. `Logs_20140328`. */
  readonly targetPrefix: string;
  /** The SDK's per-service endpoint variable, honoured as the SDK clients do, e.g. `AWS_ENDPOINT_URL_CLOUDWATCH_LOGS`. */
  readonly endpointVariable: string;
}

export const SSM_SERVICE: AwsJsonService = {
  signingName: 'ssm',
  targetPrefix: 'AmazonSSM',
  endpointVariable: 'AWS_ENDPOINT_URL_SSM',
};
export const CLOUDWATCH_LOGS_SERVICE: AwsJsonService = {
  signingName: 'logs',
  targetPrefix: 'Logs_20140328',
  endpointVariable: 'AWS_ENDPOINT_URL_CLOUDWATCH_LOGS',
};
export const SECRETS_MANAGER_SERVICE: AwsJsonService = {
  signingName: 'secretsmanager',
  targetPrefix: 'secretsmanager',
  endpointVariable: 'AWS_ENDPOINT_URL_SECRETS_MANAGER',
};

/** One operation at a time of one AWS JSON service: what an adapter needs of an SDK client. */
export interface AwsJsonClient {
  /** Sends `operation` with `input`; rejects with an error named by the service's error type. */
  call<Output>(operation: string, input: object): Promise<Output>;
  /** Closes the client's sockets. */
  destroy(): void;
}

export interface AwsJsonClientOptions extends Omit<SdkClientOptions, 'credentials' | 'region'> {
  /** The credentials the function resolves for its other clients (e.g. the DynamoDB client's). @default dummy ones, with `endpoint` */
  readonly credentials?: AwsCredentialIdentity | Provider<AwsCredentialIdentity>;
  /** @default `us-east-1`, with `endpoint` */
  readonly region?: string | Provider<string>;
}

/** A service's refusal, as the SDK clients report it: named by type, with the SDK's fault fields. */
export class AwsServiceError extends Error {
  readonly $fault: 'client' | 'server';
  readonly $metadata: { readonly httpStatusCode: number };

  constructor(type: string, operation: string, statusCode: number) {
    // The type, never the body: a message can quote what was sent.
    super(`${operation} answered ${statusCode} ${type}`);
    this.name = type;
    this.$fault = statusCode >= 500 ? 'server' : 'client';
    this.$metadata = { httpStatusCode: statusCode };
  }
}

/** Refusals a second attempt cannot change: 4xx but throttling. */
const isFinal = (error: unknown): boolean =>
  error instanceof AwsServiceError && error.$fault === 'client' && !/Throttl/.test(error.name);

/**
 * A signed AWS JSON 1.1 call with the SDK's own SigV4 signer and HTTP handler, and the
 * patience of every request-path client (2 attempts, 1 s to connect, 2 s to answer). Why not
 * the service's SDK client: a function makes one or two calls of SSM, CloudWatch Logs or
 * Secrets Manager, and each client brings 13-77 KB of every other operation into each bundle
 * and its own start-up; the DynamoDB client already brings the signer and the handler.
 */
export function awsJsonClient(service: AwsJsonService, options: AwsJsonClientOptions = {}): AwsJsonClient {
  const local = options.endpoint !== undefined;
  const region = options.region ?? (local ? 'us-east-1' : undefined);
  const credentials = options.credentials ?? (local ? { accessKeyId: 'local', secretAccessKey: 'local' } : undefined);
  if (region === undefined || credentials === undefined) {
    throw new Error(`a ${service.signingName} client needs credentials and a region, or a local endpoint`);
  }
  const handler = new NodeHttpHandler({
    connectionTimeout: REQUEST_PATH_PATIENCE.connectionTimeoutMs,
    requestTimeout: REQUEST_PATH_PATIENCE.requestTimeoutMs,
    throwOnRequestTimeout: true,
  });
  const signer = new SignatureV4({
    service: service.signingName,
    region,
    credentials,
    sha256: Hash.bind(null, 'sha256') as unknown as HashConstructor,
  });

  const send = async <Output>(operation: string, input: object): Promise<Output> => {
    const regionName = typeof region === 'string' ? region : await region();
    const url = new URL(
      options.endpoint ??
        process.env[service.endpointVariable] ??
        `https://${service.signingName}.${regionName}.amazonaws.com`,
    );
    const request = new HttpRequest({
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port !== '' && { port: Number(url.port) }),
      path: url.pathname,
      method: 'POST',
      headers: {
        host: url.host,
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `${service.targetPrefix}.${operation}`,
      },
      body: JSON.stringify(input),
    });
    const { response } = await handler.handle((await signer.sign(request)) as HttpRequest);
    const text = await readBody(response.body);
    const answer = (text === '' ? {} : JSON.parse(text)) as Output & { __type?: string };
    if (response.statusCode >= 300) {
      // The type comes as `...#ThrottlingException` or plain `ResourceNotFoundException`.
      throw new AwsServiceError(answer.__type?.split('#').pop() ?? 'UnknownError', operation, response.statusCode);
    }
    return answer;
  };

  return {
    async call<Output>(operation: string, input: object): Promise<Output> {
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await send<Output>(operation, input);
        } catch (error) {
          if (attempt >= REQUEST_PATH_PATIENCE.maxAttempts || isFinal(error)) throw inThisRealm(error);
        }
      }
    },
    destroy: () => handler.destroy(),
  };
}

const readBody = async (body: unknown): Promise<string> => {
  if (body === undefined || body === null) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Buffer | string>) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
};
