import { CLOCK, IDEMPOTENCY_STORE, type Clock, type IdempotencyKey, type IdempotencyStore } from '@userprofile/domain';
import { inject, injectable } from 'inversify';

import { POST_RESPONSE_QUEUE, type AfterResponse } from '../after-response';
import type { ApiRequest, RouteHandler } from '../api-request';
import { toProblem } from '../error-mapper';
import { HEADER } from '../headers';
import { HttpProblem } from '../problem';
import { problemResponse, type HttpResponse } from '../responses';
import { fingerprintOf, idempotencyKeyOf } from './idempotency-request';
import { IDEMPOTENCY_SETTINGS, type IdempotencySettings } from './idempotency-settings';
import { isReplayable, replayOf, serialiseResponse } from './stored-response';

/** The records, how long they live, the time, and where the bookkeeping goes after the response. */
interface IdempotencyDependencies {
  readonly store: IdempotencyStore;
  readonly settings: IdempotencySettings;
  readonly clock: Clock;
  readonly afterResponse: AfterResponse;
}

/**
 * Runs a write route at most once per caller and `Idempotency-Key` (draft-ietf-httpapi-
 * idempotency-key-header). Claim the key (a store fault: 503, nothing executed), execute,
 * answer, and then, after the response, keep a replayable response for the replay window or
 * free the key so a retry executes. A repeat gets the first response replayed, 409 while the
 * first is in flight (its bookkeeping included), and 422 when it is not the same request.
 * Requests without the header run as they are.
 */
@injectable()
export class IdempotentExecution {
  private readonly deps: IdempotencyDependencies;

  constructor(
    @inject(IDEMPOTENCY_STORE) store: IdempotencyStore,
    @inject(IDEMPOTENCY_SETTINGS) settings: IdempotencySettings,
    @inject(CLOCK) clock: Clock,
    @inject(POST_RESPONSE_QUEUE) afterResponse: AfterResponse,
  ) {
    this.deps = { store, settings, clock, afterResponse };
  }

  async handle(request: ApiRequest, route: RouteHandler): Promise<HttpResponse> {
    const key = idempotencyKeyOf(request.event);
    if (key === undefined) return route.handle(request);
    const { store, settings, clock } = this.deps;
    const scoped: IdempotencyKey = { scope: request.actor.userId, key };
    const fingerprint = fingerprintOf(request.event);
    const now = clock.now();

    const claim = await store.claim(scoped, fingerprint, now, after(now, settings.inFlightSeconds));
    if (claim.status !== 'claimed' && claim.fingerprint !== fingerprint) throw keyReused();
    if (claim.status === 'completed') return replayOf(claim.outcome);
    if (claim.status === 'in-flight') throw inFlight(claim.inFlightUntil, now);

    let response: HttpResponse;
    try {
      response = await asResponse(route, request);
    } catch (fault) {
      this.releaseAfterResponse(scoped, fingerprint, request);
      throw fault;
    }
    if (!isReplayable(response)) {
      this.releaseAfterResponse(scoped, fingerprint, request);
      return response;
    }
    // The write happened: answering it now beats making the client wait for the record. A
    // completion that fails leaves the in-flight marker until it expires (the function timeout,
    // which bounds the invocation and so this work too): repeats get 409, never a second execution.
    this.deps.afterResponse.defer(
      'idempotency record not completed',
      () =>
        store.complete(
          scoped,
          fingerprint,
          serialiseResponse(response),
          after(clock.now(), settings.replayWindowSeconds),
        ),
      request.logger,
    );
    return response;
  }

  /** A failed release leaves a marker that expires after the function timeout: the retry waits, it never runs twice. */
  private releaseAfterResponse(key: IdempotencyKey, fingerprint: string, request: ApiRequest): void {
    this.deps.afterResponse.defer(
      'idempotency key not released',
      () => this.deps.store.release(key, fingerprint),
      request.logger,
    );
  }
}

const after = (now: Date, seconds: number): Date => new Date(now.getTime() + seconds * 1000);

/**
 * The route's response, its expected failures (4xx, and 503 when the profile store is away)
 * mapped to problems here rather than by the pipeline, so that they can be stored. Faults
 * that are not expected stay thrown.
 */
async function asResponse(route: RouteHandler, request: ApiRequest): Promise<HttpResponse> {
  try {
    return await route.handle(request);
  } catch (error) {
    const { problem, unexpected } = toProblem(error);
    if (unexpected) throw error;
    return problemResponse(problem);
  }
}

const keyReused = (): HttpProblem =>
  new HttpProblem(
    'idempotency-key-reused',
    'This Idempotency-Key was used for a different request (method, path, body or If-Match): use a new key.',
    { errors: [{ field: HEADER.idempotencyKey, message: 'was used for a different request' }] },
  );

const inFlight = (until: Date, now: Date): HttpProblem =>
  new HttpProblem('request-in-flight', 'A request with this Idempotency-Key is still in progress. Retry later.', {
    headers: { [HEADER.retryAfter]: String(Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000))) },
  });
