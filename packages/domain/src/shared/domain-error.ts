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

/**
 * The base of a rule's error that carries nothing but its code and message. Each rule still
 * declares its own named class on it (`class AccessDeniedError extends fixedDomainError(...) {}`),
 * so `instanceof`, `name` and the literal `code` stay those of that one rule. The return type is
 * spelled out so that declarations keep `DomainError` as the base, not a copy of its members.
 */
export function fixedDomainError<const Code extends string>(
  code: Code,
  message: string,
): new () => DomainError & { readonly code: Code } {
  return class extends DomainError {
    readonly code = code;
    constructor() {
      super(message);
    }
  };
}
