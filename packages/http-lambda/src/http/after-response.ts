import type { ServiceIdentifier } from 'inversify';

import { describeError, type RequestLogger } from '../logging/logger';

/** Where a failed item is reported: the request's logger, so the line carries its request id. */
export type AfterResponseLogger = Pick<RequestLogger, 'warn'>;

/**
 * Work that does not change a response, run once the response is on its way: the caller does
 * not wait for it. An item that fails (or overruns its time limit) is logged, never thrown.
 */
export interface AfterResponse {
  /** Queues `work`; `failure` is the log message if it fails (ids only, no personal data). */
  defer(failure: string, work: () => Promise<void>, logger: AfterResponseLogger): void;
}

/**
 * Who runs the queued work: `handler` before it returns its response (the safe default, and
 * Lambda's fallback when the extension could not register); `host` after writing the response
 * (the local server, tests, the bench); `extension` after the invocation's response, before the
 * extension asks Lambda for the next event.
 */
export type PostResponseDrainer = 'handler' | 'host' | 'extension';

export interface PostResponseQueueOptions {
  /** @default 'handler' */
  readonly drainedBy?: PostResponseDrainer;
  /** One item's time limit: past it, it is logged as late and the next item runs. @default 3000 */
  readonly itemTimeoutMs?: number;
}

interface Item {
  readonly failure: string;
  readonly work: () => Promise<void>;
  readonly logger: AfterResponseLogger;
}

/** The work handlers deferred, and the signal that their invocation has responded. */
export class PostResponseQueue implements AfterResponse {
  /** Set once by the Lambda composition root, before the first invocation. */
  drainedBy: PostResponseDrainer;
  private readonly itemTimeoutMs: number;
  private queued: Item[] = [];
  private readonly running = new Set<Promise<void>>();
  private readonly responses = new Map<string, { readonly done: Promise<void>; readonly signal: () => void }>();

  constructor(options: PostResponseQueueOptions = {}) {
    this.drainedBy = options.drainedBy ?? 'handler';
    this.itemTimeoutMs = options.itemTimeoutMs ?? 3000;
  }

  defer(failure: string, work: () => Promise<void>, logger: AfterResponseLogger): void {
    this.queued.push({ failure, work, logger });
  }

  /**
   * Called by the handler once its response is ready; resolves when it may return it: at once,
   * unless the handler itself is the drainer. `requestId` tells the extension whose response it is.
   */
  responded(requestId: string | undefined): Promise<void> {
    if (this.drainedBy === 'handler') return this.drain();
    if (this.drainedBy === 'extension' && requestId !== undefined) this.responseOf(requestId).signal();
    return Promise.resolve();
  }

  /** Resolves once the invocation `requestId` has responded: the extension's cue to drain. */
  async respondedTo(requestId: string): Promise<void> {
    await this.responseOf(requestId).done;
    this.responses.delete(requestId);
  }

  /** Runs every queued item, one after another, and resolves when none is queued or running. */
  async drain(): Promise<void> {
    while (this.queued.length > 0) {
      const item = this.queued.shift()!;
      const run = this.run(item);
      this.running.add(run);
      await run.finally(() => this.running.delete(run));
    }
    await Promise.all(this.running);
  }

  private async run({ failure, work, logger }: Item): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), this.itemTimeoutMs);
    });
    try {
      const outcome = await Promise.race([work(), late]);
      if (outcome === 'late') logger.warn(failure, { reason: `not finished after ${this.itemTimeoutMs} ms` });
    } catch (error) {
      logger.warn(failure, describeError(error));
    } finally {
      clearTimeout(timer);
    }
  }

  private responseOf(requestId: string): { readonly done: Promise<void>; readonly signal: () => void } {
    let entry = this.responses.get(requestId);
    if (!entry) {
      let signal!: () => void;
      const done = new Promise<void>((resolve) => (signal = resolve));
      entry = { done, signal };
      this.responses.set(requestId, entry);
    }
    return entry;
  }
}

/** The queue the handlers defer to and their hosts drain. */
export const POST_RESPONSE_QUEUE: ServiceIdentifier<PostResponseQueue> = Symbol.for(
  'userprofile.http.PostResponseQueue',
);
