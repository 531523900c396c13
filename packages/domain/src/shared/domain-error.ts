/**
 * Base of every error the domain names. `code` is stable: clients and the HTTP layer key
 * on it, so it never changes once published.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}
