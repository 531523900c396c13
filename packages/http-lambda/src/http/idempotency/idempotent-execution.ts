import { CLOCK, IDEMPOTENCY_STORE, type Clock, type IdempotencyKey, type IdempotencyStore } from '@userprofile/domain';
import { inject, injectable } from 'inversify';

import { describeError } from '../../logging/logger';
import type { ApiRequest, RouteHandler } from '../api-request';
import { toProblem } from '../error-mapper';
import { HEADER } from '../headers';
import { HttpProblem } from '../problem';
import { problemResponse, type HttpResponse } from '../responses';
import { fingerprintOf, idempotencyKeyOf } from './idempotency-request';
import { IDEMPOTENCY_SETTINGS, type IdempotencySettings } from './idempotency-settings';
import { isReplayable, replayOf, serialiseResponse } from './stored-response';

/**
 * Runs a write route at most once per caller and `Idempotency-Key` (draft-ietf-httpapi-
 * idempotency-key-header). Claim the key (a store fault: 503, nothing executed), execute,
 * then keep a replayable response for the replay window, or free the key so a retry executes.
 * A repeat gets the first response replayed, 409 while the first is in flight, and 422 when
 * it is not the same request. Requests without the header run as they are.
 */
@injectable()
export class IdempotentExecution {
  constructor(
    @inject(IDEMPOTENCY_STORE) private readonly store: IdempotencyStore,
    @inject(IDEMPOTENCY_SETTINGS) private readonly settings: IdempotencySettings,
    @inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(request: ApiRequest, route: RouteHandler): Promise<HttpResponse> {
    const key = idempotencyKeyOf(request.event);
    if (key === undefined) return route.handle(request);
    const scoped: IdempotencyKey = { scope: request.actor.userId, key };
    const fingerprint = fingerprintOf(request.event);
    const now = this.clock.now();

    const claim = await this.store.claim(scoped, fingerprint, now, this.after(now, this.settings.inFlightSeconds));
    if (claim.status !== 'claimed' && claim.fingerprint !== fingerprint) throw keyReused();
    if (claim.status === 'completed') return replayOf(claim.outcome);
    if (claim.status === 'in-flight') throw inFlight(claim.inFlightUntil, now);

    let response: HttpResponse;
    try {
      response = await asResponse(route, request);
    } catch (fault) {
      await this.releaseQuietly(scoped, fingerprint, request);
      throw fault;
    }
    if (!isReplayable(response)) {
      await this.releaseQuietly(scoped, fingerprint, request);
      return response;
    }
    try {
      const expiresAt = this.after(this.clock.now(), this.settings.replayWindowSeconds);
      await this.store.complete(scoped, fingerprint, serialiseResponse(response), expiresAt);
    } catch (error) {
      // The write happened: answering it beats a 503 the client would retry. The in-flight
      // marker stays until it expires, so repeats until then get 409, never a second execution.
      request.logger.warn('idempotency record not completed', describeError(error));
    }
    return response;
  }

  private after(now: Date, seconds: number): Date {
    return new Date(now.getTime() + seconds * 1000);
  }

  /** A failed release leaves a marker that expires after the function timeout: the retry waits, it never runs twice. */
  private async releaseQuietly(key: IdempotencyKey, fingerprint: string, request: ApiRequest): Promise<void> {
    try {
      await this.store.release(key, fingerprint);
    } catch (error) {
      request.logger.warn('idempotency key not released', describeError(error));
    }
  }
}

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
