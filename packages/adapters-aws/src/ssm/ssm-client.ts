import { GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm';

import { createSdkClient, REQUEST_PATH_PATIENCE, type SdkClientOptions } from '../sdk/sdk-client';
import { parametersOf, type SsmParametersReader } from './ssm-parameters-reader';

export type SsmClientOptions = SdkClientOptions;

/**
 * An SSM client with explicit timeouts, so a cold start never hangs on Parameter Store:
 * 2 attempts of at most 1 s to connect and 2 s to answer.
 */
export function createSsmClient(options: SsmClientOptions = {}): SSMClient {
  return createSdkClient((config) => new SSMClient(config), options, REQUEST_PATH_PATIENCE);
}

/** Reads through `@aws-sdk/client-ssm`: for tools and tests that hold an SSM client anyway. */
export const sdkParametersReader = (client: SSMClient): SsmParametersReader => ({
  async getParameters(names) {
    const answer = await client.send(new GetParametersCommand({ Names: [...names], WithDecryption: true }));
    return parametersOf(answer.Parameters);
  },
});
