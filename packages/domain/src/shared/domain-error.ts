/**
 * Base of every error the domain names. `code` is stable: clients and the HTTP layer key
 * on it, so it never changes once published.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;

  constructor(message: string, options?: { cause?: unknown }) {
    // Expected outcomes are answered, not debugged: capturing a stack would cost more than the
    // rest of a refused request. A `cause` keeps its own stack.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(message, options);
    } finally {
      Error.stackTraceLimit = limit;
    }
    this.name = new.target.name;
  }
}
