/**
 * What runtimes that serve every route in one process (the local server) build on: the route
 * table, the handlers' composition root, the answers API Gateway gives itself, and the OpenAPI
 * document. Lambda entries never import this module.
 */
export * from './routes';
export { createRouteHandlers, type ProxyHandler } from './composition/route-handlers';
export { createLogger } from './logging/logger';
export { buildOpenApiDocument, type OpenApiOptions } from './openapi/openapi-document';
export { methodNotAllowedResponse, notFoundResponse, preflightResponse } from './http/gateway-answers';
export { corsHeadersOf } from './http/cors';
export { HEADER } from './http/headers';
export { HttpProblem } from './http/problem';
export { problemResponse } from './http/responses';
export { groupsOf } from './http/cognito-claims';
export * from './settings/runtime-settings';
export * from './settings/settings-parsers';
