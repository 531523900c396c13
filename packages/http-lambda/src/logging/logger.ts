import { getXRayTraceIdFromEnv } from '@aws-lambda-powertools/commons/utils/env';
import { Logger, LogLevelThreshold } from '@aws-lambda-powertools/logger';
import { isoTime } from '@userprofile/domain';
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
  /** The request's one summary line, `request completed`, at INFO. */
  completed(summary: RequestSummary): void;
}

/** What the summary line says about a request: never a path, a body or a header, which can hold personal data. */
export interface RequestSummary {
  readonly method: string;
  /** The route pattern, e.g. `/users/{userId}`. */
  readonly route: string;
  readonly status: number;
}

/**
 * A logger for one request. It passes the request id with each line to the shared logger
 * rather than creating a Powertools child: a child re-reads its environment settings on
 * every request (measured by `pnpm bench -- --only warm`), and per-line keys still keep
 * concurrent requests on one local server apart.
 */
export function requestLogger(parent: Logger, requestId: string, context?: Context): RequestLogger {
  return new PerRequestLogger(
    parent,
    requestId,
    typeof context?.awsRequestId === 'string' ? context.awsRequestId : undefined,
  );
}

class PerRequestLogger implements RequestLogger {
  constructor(
    private readonly parent: Logger,
    private readonly requestId: string,
    private readonly functionRequestId: string | undefined,
  ) {}

  info(message: string, attributes?: LogAttributes): void {
    this.parent.info(message, { ...this.keys(), ...attributes });
  }

  warn(message: string, attributes?: LogAttributes): void {
    this.parent.warn(message, { ...this.keys(), ...attributes });
  }

  error(message: string, attributes?: LogAttributes): void {
    this.parent.error(message, { ...this.keys(), ...attributes });
  }

  /**
   * Written without Powertools' formatter, which costs more than the rest of a refused request
   * (`pnpm bench -- --only warm`), but in its shape and at its level, to the same stdout: the
   * keys of a Powertools line (UTC timestamp, service, function request id, X-Ray trace id)
   * then the request's own, the sampling rate left out (this service never sets one).
   */
  completed({ method, route, status }: RequestSummary): void {
    if (this.parent.level > LogLevelThreshold.INFO) return;
    const line = {
      level: 'INFO',
      message: 'request completed',
      timestamp: isoTime(Date.now()),
      service: SERVICE_NAME,
      function_request_id: this.functionRequestId,
      xray_trace_id: getXRayTraceIdFromEnv(),
      requestId: this.requestId,
      method,
      route,
      status,
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }

  private keys(): LogAttributes {
    return this.functionRequestId === undefined
      ? { requestId: this.requestId }
      : { requestId: this.requestId, function_request_id: this.functionRequestId };
  }
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
