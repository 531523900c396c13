import { HttpRequest } from '@smithy/core/protocols';
import { Hash } from '@smithy/core/serde';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, HashConstructor, Provider } from '@smithy/types';

/** One parameter as SSM returns it. */
export interface SsmParameter {
  readonly name: string;
  readonly value: string;
}

/** Reads named SSM parameters (at most 10 per call, decrypted); names that do not exist are left out. */
export interface SsmParametersReader {
  getParameters(names: readonly string[]): Promise<readonly SsmParameter[]>;
}

export interface SignedParametersReaderOptions {
  /** The credentials the function already resolves for its other clients (e.g. the DynamoDB client's). */
  readonly credentials: AwsCredentialIdentity | Provider<AwsCredentialIdentity>;
  readonly region: string | Provider<string>;
  /** @default AWS_ENDPOINT_URL_SSM, else `https://ssm.{region}.amazonaws.com` */
  readonly endpoint?: string;
}

/** SSM refused or failed the call; `name` is SSM's error type (e.g. `ThrottlingException`). */
export class SsmRequestError extends Error {
  constructor(
    name: string,
    readonly statusCode: number,
  ) {
    super(`SSM GetParameters answered ${statusCode} ${name}`);
    this.name = name;
  }
}

const RETRYABLE = (error: unknown): boolean =>
  !(error instanceof SsmRequestError) ||
  error.statusCode >= 500 ||
  error.name === 'ThrottlingException' ||
  error.name === 'ThrottledException';

/**
 * GetParameters over SSM's JSON protocol, signed with the SDK's own SigV4 signer and sent with
 * its HTTP handler. Why not `@aws-sdk/client-ssm`: a function needs this one call, and the
 * client brings 77 KB of every SSM operation into each bundle (measured: the whole of the
 * bundle-size goal's overrun) plus its own start-up. Timeouts as the SDK client had them:
 * 2 attempts of at most 1 s to connect and 2 s to answer.
 */
export function signedParametersReader(options: SignedParametersReaderOptions): SsmParametersReader {
  const handler = new NodeHttpHandler({ connectionTimeout: 1_000, requestTimeout: 2_000, throwOnRequestTimeout: true });
  const region = typeof options.region === 'string' ? () => Promise.resolve(options.region as string) : options.region;
  let signer: Promise<SignatureV4> | undefined;
  const signerFor = () =>
    (signer ??= region().then(
      (name) =>
        new SignatureV4({
          service: 'ssm',
          region: name,
          credentials: options.credentials,
          sha256: Hash.bind(null, 'sha256') as unknown as HashConstructor,
        }),
    ));

  const send = async (names: readonly string[]): Promise<readonly SsmParameter[]> => {
    const regionName = await region();
    const url = new URL(
      options.endpoint ?? process.env.AWS_ENDPOINT_URL_SSM ?? `https://ssm.${regionName}.amazonaws.com`,
    );
    const body = JSON.stringify({ Names: names, WithDecryption: true });
    const request = new HttpRequest({
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port !== '' && { port: Number(url.port) }),
      path: url.pathname,
      method: 'POST',
      headers: {
        host: url.host,
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AmazonSSM.GetParameters',
      },
      body,
    });
    const signed = await (await signerFor()).sign(request);
    const { response } = await handler.handle(signed as HttpRequest);
    const text = await readBody(response.body);
    if (response.statusCode >= 300) {
      const type = (safeJson(text) as { __type?: string } | undefined)?.__type ?? 'UnknownError';
      throw new SsmRequestError(type.split('#').pop()!, response.statusCode);
    }
    const parsed = safeJson(text) as { Parameters?: { Name?: string; Value?: string }[] } | undefined;
    return (parsed?.Parameters ?? []).flatMap((p) =>
      p.Name !== undefined && p.Value !== undefined ? [{ name: p.Name, value: p.Value }] : [],
    );
  };

  return {
    async getParameters(names) {
      try {
        return await send(names);
      } catch (error) {
        if (!RETRYABLE(error)) throw error;
        return send(names);
      }
    },
  };
}

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};

const readBody = async (body: unknown): Promise<string> => {
  if (body === undefined || body === null) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Buffer | string>) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
};
