import { DomainError } from '../shared/domain-error';

/**
 * A fault, thrown by a repository when the store cannot answer now (throttled, timed out,
 * unreachable). The caller may retry after `retryAfterSeconds`.
 */
export class StoreUnavailableError extends DomainError {
  readonly code = 'store_unavailable';

  constructor(
    readonly retryAfterSeconds: number,
    options?: { cause?: unknown },
  ) {
    super('the profile store is unavailable', options);
  }
}
