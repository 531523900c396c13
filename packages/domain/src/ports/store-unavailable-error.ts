import { DomainError } from '../shared/domain-error';

/**
 * A fault, thrown by an adapter when the store behind it (profiles, or the settings) cannot
 * answer now: throttled, timed out, unreachable. The caller may retry after
 * `retryAfterSeconds`.
 */
export class StoreUnavailableError extends DomainError {
  readonly code = 'store_unavailable';

  constructor(
    readonly retryAfterSeconds: number,
    options?: { cause?: unknown },
  ) {
    super('a store the service needs is unavailable', options);
  }
}
