import { Logger } from '@aws-lambda-powertools/logger';
import { describeError } from '@userprofile/adapters-aws';
import type { ConstructorOptions } from '@aws-lambda-powertools/logger/types';
import type { Context } from 'aws-lambda';
import type { ServiceIdentifier } from 'inversify';

import { SERVICE_NAME } from '../contract/service';

const LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT', 'CRITICAL'] as const;
type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * The service's Powertools logger. Its children (`createChild`) take over the environment's
 * cold start rather than each starting cold: a child's `addContext` reads its own flag, and a
 * request's child would otherwise say `cold_start: true` on every invocation.
 */
class ServiceLogger extends Logger {
  // The documented hook `createChild` builds its logger through.
  protected override createLogger(options?: ConstructorOptions): Logger {
    const child = new ServiceLogger(options);
    child.coldStart = this.getColdStart();
    return child;
  }
}

/** The service's root logger; requests log through a child of it that carries their request id. */
export const LOGGER: ServiceIdentifier<Logger> = Symbol.for('userprofile.http.Logger');

/** A structured JSON logger at `level` (e.g. from LOG_LEVEL); an unknown level falls back to INFO. */
export function createLogger(level: string | undefined = 'INFO'): Logger {
  const upper = level.toUpperCase();
  const logLevel: LogLevel = (LOG_LEVELS as readonly string[]).includes(upper) ? (upper as LogLevel) : 'INFO';
  return new ServiceLogger({ serviceName: SERVICE_NAME, logLevel });
}

/**
 * The logger of one request: a child of the function's logger with the invocation's Lambda
 * context (`addContext`) and the request id (`appendKeys`), so every line carries Powertools'
 * keys and `request_id`. A child per request, because the local server runs many requests at
 * once on one function's logger, where keys added to that shared logger would reach the lines
 * of another request.
 */
export function requestLogger(root: Logger, requestId: string, context?: Context): Logger {
  const logger = root.createChild();
  if (context) logger.addContext(context);
  logger.appendKeys({ request_id: requestId });
  return logger;
}

// The one rule for what a fault may show in a log, shared with the other Lambdas.
export { describeError };

/** A failed refresh of something cached, logged as a warning: the last good value is still served. */
export const logRefreshFailure =
  (logger: Logger, message: string) =>
  (error: unknown): void =>
    logger.warn(message, describeError(error));
