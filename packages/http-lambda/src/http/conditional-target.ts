import type { ApiRequest } from './api-request';
import { hasIfMatch, preconditionOf, type Precondition } from './etag';
import { targetUserIdOf } from './identity';

/**
 * The profile a conditional request (`DELETE`, `PUT`, `PATCH`) targets and the revision its
 * `If-Match` expects. Read before any body, so a missing required `If-Match` is a 428 first.
 * Only a request without `If-Match` waits for the settings: whether it is a 428 is all they decide here.
 */
export async function conditionalTargetOf({
  event,
  actor,
  settings,
}: ApiRequest): Promise<Precondition & { readonly userId: string }> {
  const userId = targetUserIdOf(event, actor);
  const required = hasIfMatch(event) ? false : (await settings()).requireIfMatch;
  return { userId, ...preconditionOf(event, required) };
}
