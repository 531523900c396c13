import type { Logger } from '@aws-lambda-powertools/logger';
import type { ServiceIdentifier } from 'inversify';

/**
 * The HTTP layer's one DI token; use cases and handlers are their own tokens (their classes),
 * and the domain's ports keep theirs beside their interfaces.
 */
/** The service's root logger; requests log through it with their request id. */
export const LOGGER: ServiceIdentifier<Logger> = Symbol.for('userprofile.http.Logger');
