import { ApiGatewayEventBuilder } from '@userprofile/testing';

import { resourceOf } from '../../../src/http/route-match';

export type { ApiGatewayEventBuilder, Caller } from '@userprofile/testing';

/** An API Gateway proxy event for this API's routes (see `ApiGatewayEventBuilder`). */
export const anEvent = (method: string, path: string): ApiGatewayEventBuilder =>
  new ApiGatewayEventBuilder(method, path, resourceOf);
