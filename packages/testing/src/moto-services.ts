import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { ListSecretsCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DescribeParametersCommand, SSMClient } from '@aws-sdk/client-ssm';

import type { setUpClientConfig } from './moto-server';

/** How tests arrange fixtures in one AWS service on moto. */
export interface MotoServiceSetUp<Client> {
  /** A client of the service for setting up fixtures (see `setUpClientConfig`). */
  readonly setUpClient: (config: ReturnType<typeof setUpClientConfig>) => Client;
  /**
   * A cheap call sent before the first test: a service's first call on a cold moto can take
   * seconds (SSM loads its default parameters), longer than a client under test waits.
   */
  readonly warmUp: (setUp: Client) => Promise<unknown>;
}

/** The SDK client of each service the adapters use that tests run on moto. */
export interface MotoServiceClients {
  readonly cloudWatchLogs: CloudWatchLogsClient;
  readonly secretsManager: SecretsManagerClient;
  readonly ssm: SSMClient;
}

export type MotoServiceName = keyof MotoServiceClients;

/** How to set up and warm each service in `MotoServiceClients`. */
export const MOTO_SERVICES: { readonly [Name in MotoServiceName]: MotoServiceSetUp<MotoServiceClients[Name]> } = {
  cloudWatchLogs: {
    setUpClient: (config) => new CloudWatchLogsClient(config),
    warmUp: (logs) => logs.send(new DescribeLogGroupsCommand({ limit: 1 })),
  },
  secretsManager: {
    setUpClient: (config) => new SecretsManagerClient(config),
    warmUp: (secrets) => secrets.send(new ListSecretsCommand({ MaxResults: 1 })),
  },
  ssm: {
    setUpClient: (config) => new SSMClient(config),
    warmUp: (ssm) => ssm.send(new DescribeParametersCommand({ MaxResults: 1 })),
  },
};
