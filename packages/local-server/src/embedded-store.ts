import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { HttpResponse } from '@smithy/core/protocols';
import type { HttpRequest } from '@smithy/types';
import type { ServiceIdentifier } from 'inversify';

/** The SDK's request-handler slot, as the DynamoDB client types it. */
export type StoreRequestHandler = NonNullable<DynamoDBClientConfig['requestHandler']>;

/** Where the store keeps its data; the rest of dynalite's settings are the launcher's (`dynalite-launcher.cjs`). */
export interface EmbeddedStoreOptions {
  /** The LevelDB folder; none keeps the store in memory. */
  readonly path?: string;
}

/** The embedded store with the SDK's way in, and the one way to close it. */
export interface EmbeddedStore {
  /** For `createDynamoDbDocumentClient({ inProcessEngine })`. */
  readonly requestHandler: StoreRequestHandler;
  /**
   * Refuses new calls, waits for those under way (a request whose client hung up may still be
   * writing), then closes the store once its pending writes are on disk. Rejects only when the
   * store's thread fails while closing; one that had already stopped has nothing left to close.
   */
  close(): Promise<void>;
}

/** The local server's started store; the DynamoDB client reaches it in-process. */
export const EMBEDDED_STORE: ServiceIdentifier<EmbeddedStore> = Symbol.for('userprofile.local.EmbeddedStore');

/** Thrown to a call that reaches the store after `close()`: the server is stopping. */
export class StoreClosedError extends Error {
  constructor() {
    super('the embedded store is closed');
    this.name = 'StoreClosedError';
  }
}

/** Thrown to the calls under way, and to every later one, when the store's thread has ended. */
export class StoreStoppedError extends Error {
  constructor(readonly reason: string) {
    super(`the embedded store stopped: ${reason}`);
    this.name = 'StoreStoppedError';
  }
}

type Answer =
  | {
      readonly type: 'answer';
      readonly id: number;
      readonly statusCode: number;
      readonly headers: Record<string, string>;
      readonly body: Uint8Array;
    }
  | { readonly type: 'answer'; readonly id: number; readonly error: string };

interface PendingCall {
  readonly resolve: (answer: Answer) => void;
  readonly reject: (error: Error) => void;
}

const THREAD_FILE = path.join(__dirname, 'embedded-store-thread.cjs');

/** The SDK sends a string or a Uint8Array; a view is copied alone, not with the buffer it sits in. */
const payloadOf = (body: unknown): string | Uint8Array => {
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return body.slice();
  throw new TypeError('the embedded store takes a string or byte body only');
};

/**
 * Starts dynalite on a thread of its own (`embedded-store-thread.cjs`) behind an SDK request
 * handler that posts each DynamoDB call to it, so the store needs no listening socket at all: no
 * port a web page could find, no socket file another local user could open, and no HTTP parsing
 * or loopback round trip per call. On its own thread, dynalite's work runs beside the server's
 * instead of in the queue of every request.
 */
export const embeddedStore = (options: EmbeddedStoreOptions): EmbeddedStore => {
  // No TypeScript loader in the store's thread: it is plain CommonJS and needs none.
  const thread = new Worker(THREAD_FILE, { workerData: { options: { ...options } }, execArgv: [] });
  const pending = new Map<number, PendingCall>();
  const underWay = new Set<Promise<unknown>>();
  let nextId = 0;
  let closing: Promise<void> | undefined;
  let stopped: StoreStoppedError | undefined;

  const stop = (cause: string): void => {
    stopped ??= new StoreStoppedError(cause);
    for (const call of pending.values()) call.reject(stopped);
    pending.clear();
  };
  thread.on('message', (answer: Answer) => {
    const call = pending.get(answer.id);
    pending.delete(answer.id);
    call?.resolve(answer);
  });
  thread.on('error', (error) => stop(error.message));
  const exited = new Promise<number>((resolve) =>
    thread.once('exit', (code) => {
      stop(`its thread ended (exit code ${code})`);
      resolve(code);
    }),
  );

  const call = (request: HttpRequest): Promise<Answer> =>
    new Promise((resolve, reject) => {
      if (stopped) return reject(stopped);
      const id = nextId++;
      pending.set(id, { resolve, reject });
      thread.postMessage({
        type: 'call',
        id,
        method: request.method,
        url: request.path,
        headers: request.headers,
        ...(request.body !== undefined && { payload: payloadOf(request.body) }),
      });
    });

  const requestHandler = {
    async handle(request: HttpRequest) {
      if (closing) throw new StoreClosedError();
      const answering = call(request);
      underWay.add(answering);
      try {
        const answer = await answering;
        if ('error' in answer) throw new StoreStoppedError(answer.error);
        return {
          response: new HttpResponse({
            statusCode: answer.statusCode,
            headers: answer.headers,
            body: Buffer.from(answer.body.buffer, answer.body.byteOffset, answer.body.byteLength),
          }),
        };
      } finally {
        underWay.delete(answering);
      }
    },
    updateHttpClientConfig: () => undefined,
    httpHandlerConfigs: () => ({}),
    destroy: () => undefined,
  } as StoreRequestHandler;

  const close = (): Promise<void> =>
    (closing ??= (async () => {
      await Promise.allSettled([...underWay]);
      // A thread that ended before has nothing left to write, and its calls were told why.
      if (stopped) return;
      thread.postMessage({ type: 'close' });
      const code = await exited;
      if (code !== 0) throw new StoreStoppedError(`its thread ended while closing (exit code ${code})`);
    })());
  return { requestHandler, close };
};
