import type { ApiRequest } from './api-request';
import { preconditionOf, type Precondition } from './etag';
import { targetUserIdOf } from './identity';

/**
 * The profile a conditional request (`DELETE`, `PUT`, `PATCH`) targets and the revision its
 * `If-Match` expects. Read before any body, so a missing required `If-Match` is a 428 first.
 */
export const conditionalTargetOf = ({
  event,
  actor,
  settings,
}: ApiRequest): Precondition & { readonly userId: string } => ({
  userId: targetUserIdOf(event, actor),
  ...preconditionOf(event, settings.requireIfMatch),
});
