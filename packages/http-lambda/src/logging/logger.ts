import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';

import { SERVICE_NAME } from '../contract/service';

const LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT', 'CRITICAL'] as const;
type LogLevel = (typeof LOG_LEVELS)[number];

/** A structured JSON logger at `level` (e.g. from LOG_LEVEL); an unknown level falls back to INFO. */
export function createLogger(level: string | undefined = 'INFO'): Logger {
  const upper = level.toUpperCase();
  const logLevel: LogLevel = (LOG_LEVELS as readonly string[]).includes(upper) ? (upper as LogLevel) : 'INFO';
  return new Logger({ serviceName: SERVICE_NAME, logLevel });
}

type LogAttributes = Record<string, unknown>;

/** What a request logs through: every line it writes carries the request id. */
export interface RequestLogger {
  info(message: string, attributes?: LogAttributes): void;
  warn(message: string, attributes?: LogAttributes): void;
  error(message: string, attributes?: LogAttributes): void;
}

/**
 * A logger for one request. It passes the request id with each line to the shared logger
 * rather than creating a Powertools child: a child re-reads its environment settings on
 * every request (measured by `pnpm bench -- --only warm`), and per-line keys still keep
 * concurrent requests on one local server apart.
 */
export function requestLogger(parent: Logger, requestId: string, context?: Context): RequestLogger {
  const keys: LogAttributes =
    context && typeof context.awsRequestId === 'string'
      ? { requestId, function_request_id: context.awsRequestId }
      : { requestId };
  return {
    info: (message, attributes) => parent.info(message, { ...keys, ...attributes }),
    warn: (message, attributes) => parent.warn(message, { ...keys, ...attributes }),
    error: (message, attributes) => parent.error(message, { ...keys, ...attributes }),
  };
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
