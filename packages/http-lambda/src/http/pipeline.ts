import type { Logger } from '@aws-lambda-powertools/logger';
import { AUDIT_TRAIL, StoreUnavailableError, type Actor, type AuditRecord, type AuditTrail } from '@userprofile/domain';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { inject, injectable } from 'inversify';

import { auditRecordOf, refusalRecordOf, type AuditedExchange } from '../audit/audit-policy';
import { refusalReasonOf } from '../audit/refusal-reason';
import { describeError, LOGGER, requestLogger } from '../logging/logger';
import { routeOf, type RouteDefinition } from '../routes';
import { SETTINGS_PROVIDER, type HttpSettings, type SettingsProvider } from '../settings/runtime-settings';
import type { ApiRequest, RouteHandler } from './api-request';
import { hasOrigin, preflightResponse } from './cors';
import { toProblem } from './error-mapper';
import { IdempotentExecution } from './idempotency/idempotent-execution';
import { HEADER, headerOf } from './headers';
import { actorOf, IDENTITY_SETTINGS, type IdentitySettings } from './identity';
import { requestIdOf } from './request-id';
import { resourceOf } from './route-match';
import { toProxyResult } from './proxy-result';
import { requestSettings } from './request-settings';
import { assertBodyAcceptable } from './request-body';
import { problemResponse, type HttpResponse } from './responses';

/** Seconds a client waits before retrying an action refused because its audit record could not be written. */
const AUDIT_RETRY_AFTER_SECONDS = 2;

/**
 * What every request goes through, whatever its route: a request id and a logger that carries
 * it, the runtime settings (read only where the answer depends on them), CORS (and preflight),
 * the caller's identity, the one error mapper, and the audit trail. Route handlers only see
 * requests that got this far.
 */
@injectable()
export class HttpPipeline {
  constructor(
    @inject(SETTINGS_PROVIDER) private readonly config: SettingsProvider,
    @inject(LOGGER) private readonly logger: Logger,
    @inject(IdempotentExecution) private readonly idempotency: IdempotentExecution,
    @inject(AUDIT_TRAIL) private readonly auditTrail: AuditTrail,
    @inject(IDENTITY_SETTINGS) private readonly identity: IdentitySettings,
  ) {}

  async handle(
    event: APIGatewayProxyEvent,
    context: Context | undefined,
    route: RouteHandler,
  ): Promise<APIGatewayProxyResult> {
    const requestId = requestIdOf(event);
    const logger = requestLogger(this.logger, requestId, context);
    const settings = requestSettings(this.config);
    let corsSettings: HttpSettings | undefined;
    let response: HttpResponse;
    // Set once the caller is known: what a refusal's record names.
    let exchange: (AuditedExchange & { readonly actor: Actor }) | undefined;
    try {
      // Only an answer to an `Origin` depends on the CORS settings: a request without one (a
      // mobile app's) does not wait for them, and one with it is 503 while they cannot be read.
      if (hasOrigin(event)) corsSettings = await settings();
      if (event.httpMethod === 'OPTIONS') {
        response = preflightResponse(event, corsSettings);
      } else {
        const actor = actorOf(event, this.identity);
        const row = routeOf(event.httpMethod, event.resource || (resourceOf(event.path ?? '') ?? ''));
        // No row, no function: only a test's or a mistaken event gets here, and it spans nothing known.
        const target = row?.audit ?? 'any-profile';
        exchange = { event, actor, requestId, time: new Date(), target, everyCall: row?.auditEveryCall === true };
        await this.audit(auditRecordOf(exchange), logger);
        response = await this.run({ event, actor, settings, requestId, logger }, route, row);
      }
    } catch (error) {
      const { problem, unexpected } = toProblem(error);
      if (unexpected) logger.error('request failed unexpectedly', describeError(error));
      response = problemResponse(problem);
    }
    if (exchange) await this.recordRefusal(exchange, response, logger);
    // The one summary line: the route pattern only, as paths, bodies and headers can hold personal data.
    logger.info('request completed', { method: event.httpMethod, route: event.resource, status: response.statusCode });
    return toProxyResult(response, requestId, { event, settings: corsSettings });
  }

  /** The route, through `Idempotency-Key` handling when its row is a write and the request names a key. */
  private run(request: ApiRequest, route: RouteHandler, row: RouteDefinition | undefined): Promise<HttpResponse> {
    const { event } = request;
    // Without the header there is nothing to claim: the route runs as it is, one layer less.
    if (headerOf(event, HEADER.idempotencyKey) === undefined) return route.handle(request);
    if (!row?.idempotent) return route.handle(request);
    // A body refused for its size or type is refused before it is hashed or its key claimed.
    if (row.body !== null) assertBodyAcceptable(event);
    return this.idempotency.handle(request, route);
  }

  /**
   * Writes the record of a refusal (403), once it is decided. One that cannot be written is
   * logged (its reason and the error's name, nothing of the request) and the refusal is answered
   * all the same: it changed nothing, so no action goes unrecorded, and a 503 would only tell a
   * prober to try again.
   */
  private async recordRefusal(
    exchange: AuditedExchange & { readonly actor: Actor },
    response: HttpResponse,
    logger: Logger,
  ): Promise<void> {
    const reason = refusalReasonOf(response);
    if (!reason) return;
    try {
      await this.auditTrail.record(refusalRecordOf(exchange, reason));
    } catch (error) {
      logger.warn('refusal audit record not written; the refusal was answered', { reason, ...describeError(error) });
    }
  }

  /**
   * Writes the request's audit record, if it calls for one, before anything runs: an action that
   * cannot be recorded is answered 503 and not performed (see `auditRecordOf`).
   */
  private async audit(record: AuditRecord | undefined, logger: Logger): Promise<void> {
    if (!record) return;
    try {
      await this.auditTrail.record(record);
    } catch (error) {
      logger.warn('audit record not written; the action was refused', describeError(error));
      throw new StoreUnavailableError(AUDIT_RETRY_AFTER_SECONDS, { cause: error });
    }
  }
}
