import { SSMClient } from '@aws-sdk/client-ssm';

import { createSdkClient, REQUEST_PATH_PATIENCE, type SdkClientOptions } from '../sdk/sdk-client';

export type SsmClientOptions = SdkClientOptions;

/**
 * An SSM client with the request path's time-outs, so a cold start never hangs on Parameter
 * Store.
 */
export function createSsmClient(options: SsmClientOptions = {}): SSMClient {
  return createSdkClient((config) => new SSMClient(config), options, REQUEST_PATH_PATIENCE);
}
