import type { ServiceIdentifier } from 'inversify';

/** How long idempotency records live. */
export interface IdempotencySettings {
  /** How long a completed request's response is replayed. @default 86400 (24 h) */
  readonly replayWindowSeconds: number;
  /**
   * How long an in-flight marker holds its key: the function's timeout, after which the
   * execution that wrote it cannot still be running. @default 10 (the functions' timeout)
   */
  readonly inFlightSeconds: number;
}

export const DEFAULT_IDEMPOTENCY_SETTINGS: IdempotencySettings = { replayWindowSeconds: 86_400, inFlightSeconds: 10 };

export const IDEMPOTENCY_SETTINGS: ServiceIdentifier<IdempotencySettings> = Symbol.for(
  'userprofile.http.IdempotencySettings',
);
