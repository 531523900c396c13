import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';

/** The service name on every log line. */
export const SERVICE_NAME = 'userprofile';

const LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT', 'CRITICAL'] as const;
type LogLevel = (typeof LOG_LEVELS)[number];

/** A structured JSON logger at `level` (e.g. from LOG_LEVEL); an unknown level falls back to INFO. */
export function createLogger(level: string | undefined = 'INFO'): Logger {
  const upper = level.toUpperCase();
  const logLevel: LogLevel = (LOG_LEVELS as readonly string[]).includes(upper) ? (upper as LogLevel) : 'INFO';
  return new Logger({ serviceName: SERVICE_NAME, logLevel });
}

/**
 * A logger for one request: every line it writes carries the request id. A child per request
 * (rather than keys appended to a shared logger) keeps concurrent requests on one server apart.
 */
export function requestLogger(parent: Logger, requestId: string, context?: Context): Logger {
  const child = parent.createChild({ persistentKeys: { requestId } });
  if (context && typeof context.awsRequestId === 'string') child.addContext(context);
  return child;
}

/**
 * What may be logged about an unexpected error: its class name and the stack frames, never
 * its message (library messages can quote request data such as an email address).
 */
export function describeError(error: unknown): { errorName: string; frames?: string } {
  if (!(error instanceof Error)) return { errorName: typeof error };
  const frames = error.stack
    ?.split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .slice(0, 10)
    .join('\n');
  return { errorName: error.name, ...(frames && { frames }) };
}
