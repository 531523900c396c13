import { awsJsonClient, SSM_SERVICE, type AwsJsonClientOptions } from '../sdk/aws-json-client';

/** One parameter as SSM returns it. */
export interface SsmParameter {
  readonly name: string;
  readonly value: string;
}

/** Reads named SSM parameters (at most 10 per call, decrypted); names that do not exist are left out. */
export interface SsmParametersReader {
  getParameters(names: readonly string[]): Promise<readonly SsmParameter[]>;
}

/** How to reach SSM: the function's own credentials and region, or a local engine's endpoint. */
export type SignedParametersReaderOptions = AwsJsonClientOptions;

/**
 * GetParameters as one signed AWS JSON call, without `@aws-sdk/client-ssm`: a function needs
 * this one call, and the client brings 77 KB of every SSM operation into each bundle.
 */
export function signedParametersReader(options: SignedParametersReaderOptions): SsmParametersReader {
  const ssm = awsJsonClient(SSM_SERVICE, options);
  return {
    async getParameters(names) {
      const answer = await ssm.call<{ Parameters?: { Name?: string; Value?: string }[] }>('GetParameters', {
        Names: names,
        WithDecryption: true,
      });
      return parametersOf(answer.Parameters);
    },
  };
}

/** The parameters of a GetParameters answer that have both a name and a value. */
export const parametersOf = (parameters: readonly { Name?: string; Value?: string }[] | undefined): SsmParameter[] =>
  (parameters ?? []).flatMap((p) =>
    p.Name !== undefined && p.Value !== undefined ? [{ name: p.Name, value: p.Value }] : [],
  );
