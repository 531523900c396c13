import type { ContainerModule, Newable } from 'inversify';

import type { RouteHandler } from '../http/api-request';

/**
 * What one route needs in a container: its handler class and a module binding the handler
 * and its use cases. A Lambda function loads only its own, so its bundle holds no other
 * route's code.
 */
export interface RouteBinding {
  readonly handler: Newable<RouteHandler>;
  readonly module: ContainerModule;
}
