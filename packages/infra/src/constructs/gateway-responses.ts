import * as apigateway from 'aws-cdk-lib/aws-apigateway';

import { GATEWAY_PROBLEM_KINDS, type GatewayProblemKind } from '../http-contract';

/** One of API Gateway's own refusals, answered as a problem. */
export interface GatewayProblem {
  /** Construct id of the gateway response, unique within the REST API. */
  readonly id: string;
  readonly type: apigateway.ResponseType;
  /** The problem `type` is `/problems/{kind}`, the one the handlers use for the same case. */
  readonly kind: GatewayProblemKind;
  readonly title: string;
  /** @default - API Gateway's own status for the response type */
  readonly status?: number;
  readonly detail: string;
  /** Extra response headers, as gateway-response literals (`"'value'"`). @default - none */
  readonly headers?: Readonly<Record<string, string>>;
}

/** API Gateway's refusals, each in the problem `type` the handlers use for the same case. */
export const GATEWAY_PROBLEMS: readonly GatewayProblem[] = [
  {
    id: 'Unauthorized',
    type: apigateway.ResponseType.UNAUTHORIZED,
    kind: GATEWAY_PROBLEM_KINDS.unauthorized,
    title: 'Unauthorized',
    status: 401,
    detail: 'A valid bearer token is required (Authorization: Bearer <token>).',
    headers: { 'WWW-Authenticate': "'Bearer'" },
  },
  {
    id: 'AccessDenied',
    type: apigateway.ResponseType.ACCESS_DENIED,
    kind: GATEWAY_PROBLEM_KINDS.forbidden,
    title: 'Forbidden',
    status: 403,
    detail: 'The token does not allow this request.',
  },
  // API Gateway answers a path or method it does not know with "missing authentication token".
  {
    id: 'MissingAuthenticationToken',
    type: apigateway.ResponseType.MISSING_AUTHENTICATION_TOKEN,
    kind: GATEWAY_PROBLEM_KINDS.notFound,
    title: 'Not found',
    status: 404,
    detail: 'No resource lives at this path with this method.',
  },
  {
    id: 'BadRequestBody',
    type: apigateway.ResponseType.BAD_REQUEST_BODY,
    kind: GATEWAY_PROBLEM_KINDS.validation,
    title: 'Invalid request',
    status: 400,
    detail: 'The request body must be a JSON object.',
  },
  {
    id: 'BadRequestParameters',
    type: apigateway.ResponseType.BAD_REQUEST_PARAMETERS,
    kind: GATEWAY_PROBLEM_KINDS.validation,
    title: 'Invalid request',
    status: 400,
    detail: 'A required header or path parameter is missing.',
  },
  {
    id: 'RequestTooLarge',
    type: apigateway.ResponseType.REQUEST_TOO_LARGE,
    kind: GATEWAY_PROBLEM_KINDS.payloadTooLarge,
    title: 'Payload too large',
    status: 413,
    detail: 'The request body is larger than 16 KiB.',
  },
  {
    id: 'UnsupportedMediaType',
    type: apigateway.ResponseType.UNSUPPORTED_MEDIA_TYPE,
    kind: GATEWAY_PROBLEM_KINDS.unsupportedMediaType,
    title: 'Unsupported media type',
    status: 415,
    detail: 'The request body must be JSON (Content-Type: application/json).',
  },
  {
    id: 'Throttled',
    type: apigateway.ResponseType.THROTTLED,
    kind: GATEWAY_PROBLEM_KINDS.tooManyRequests,
    title: 'Too many requests',
    status: 429,
    detail: 'Too many requests; retry after the time in Retry-After.',
    headers: { 'Retry-After': "'1'" },
  },
  {
    id: 'Default4xx',
    type: apigateway.ResponseType.DEFAULT_4XX,
    kind: GATEWAY_PROBLEM_KINDS.requestRefused,
    title: 'Request refused',
    detail: 'The gateway refused the request.',
  },
  {
    id: 'Default5xx',
    type: apigateway.ResponseType.DEFAULT_5XX,
    kind: GATEWAY_PROBLEM_KINDS.internal,
    title: 'Internal error',
    detail: 'The server could not complete the request.',
  },
];

export interface ProblemResponsesOptions {
  /**
   * Origins the API allows. A single one (or `*`) is sent as `Access-Control-Allow-Origin`;
   * several would need echoing, which a gateway response cannot do safely, so those browsers
   * read the status alone.
   * @default - none: no CORS header
   */
  readonly allowedOrigins?: readonly string[];
  /** The refusals to answer. @default GATEWAY_PROBLEMS */
  readonly problems?: readonly GatewayProblem[];
}

/**
 * Makes API Gateway's own refusals (bad token, throttled, unknown path, body not JSON) answer in
 * the same problem+json shape and `type`s as the handlers (docs/API.md). The responses belong
 * to `api`, as `addGatewayResponse` makes them.
 */
export function addProblemResponses(
  api: apigateway.RestApiBase,
  options: ProblemResponsesOptions = {},
): apigateway.GatewayResponse[] {
  const origins = options.allowedOrigins ?? [];
  // Gateway response headers may only be literals or request values, so the request id
  // travels in the body (templates see $context).
  const headers: Record<string, string> = { 'Content-Type': "'application/problem+json'" };
  if (origins.length === 1) headers['Access-Control-Allow-Origin'] = `'${origins[0]}'`;
  return (options.problems ?? GATEWAY_PROBLEMS).map((problem) =>
    api.addGatewayResponse(problem.id, {
      type: problem.type,
      ...(problem.status !== undefined && { statusCode: String(problem.status) }),
      responseHeaders: { ...headers, ...problem.headers },
      templates: {
        'application/json': JSON.stringify({
          type: `/problems/${problem.kind}`,
          title: problem.title,
          ...(problem.status !== undefined && { status: problem.status }),
          detail: problem.detail,
          requestId: '$context.requestId',
        }),
      },
    }),
  );
}
