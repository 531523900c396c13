import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import {
  AFTER_RESPONSE_EXTENSION_NAME,
  startAfterResponseExtension,
} from '../../../src/lambda/after-response-extension';
import { PostResponseQueue } from '../../../src/http/after-response';

const EXTENSION_ID = 'extension-id-1';

interface NextCall {
  readonly identifier: string | undefined;
  /** What the test had done by the time the extension asked for this event. */
  readonly seen: readonly string[];
}

/**
 * Lambda's Extensions API on loopback: answers registration (or refuses it), holds each
 * `/event/next` until the test delivers an event, and records what it was sent.
 */
class FakeExtensionsApi {
  readonly registrations: { headers: IncomingMessage['headers']; body: string }[] = [];
  readonly nextCalls: NextCall[] = [];
  /** The test's own trace: what happened, in order (work items, responses). */
  readonly trace: string[] = [];
  registerStatus = 200;
  private readonly held: ServerResponse[] = [];
  private readonly waiters: { count: number; resolve: () => void }[] = [];
  private readonly server: Server = createServer((request, response) => this.serve(request, response));

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  /** Resolves once the extension has asked for its `count`-th event. */
  nextCallNumber(count: number): Promise<void> {
    if (this.nextCalls.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  /** Answers the extension's held `/event/next` with an INVOKE of `requestId`. */
  invoke(requestId: string, deadlineMs = Date.now() + 10_000): void {
    const response = this.held.shift();
    if (!response) throw new Error('the extension is not waiting for an event');
    response.writeHead(200, { 'Content-Type': 'application/json', 'Lambda-Extension-Event-Identifier': requestId });
    response.end(JSON.stringify({ eventType: 'INVOKE', requestId, deadlineMs }));
  }

  private serve(request: IncomingMessage, response: ServerResponse): void {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      if (request.method === 'POST' && request.url === '/2020-01-01/extension/register') {
        this.registrations.push({ headers: request.headers, body });
        response.writeHead(this.registerStatus, { 'Lambda-Extension-Identifier': EXTENSION_ID });
        response.end(JSON.stringify({ functionName: 'f', functionVersion: '$LATEST', handler: 'index.handler' }));
        return;
      }
      if (request.method === 'GET' && request.url === '/2020-01-01/extension/event/next') {
        const identifier = request.headers['lambda-extension-identifier'];
        this.nextCalls.push({
          identifier: typeof identifier === 'string' ? identifier : undefined,
          seen: [...this.trace],
        });
        this.held.push(response);
        for (const waiter of this.waiters.filter((w) => w.count <= this.nextCalls.length)) waiter.resolve();
        return;
      }
      response.writeHead(404).end();
    });
  }
}

