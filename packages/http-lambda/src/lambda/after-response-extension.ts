import { request } from 'node:http';

import type { PostResponseQueue } from '../http/after-response';
import { describeError } from '../logging/logger';

/** The name this function's internal extension registers under. */
export const AFTER_RESPONSE_EXTENSION_NAME = 'userprofile-after-response';

export interface AfterResponseExtensionOptions {
  /** `AWS_LAMBDA_RUNTIME_API`: host and port of the Runtime and Extensions APIs. */
  readonly runtimeApi: string;
  readonly queue: PostResponseQueue;
  /** Where a registration or loop failure is reported (the error's name and frames, no message). */
  readonly logger: { warn(message: string, error: ReturnType<typeof describeError>): void };
}

interface ExtensionEvent {
  readonly eventType: string;
  readonly requestId?: string;
  /** When the invocation times out, in epoch milliseconds. */
  readonly deadlineMs?: number;
}

/** How long before the deadline the extension stops waiting for a response that never came. */
const DEADLINE_MARGIN_MS = 200;

/**
 * Lambda returns a function's response to its caller as soon as the runtime posts it, but
 * keeps the invocation (and the sandbox, unfrozen) open until every extension asks for the
 * next event. This internal extension registers for INVOKE during init and, on each, waits
 * for that invocation's response, drains the queue, and only then asks for the next event: the
 * deferred work runs after the response, within the invocation that deferred it, inside the
 * function timeout. Resolves with whether it registered; if not (no Extensions API, or too
 * late), the queue is left to its handler, which drains it before it responds.
 */
export async function startAfterResponseExtension(options: AfterResponseExtensionOptions): Promise<boolean> {
  const { runtimeApi, queue, logger } = options;
  let extensionId: string;
  try {
    extensionId = await register(runtimeApi);
  } catch (error) {
    logger.warn(
      'after-response extension not registered; deferred work runs before each response',
      describeError(error),
    );
    return false;
  }
  queue.drainedBy = 'extension';
  void serveInvocations(runtimeApi, extensionId, queue).catch((error: unknown) => {
    // Nobody would drain after a response any more: the handlers drain before theirs.
    queue.drainedBy = 'handler';
    logger.warn('after-response extension stopped; deferred work runs before each response', describeError(error));
    void queue.drain();
  });
  return true;
}

async function serveInvocations(runtimeApi: string, extensionId: string, queue: PostResponseQueue): Promise<void> {
  for (;;) {
    const event = JSON.parse(
      (await call(runtimeApi, 'GET', '/event/next', { 'Lambda-Extension-Identifier': extensionId })).body,
    ) as ExtensionEvent;
    if (event.eventType !== 'INVOKE' || event.requestId === undefined) continue;
    await respondedBeforeDeadline(queue, event.requestId, event.deadlineMs);
    // Let the runtime post the response first: the work overlaps its round trip, not the reverse.
    await new Promise((resolve) => setImmediate(resolve));
    await queue.drain();
  }
}

/** The invocation's response, or its deadline (a runtime that never called the handler) if that comes first. */
async function respondedBeforeDeadline(
  queue: PostResponseQueue,
  requestId: string,
  deadlineMs?: number,
): Promise<void> {
  if (deadlineMs === undefined) return queue.respondedTo(requestId);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, Math.max(0, deadlineMs - Date.now() - DEADLINE_MARGIN_MS));
  });
  try {
    await Promise.race([queue.respondedTo(requestId), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

async function register(runtimeApi: string): Promise<string> {
  const { headers } = await call(
    runtimeApi,
    'POST',
    '/register',
    { 'Lambda-Extension-Name': AFTER_RESPONSE_EXTENSION_NAME, 'Content-Type': 'application/json' },
    JSON.stringify({ events: ['INVOKE'] }),
  );
  const id = headers['lambda-extension-identifier'];
  if (typeof id !== 'string' || id === '') throw new Error('the Extensions API returned no extension identifier');
  return id;
}

interface ApiAnswer {
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/**
 * One Extensions API call over node:http, which sets no timeout of its own: `/event/next` is a
 * long poll that stays open while the sandbox is frozen between invocations.
 */
function call(
  runtimeApi: string,
  method: 'GET' | 'POST',
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<ApiAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(`http://${runtimeApi}/2020-01-01/extension${path}`, { method, headers }, (answer) => {
      let text = '';
      answer.setEncoding('utf8');
      answer.on('data', (chunk: string) => (text += chunk));
      answer.on('error', reject);
      answer.on('end', () => {
        const status = answer.statusCode ?? 0;
        if (status >= 200 && status < 300) resolve({ headers: answer.headers, body: text });
        else reject(new Error(`Extensions API ${method} ${path} answered HTTP ${status}`));
      });
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
