import { createHash } from 'node:crypto';

import { UserId, type IdempotencyKey, type UserProfileRepository } from '@userprofile/domain';

import type { ApiRequest } from '../api-request';
import { basePathOf } from '../base-path';
import { createdUserIdOf, targetUserIdOf } from '../identity';
import { HttpProblem } from '../problem';
import { createdProfileResponse, noContentResponse, profileResponse, type HttpResponse } from '../responses';

/** The token a keyed request stamps on the profile it writes: its caller, key and fingerprint, hashed. */
export const writeTokenOf = (key: IdempotencyKey, fingerprint: string): string =>
  createHash('sha256')
    .update(JSON.stringify([key.scope, key.key, fingerprint]))
    .digest('base64url');

/**
 * The answer to a keyed write whose key's earlier claims expired with no outcome recorded, the
 * first at `since`; undefined when it is to run now. The profile, read consistently, tells:
 * carrying this request's write token, an earlier attempt wrote it last, and its answer is
 * rebuilt from it; untouched since `since` (or absent, except for a delete, which would have left
 * it so), no attempt wrote it; changed by another write since, nobody can tell whether an
 * earlier attempt wrote, so nothing runs again. An earlier attempt cannot write any more: its
 * claim lasted its function's timeout. Its write's `updatedAt` comes from the clock that took
 * the claim, after the claim, so the comparison holds while the functions' clocks agree.
 */
export async function earlierAttemptAnswer(
  request: ApiRequest & { readonly writeToken: string },
  profiles: UserProfileRepository,
  since: Date,
): Promise<HttpResponse | undefined> {
  const { event } = request;
  const userId =
    event.httpMethod === 'POST'
      ? (createdUserIdOf(event) ?? request.actor.userId)
      : targetUserIdOf(event, request.actor);
  // An id no profile can have was refused without a write, as it will be again.
  if (!UserId.isPossible(userId)) return undefined;
  const found = await profiles.lastWrite(userId);
  if (!found) return event.httpMethod === 'DELETE' ? noContentResponse() : undefined;
  if (found.writeToken === request.writeToken) {
    if (event.httpMethod === 'POST') return createdProfileResponse(found.profile, basePathOf(event));
    return event.httpMethod === 'DELETE' ? noContentResponse() : profileResponse(found.profile);
  }
  if (Date.parse(found.profile.toPrimitives().updatedAt) < since.getTime()) return undefined;
  throw new HttpProblem(
    'request-outcome-unknown',
    'An earlier attempt with this Idempotency-Key ended unrecorded and the profile has changed since: ' +
      'whether it was applied cannot be told. Read the profile, then use a new key.',
  );
}
