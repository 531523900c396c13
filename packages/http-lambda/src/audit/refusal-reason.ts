import type { RefusalReason } from '@userprofile/domain';

import { problemType } from '../contract/problems';
import type { HttpResponse } from '../http/responses';

/** The problem types of the refusals the audit trail records, each with its reason (the kind's own name). */
const REFUSALS: ReadonlyMap<string, RefusalReason> = new Map(
  (['forbidden', 'email-not-verified-for-caller'] as const satisfies readonly RefusalReason[]).map((kind) => [
    problemType(kind),
    kind,
  ]),
);

/**
 * Which refusal a response answers, if any. Read from the answer itself (its status, then its
 * problem type), so that a refusal a use case returned, one the HTTP layer threw and one
 * replayed for a repeated `Idempotency-Key` are recorded alike. Only a 403's body is parsed.
 */
export function refusalReasonOf(response: Pick<HttpResponse, 'statusCode' | 'body'>): RefusalReason | undefined {
  if (response.statusCode !== 403) return undefined;
  try {
    const { type } = JSON.parse(response.body) as { type?: unknown };
    return typeof type === 'string' ? REFUSALS.get(type) : undefined;
  } catch {
    return undefined;
  }
}
