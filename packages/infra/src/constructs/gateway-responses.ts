import * as apigateway from 'aws-cdk-lib/aws-apigateway';

import {
  MAX_BODY_BYTES,
  PROBLEM_KINDS,
  problemType,
  SECURITY_HEADERS,
  type ProblemKind,
} from '@userprofile/http-lambda/contract';

/** One of API Gateway's own refusals, answered as a problem. */
export interface GatewayProblem {
  /** Construct id of the gateway response, unique within the REST API. */
  readonly id: string;
  readonly type: apigateway.ResponseType;
  /** The problem `type` is `/problems/{kind}`, the one the handlers use for the same case. */
  readonly kind: ProblemKind;
  /**
   * Whether the answer keeps API Gateway's own status for the response type (the catch-all
   * responses cover several statuses), rather than the kind's status.
   * @default false
   */
  readonly keepsGatewayStatus?: boolean;
  readonly detail: string;
  /** Extra response headers, as gateway-response literals (`"'value'"`). @default - none */
  readonly headers?: Readonly<Record<string, string>>;
}

/** API Gateway's refusals, each in the problem `type` the handlers use for the same case. */
export const GATEWAY_PROBLEMS: readonly GatewayProblem[] = [
  {
    id: 'Unauthorized',
    type: apigateway.ResponseType.UNAUTHORIZED,
    kind: 'unauthorized',
    detail: 'A valid bearer token is required (Authorization: Bearer <token>).',
    headers: { 'WWW-Authenticate': "'Bearer'" },
  },
  {
    id: 'AccessDenied',
    type: apigateway.ResponseType.ACCESS_DENIED,
    kind: 'forbidden',
    detail: 'The token does not allow this request.',
  },
  // API Gateway answers a path or method it does not know with "missing authentication token".
  {
    id: 'MissingAuthenticationToken',
    type: apigateway.ResponseType.MISSING_AUTHENTICATION_TOKEN,
    kind: 'not-found',
    detail: 'No resource lives at this path with this method.',
  },
  {
    id: 'BadRequestBody',
    type: apigateway.ResponseType.BAD_REQUEST_BODY,
    kind: 'validation',
    detail: 'The request body must be a JSON object.',
  },
  {
    id: 'BadRequestParameters',
    type: apigateway.ResponseType.BAD_REQUEST_PARAMETERS,
    kind: 'validation',
    detail: 'A required header or path parameter is missing.',
  },
  {
    id: 'RequestTooLarge',
    type: apigateway.ResponseType.REQUEST_TOO_LARGE,
    kind: 'payload-too-large',
    detail: `The request body is larger than ${MAX_BODY_BYTES / 1024} KiB.`,
  },
  {
    id: 'UnsupportedMediaType',
    type: apigateway.ResponseType.UNSUPPORTED_MEDIA_TYPE,
    kind: 'unsupported-media-type',
    detail: 'The request body must be JSON (Content-Type: application/json).',
  },
  {
    id: 'Throttled',
    type: apigateway.ResponseType.THROTTLED,
    kind: 'too-many-requests',
    detail: 'Too many requests; retry after the time in Retry-After.',
    headers: { 'Retry-After': "'1'" },
  },
  // WAF's managed rules block without a custom response of their own: API Gateway answers those.
  {
    id: 'WafFiltered',
    type: apigateway.ResponseType.WAF_FILTERED,
    kind: 'request-refused',
    detail: 'The firewall refused the request.',
  },
  {
    id: 'Default4xx',
    type: apigateway.ResponseType.DEFAULT_4XX,
    kind: 'request-refused',
    keepsGatewayStatus: true,
    detail: 'The gateway refused the request.',
  },
  {
    id: 'Default5xx',
    type: apigateway.ResponseType.DEFAULT_5XX,
    kind: 'internal',
    keepsGatewayStatus: true,
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
  const headers: Record<string, string> = {
    'Content-Type': "'application/problem+json'",
    ...quoted(SECURITY_HEADERS),
  };
  if (origins.length === 1) headers['Access-Control-Allow-Origin'] = `'${origins[0]}'`;
  return (options.problems ?? GATEWAY_PROBLEMS).map((problem) => {
    const { status, title } = PROBLEM_KINDS[problem.kind];
    const fixedStatus = problem.keepsGatewayStatus ? undefined : status;
    return api.addGatewayResponse(problem.id, {
      type: problem.type,
      ...(fixedStatus !== undefined && { statusCode: String(fixedStatus) }),
      responseHeaders: { ...headers, ...problem.headers },
      templates: {
        'application/json': JSON.stringify({
          type: problemType(problem.kind),
          title,
          ...(fixedStatus !== undefined && { status: fixedStatus }),
          detail: problem.detail,
          requestId: '$context.requestId',
        }),
      },
    });
  });
}

/** Headers as gateway-response literals: a value in single quotes is sent as it is. */
export const quoted = (headers: Readonly<Record<string, string>>): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, `'${value}'`]));
