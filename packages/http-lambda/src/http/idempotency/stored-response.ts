import { HEADER } from '../headers';
import type { HttpResponse } from '../responses';

/** The headers a replay repeats: what the client acts on. The pipeline adds the per-request ones. */
const REPLAYED_HEADERS: readonly string[] = [HEADER.contentType, HEADER.etag, HEADER.location];

/** Whether a response is kept for repeats: 2xx, and the 4xx the request itself caused. 5xx (503 too) are not, so a retry executes. */
export const isReplayable = (response: HttpResponse): boolean =>
  response.statusCode >= 200 && response.statusCode < 500;

/** A response as the idempotency store keeps it. */
export function serialiseResponse(response: HttpResponse): string {
  const headers = Object.fromEntries(
    Object.entries(response.headers).filter(([name]) => REPLAYED_HEADERS.includes(name)),
  );
  return JSON.stringify({ statusCode: response.statusCode, headers, body: response.body });
}

/** A stored response, as its replay: the first response, marked `Idempotent-Replayed: true`. */
export function replayOf(stored: string): HttpResponse {
  const { statusCode, headers, body } = JSON.parse(stored) as HttpResponse;
  return { statusCode, headers: { ...headers, [HEADER.idempotentReplayed]: 'true' }, body };
}

/**
 * Whose personal data a kept response holds: the profile in its body (`userId`), or nobody (a
 * 204, a problem: problems never repeat a value sent). The store files the response under that
 * user, so that deleting the profile or erasing the account forgets it, in whichever caller's
 * scope (an administrator's) it lies.
 */
export function subjectOf(response: HttpResponse): string | undefined {
  if (response.statusCode < 200 || response.statusCode >= 300 || !response.body) return undefined;
  try {
    const { userId } = JSON.parse(response.body) as { userId?: unknown };
    return typeof userId === 'string' ? userId : undefined;
  } catch {
    return undefined;
  }
}
