import { once } from 'node:events';
import { promises as fs } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { HttpResponse } from '@smithy/core/protocols';
import type { HttpRequest } from '@smithy/types';
import inject, { type InjectOptions, type Response as InjectedResponse } from 'light-my-request';

/** The SDK's request-handler slot, as the DynamoDB client types it. */
export type StoreRequestHandler = NonNullable<DynamoDBClientConfig['requestHandler']>;

/**
 * dynalite refuses a call without SigV4's headers but checks no signature; the client signs
 * nothing in-process (see `inProcessEngine`), so these stand in.
 */
const STAND_IN_SIGNATURE = {
  authorization:
    'AWS4-HMAC-SHA256 Credential=local/20000101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
  'x-amz-date': '20000101T000000Z',
} as const;

const lowerCased = (headers: Record<string, string>): Record<string, string> => {
  const out: Record<string, string> = { ...STAND_IN_SIGNATURE };
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = value;
  return out;
};

const asStrings = (headers: Record<string, unknown>): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
};

/** The SDK sends a string or a Uint8Array; light-my-request would serialize any object but a Buffer as JSON. */
const payloadOf = (body: unknown): string | Buffer => {
  if (typeof body === 'string' || Buffer.isBuffer(body)) return body;
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  throw new TypeError('the embedded store takes a string or byte body only');
};

/** The embedded store with the SDK's way in, and the one way to close it. */
export interface InProcessStore {
  /** For `createDynamoDbDocumentClient({ inProcessEngine })`. */
  readonly requestHandler: StoreRequestHandler;
  /**
   * Refuses new calls, waits for those under way (a request whose client hung up may still be
   * writing), then closes the store once its pending writes are on disk.
   */
  close(): Promise<void>;
}

/** Thrown to a call that reaches the store after `close()`: the server is stopping. */
export class StoreClosedError extends Error {
  constructor() {
    super('the embedded store is closed');
    this.name = 'StoreClosedError';
  }
}

/**
 * Puts dynalite behind an SDK request handler that hands each DynamoDB call to its request
 * listener in this process (through light-my-request's in-memory request and response), so the
 * store needs no listening socket at all: no port a web page could find, no socket file another
 * local user could open, and no HTTP parsing or loopback round trip per call.
 */
export const inProcessStore = (store: Server): InProcessStore => {
  const [listener] = store.listeners('request') as Parameters<typeof inject>[0][];
  if (!listener) throw new Error('the embedded store has no request listener');
  const underWay = new Set<Promise<unknown>>();
  let closing: Promise<void> | undefined;
  const call = async (request: HttpRequest): Promise<InjectedResponse> =>
    inject(listener, {
      method: request.method as InjectOptions['method'],
      url: request.path,
      headers: lowerCased(request.headers),
      ...(request.body !== undefined && { payload: payloadOf(request.body) }),
    });
  const requestHandler = {
    async handle(request: HttpRequest) {
      if (closing) throw new StoreClosedError();
      const pending = call(request);
      underWay.add(pending);
      try {
        const response = await pending;
        return {
          response: new HttpResponse({
            statusCode: response.statusCode,
            headers: asStrings(response.headers),
            body: response.rawPayload,
          }),
        };
      } finally {
        underWay.delete(pending);
      }
    },
    updateHttpClientConfig: () => undefined,
    httpHandlerConfigs: () => ({}),
    destroy: () => undefined,
  } as StoreRequestHandler;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      await Promise.allSettled([...underWay]);
      await closeStore(store);
    })());
  return { requestHandler, close };
};

/**
 * Closes dynalite's store, waiting for its pending writes. dynalite closes its LevelDB only from
 * its server's `close()`, which Node refuses for a server that never listened; so a store that
 * was never given a listener gets one for the instant of closing: a Unix socket in a fresh
 * 0700 temporary folder, which nothing but this user can open.
 */
const closeStore = async (store: Server): Promise<void> => {
  let socketDir: string | undefined;
  if (!store.listening) {
    socketDir = await fs.mkdtemp(path.join(tmpdir(), 'userprofile-store-'));
    store.listen(path.join(socketDir, 'store.sock'));
    await once(store, 'listening');
  }
  try {
    await new Promise<void>((resolve, reject) => store.close((error) => (error ? reject(error) : resolve())));
  } finally {
    if (socketDir) await fs.rm(socketDir, { recursive: true, force: true });
  }
};
