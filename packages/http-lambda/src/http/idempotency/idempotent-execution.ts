import {
  CLOCK,
  IDEMPOTENCY_STORE,
  USER_PROFILE_REPOSITORY,
  type Clock,
  type IdempotencyKey,
  type IdempotencyStore,
  type UserProfileRepository,
} from '@userprofile/domain';
import { inject, injectable, optional } from 'inversify';

import { describeError } from '../../logging/logger';
import type { ApiRequest, RouteHandler } from '../api-request';
import { toProblem } from '../error-mapper';
import { HEADER } from '../headers';
import { HttpProblem } from '../problem';
import { problemResponse, type HttpResponse } from '../responses';
import { earlierAttemptAnswer, writeTokenOf } from './earlier-attempt';
import { fingerprintOf, idempotencyKeyOf } from './idempotency-request';
import { DEFAULT_IDEMPOTENCY_SETTINGS, IDEMPOTENCY_SETTINGS, type IdempotencySettings } from './idempotency-settings';
import { isReplayable, replayOf, serialiseResponse, subjectOf } from './stored-response';

/**
 * Runs a write route at most once per caller and `Idempotency-Key` (draft-ietf-httpapi-
 * idempotency-key-header). Claim the key (a store fault: 503, nothing executed), execute with
 * the request's write token stamped on the profile, then, before answering, keep a replayable
 * response for the replay window or end the claim so that a retry may run. A repeat gets the
 * first response replayed, 409 while the first is in flight, and 422 when it is not the same
 * request. When the record cannot be kept, the claim lapses after the function timeout and the
 * retry after it asks the profile whether the first attempt wrote (`earlierAttemptAnswer`):
 * it gets that attempt's answer, runs if nothing was written since, or gets 409
 * `request-outcome-unknown`; it never runs the write a second time, unless a
 * created profile was deleted again before the retry (nothing is left to ask). Requests without the
 * header run as they are.
 */
@injectable()
export class IdempotentExecution {
  private readonly store: IdempotencyStore;
  private readonly settings: IdempotencySettings;

  /** A function that serves no write has no store (nor settings): only its rows' parts are bound. */
  constructor(
    @inject(IDEMPOTENCY_STORE) @optional() store: IdempotencyStore | undefined,
    @inject(IDEMPOTENCY_SETTINGS) @optional() settings: IdempotencySettings | undefined,
    @inject(CLOCK) private readonly clock: Clock,
    @inject(USER_PROFILE_REPOSITORY) private readonly profiles: UserProfileRepository,
  ) {
    this.store = store ?? noIdempotencyStore;
    this.settings = settings ?? DEFAULT_IDEMPOTENCY_SETTINGS;
  }

  async handle(request: ApiRequest, route: RouteHandler): Promise<HttpResponse> {
    const key = idempotencyKeyOf(request.event);
    if (key === undefined) return route.handle(request);
    const scoped: IdempotencyKey = { scope: request.actor.userId, key };
    const fingerprint = fingerprintOf(request.event);
    const now = this.clock.now();

    const claim = await this.store.claim(scoped, fingerprint, now, after(now, this.settings.inFlightSeconds));
    if (claim.status !== 'claimed' && claim.fingerprint !== fingerprint) throw keyReused();
    if (claim.status === 'completed') return replayOf(claim.outcome);
    if (claim.status === 'in-flight') throw inFlight(claim.inFlightUntil, now);

    const keyed = { ...request, writeToken: writeTokenOf(scoped, fingerprint) };
    const since = claim.unresolvedSince;
    let response: HttpResponse;
    try {
      response = await asResponse(
        async () => (since && (await earlierAttemptAnswer(keyed, this.profiles, since))) ?? route.handle(keyed),
      );
    } catch (fault) {
      await this.end(scoped, fingerprint, request);
      throw fault;
    }
    if (!isReplayable(response)) {
      await this.end(scoped, fingerprint, request);
      return response;
    }
    try {
      const expiresAt = after(this.clock.now(), this.settings.replayWindowSeconds);
      await this.store.complete(scoped, fingerprint, {
        outcome: serialiseResponse(response),
        expiresAt,
        subject: subjectOf(response),
      });
    } catch (error) {
      // The write happened: it is answered, and a retry after the claim lapses finds it on the profile.
      request.logger.warn('idempotency record not completed', describeError(error));
    }
    return response;
  }

  /**
   * Ends a claim with no outcome to keep (a fault, or a 5xx that may or may not have written):
   * a retry may run at once, after asking the profile. A failed end leaves the claim to lapse.
   */
  private async end(key: IdempotencyKey, fingerprint: string, request: ApiRequest): Promise<void> {
    try {
      await this.store.release(key, fingerprint);
    } catch (error) {
      request.logger.warn('idempotency key not released', describeError(error));
    }
  }
}

const after = (now: Date, seconds: number): Date => new Date(now.getTime() + seconds * 1000);

/**
 * The route's response, its expected failures (4xx, and 503 when the profile store is away)
 * mapped to problems here rather than by the pipeline, so that they can be stored. Faults
 * that are not expected stay thrown.
 */
async function asResponse(run: () => Promise<HttpResponse>): Promise<HttpResponse> {
  try {
    return await run();
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

/** Only write routes claim keys (their rows have `idempotencyRecords`); a read reaching this is a wiring fault. */
const notConfigured = (): never => {
  throw new Error('this function serves no write: it has no idempotency store');
};
const noIdempotencyStore: IdempotencyStore = {
  claim: notConfigured,
  complete: notConfigured,
  release: notConfigured,
  forgetScope: notConfigured,
  forgetSubject: notConfigured,
  recordsOf: notConfigured,
};
