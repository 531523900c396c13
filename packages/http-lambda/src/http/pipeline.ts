import type { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { inject, injectable } from 'inversify';

import { LOGGER } from '../composition/ports-module';
import { describeError, requestLogger } from '../logging/logger';
import { SETTINGS_PROVIDER, type HttpSettings, type SettingsProvider } from '../settings/runtime-settings';
import type { RouteHandler } from './api-request';
import { preflightResponse } from './cors';
import { toProblem } from './error-mapper';
import { actorOf } from './identity';
import { requestIdOf } from './request-id';
import { toProxyResult } from './proxy-result';
import { problemResponse, type HttpResponse } from './responses';

/**
 * What every request goes through, whatever its route: a request id and a logger that carries
 * it, the runtime settings, CORS (and preflight), the caller's identity, and the one error
 * mapper. Route handlers only see requests that got this far.
 */
@injectable()
export class HttpPipeline {
  constructor(
    @inject(SETTINGS_PROVIDER) private readonly config: SettingsProvider,
    @inject(LOGGER) private readonly logger: Logger,
  ) {}

  async handle(
    event: APIGatewayProxyEvent,
    context: Context | undefined,
    route: RouteHandler,
  ): Promise<APIGatewayProxyResult> {
    const requestId = requestIdOf(event);
    const logger = requestLogger(this.logger, requestId, context);
    let settings: HttpSettings | undefined;
    let response: HttpResponse;
    try {
      settings = await this.config.get();
      response =
        event.httpMethod === 'OPTIONS'
          ? preflightResponse(event, settings)
          : await route.handle({ event, actor: actorOf(event), settings, requestId, logger });
    } catch (error) {
      const { problem, unexpected } = toProblem(error);
      if (unexpected) logger.error('request failed unexpectedly', describeError(error));
      response = problemResponse(problem);
    }
    // Only the route pattern is logged: paths, bodies and headers can hold personal data.
    logger.info('request completed', { method: event.httpMethod, route: event.resource, status: response.statusCode });
    return toProxyResult(response, requestId, settings && { event, settings });
  }
}