describe('after-response extension (internal Lambda extension)', () => {
  let api: FakeExtensionsApi;
  let runtimeApi: string;
  let queue: PostResponseQueue;
  let warnings: { message: string; attributes: unknown }[];
  let logger: { warn: (message: string, attributes?: unknown) => void };

  beforeEach(async () => {
    api = new FakeExtensionsApi();
    runtimeApi = await api.start();
    queue = new PostResponseQueue();
    // Each test its own list: a stopped server's extension may still log after its test.
    const own: typeof warnings = [];
    warnings = own;
    logger = { warn: (message, attributes) => void own.push({ message, attributes }) };
  });
  afterEach(() => api.stop());

  /** Defers one work item that leaves `name` in the trace, or fails without doing so. */
  const deferWork = (name: string, outcome: 'succeeds' | 'fails' = 'succeeds') =>
    queue.defer(
      `${name} not done`,
      async () => {
        if (outcome === 'fails') throw new TypeError('store away');
        api.trace.push(name);
      },
      logger,
    );

  it('registers during init for INVOKE only, under its name, and then asks for the first event with its id', async () => {
    // Act
    const registered = await startAfterResponseExtension({ runtimeApi, queue, logger });
    await api.nextCallNumber(1);

    // Assess
    expect(registered).toBe(true);
    expect(queue.drainedBy).toBe('extension');
    expect(api.registrations).toHaveLength(1);
    expect(api.registrations[0]!.headers['lambda-extension-name']).toBe(AFTER_RESPONSE_EXTENSION_NAME);
    expect(JSON.parse(api.registrations[0]!.body)).toEqual({ events: ['INVOKE'] });
    expect(api.nextCalls[0]!.identifier).toBe(EXTENSION_ID);
  });

  it('runs the invocation’s deferred work after its response and before asking for the next event', async () => {
    // Prepare
    await startAfterResponseExtension({ runtimeApi, queue, logger });
    await api.nextCallNumber(1);

    // Act: the invocation starts, defers its work, and its handler responds
    api.invoke('request-1');
    deferWork('completion');
    api.trace.push('responded');
    await queue.responded('request-1');
    await api.nextCallNumber(2);

    // Assess: the handler did not wait for the work; the extension ran it before its next event
    expect(api.nextCalls[1]!.seen).toEqual(['responded', 'completion']);
    expect(api.nextCalls[1]!.identifier).toBe(EXTENSION_ID);
  });

  it('waits for the response of the invocation it was told about, whichever arrives first', async () => {
    // Prepare
    await startAfterResponseExtension({ runtimeApi, queue, logger });
    await api.nextCallNumber(1);

    // Act: the handler responds before the extension hears of the invocation
    deferWork('completion');
    api.trace.push('responded');
    await queue.responded('request-1');
    api.invoke('request-1');
    await api.nextCallNumber(2);

    // Assess
    expect(api.nextCalls[1]!.seen).toEqual(['responded', 'completion']);
  });

  it('stops waiting for a response at the invocation’s deadline, so the invocation still ends', async () => {
    // Prepare
    await startAfterResponseExtension({ runtimeApi, queue, logger });
    await api.nextCallNumber(1);

    // Act: Lambda says the invocation is due now; its handler never responds
    api.invoke('request-1', Date.now());
    deferWork('completion');
    await api.nextCallNumber(2);

    // Assess
    expect(api.nextCalls[1]!.seen).toEqual(['completion']);
  });

  it('logs a failing item without its message and goes on, to the next item and the next invocation', async () => {
    // Prepare
    await startAfterResponseExtension({ runtimeApi, queue, logger });
    await api.nextCallNumber(1);

    // Act
    api.invoke('request-1');
    deferWork('first', 'fails');
    deferWork('second');
    await queue.responded('request-1');
    await api.nextCallNumber(2);
    api.invoke('request-2');
    deferWork('third');
    await queue.responded('request-2');
    await api.nextCallNumber(3);

    // Assess
    expect(api.nextCalls[1]!.seen).toEqual(['second']);
    expect(api.nextCalls[2]!.seen).toEqual(['second', 'third']);
    expect(warnings).toEqual([
      { message: 'first not done', attributes: expect.objectContaining({ errorName: 'TypeError' }) },
    ]);
    expect(JSON.stringify(warnings)).not.toContain('store away');
  });

  it('falls back to running the work before each response when registration is refused', async () => {
    // Prepare
    api.registerStatus = 403;

    // Act
    const registered = await startAfterResponseExtension({ runtimeApi, queue, logger });
    deferWork('completion');
    await queue.responded('request-1');

    // Assess: the work ran inside `responded`, before the handler could return its response
    expect(registered).toBe(false);
    expect(queue.drainedBy).toBe('handler');
    expect(api.trace).toEqual(['completion']);
    expect(warnings.map((w) => w.message)).toEqual([
      'after-response extension not registered; deferred work runs before each response',
    ]);
    expect(api.nextCalls).toHaveLength(0);
  });

  it('falls back the same way when there is no Extensions API to reach', async () => {
    // Prepare
    await api.stop();

    // Act
    const registered = await startAfterResponseExtension({ runtimeApi, queue, logger });

    // Assess
    expect(registered).toBe(false);
    expect(queue.drainedBy).toBe('handler');
  });
});
