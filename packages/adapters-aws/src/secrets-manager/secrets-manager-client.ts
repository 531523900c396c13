import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

import { createSdkClient, REQUEST_PATH_PATIENCE, type SdkClientOptions } from '../sdk/sdk-client';

/**
 * The client of the secrets a function reads (the pseudonym key, the cursor keys), with the
 * request path's time-outs so a request never hangs on a secret. Its own module: every function
 * builds it, and only paged ones hold the cursor keys' reader.
 */
export const createSecretsManagerClient = (options: SdkClientOptions = {}): SecretsManagerClient =>
  createSdkClient((config) => new SecretsManagerClient(config), options, REQUEST_PATH_PATIENCE);
