/**
 * What runtimes that serve every route in one process (the local server) build on: the route
 * table, the handlers' composition root and the tokens a runtime binds its adapters to, the
 * answers API Gateway gives itself, and the OpenAPI document. Lambda entries never import this
 * module.
 */
export * from './routes';
export {
  createRouteHandlers,
  oneProcessContainer,
  routeHandlersOf,
  type ProxyHandler,
} from './composition/route-handlers';
export { CURSOR_KEYS, DYNAMODB_CLIENT } from './composition/lambda-modules';
export { IDENTITY_SETTINGS } from './http/identity';
export { pseudonymisedTrail } from './audit/pseudonymised-trail';
export { createLogger, LOGGER } from './logging/logger';
export { buildOpenApiDocument, type OpenApiOptions } from './openapi/openapi-document';
export { methodNotAllowedResponse, notFoundResponse, preflightResponse } from './http/gateway-answers';
export { corsHeadersOf } from './http/cors';
export { HEADER } from './http/headers';
export { HttpProblem } from './http/problem';
export { problemResponse } from './http/responses';
export { groupsOf } from './http/cognito-claims';
export * from './settings/runtime-settings';
export * from './settings/settings-parsers';
