import { GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import { NodeHttpHandler } from '@smithy/node-http-handler';

import { keepNetworkErrorsInRealm } from '../sdk/same-realm-errors';
import type { SsmParametersReader } from './ssm-parameters-reader';

export interface SsmClientOptions {
  /** A local SSM-compatible endpoint (moto) for tests. */
  readonly endpoint?: string;
  readonly region?: string;
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/**
 * An SSM client with explicit timeouts, so a cold start never hangs on Parameter Store:
 * 2 attempts of at most 1 s to connect and 2 s to answer.
 */
export function createSsmClient(options: SsmClientOptions = {}): SSMClient {
  const local = options.endpoint !== undefined;
  const region = options.region ?? (local ? 'us-east-1' : undefined);
  const credentials = options.credentials ?? (local ? { accessKeyId: 'local', secretAccessKey: 'local' } : undefined);
  const client = new SSMClient({
    ...(options.endpoint !== undefined && { endpoint: options.endpoint }),
    ...(region !== undefined && { region }),
    ...(credentials !== undefined && { credentials }),
    maxAttempts: 2,
    retryMode: 'standard',
    requestHandler: new NodeHttpHandler({
      connectionTimeout: 1_000,
      requestTimeout: 2_000,
      throwOnRequestTimeout: true,
    }),
  });
  keepNetworkErrorsInRealm(client.middlewareStack);
  return client;
}

/** Reads through `@aws-sdk/client-ssm`: for tools and tests that hold an SSM client anyway. */
export const sdkParametersReader = (client: SSMClient): SsmParametersReader => ({
  async getParameters(names) {
    const answer = await client.send(new GetParametersCommand({ Names: [...names], WithDecryption: true }));
    return (answer.Parameters ?? []).flatMap((p) =>
      p.Name !== undefined && p.Value !== undefined ? [{ name: p.Name, value: p.Value }] : [],
    );
  },
});
