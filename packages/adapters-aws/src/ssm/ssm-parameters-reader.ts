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

/** SSM's refusals that a second attempt cannot change: 4xx but throttling. */
const isFinal = (error: unknown): boolean => {
  const { statusCode, name } = error as { statusCode?: number; name?: string };
  return statusCode !== undefined && statusCode < 500 && !/Throttl/.test(name ?? '');
};

/**
 * GetParameters over SSM's JSON protocol, signed with the SDK's own SigV4 signer and sent with
 * its HTTP handler. Why not `@aws-sdk/client-ssm`: a function needs this one call, and the
 * client brings 77 KB of every SSM operation into each bundle (measured: the whole of the
 * bundle-size goal's overrun) plus its own start-up. Timeouts as the SDK client had them:
 * 2 attempts of at most 1 s to connect and 2 s to answer.
 */
export function signedParametersReader(options: SignedParametersReaderOptions): SsmParametersReader {
  const handler = new NodeHttpHandler({ connectionTimeout: 1_000, requestTimeout: 2_000, throwOnRequestTimeout: true });
  const signer = new SignatureV4({
    service: 'ssm',
    region: options.region,
    credentials: options.credentials,
    sha256: Hash.bind(null, 'sha256') as unknown as HashConstructor,
  });

  const send = async (names: readonly string[]): Promise<readonly SsmParameter[]> => {
    const regionName = typeof options.region === 'string' ? options.region : await options.region();
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
    const signed = await signer.sign(request);
    const { response } = await handler.handle(signed as HttpRequest);
    const text = await readBody(response.body);
    const answer = JSON.parse(text === '' ? '{}' : text) as {
      __type?: string;
      Parameters?: { Name?: string; Value?: string }[];
    };
    if (response.statusCode >= 300) {
      // SSM names its error type (`...#ThrottlingException`); the type, never the body, is kept.
      throw Object.assign(new Error(`SSM GetParameters answered ${response.statusCode}`), {
        name: answer.__type?.split('#').pop() ?? 'UnknownError',
        statusCode: response.statusCode,
      });
    }
    return (answer.Parameters ?? []).flatMap((p) =>
      p.Name !== undefined && p.Value !== undefined ? [{ name: p.Name, value: p.Value }] : [],
    );
  };

  return {
    async getParameters(names) {
      try {
        return await send(names);
      } catch (error) {
        if (isFinal(error)) throw error;
        return send(names);
      }
    },
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
