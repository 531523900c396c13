import type { Logger } from '@aws-lambda-powertools/logger';
import type { Actor } from '@userprofile/domain';
import type { APIGatewayProxyEvent } from 'aws-lambda';

import type { HttpSettings } from '../settings/runtime-settings';
import type { HttpResponse } from './responses';

/** What the pipeline hands a route handler: the event plus what it already worked out. */
export interface ApiRequest {
  readonly event: APIGatewayProxyEvent;
  /** The verified caller. */
  readonly actor: Actor;
  /**
   * The HTTP layer's settings (the domain reads its own through its port), read when first
   * awaited: await them only where the answer depends on them.
   */
  readonly settings: () => Promise<HttpSettings>;
  readonly requestId: string;
  /** This request's logger: its lines carry the Lambda context keys and the request id. */
  readonly logger: Logger;
  /** Names this request's write on the profile (see `WriteOptions`): set for an `Idempotency-Key` request. */
  readonly writeToken?: string;
}

/** One route's logic: parse, validate, call a use case, map the result. */
export interface RouteHandler {
  handle(request: ApiRequest): Promise<HttpResponse>;
}
