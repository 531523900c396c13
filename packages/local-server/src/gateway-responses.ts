import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import {
  corsHeadersOf,
  HEADER,
  HttpProblem,
  methodNotAllowedResponse,
  notFoundResponse,
  preflightResponse,
  problemResponse,
  type SettingsProvider,
} from '@userprofile/http-lambda';
import { SECURITY_HEADERS } from '@userprofile/http-lambda/contract';
import type { GatewayResponses } from './local-gateway';

/**
 * The answers the local gateway gives itself, from the handlers' own helpers where they exist
 * (404, 405, preflight), so both runtimes share one problem format and one CORS policy; the
 * CORS headers go on every one of them so a browser can read them, and the security headers
 * as on every answer.
 */
export const createGatewayResponses = (config: SettingsProvider): GatewayResponses => {
  const problem = async (event: APIGatewayProxyEvent, detail: HttpProblem): Promise<APIGatewayProxyResult> => {
    const response = problemResponse(detail);
    return {
      ...response,
      headers: {
        ...response.headers,
        ...corsHeadersOf(event, await config.get()),
        [HEADER.requestId]: event.requestContext.requestId,
        ...SECURITY_HEADERS,
      },
    };
  };
  return {
    notFound: async (event) => notFoundResponse(event, await config.get()),
    methodNotAllowed: async (allow, event) => methodNotAllowedResponse(allow, event, await config.get()),
    preflight: async (event) => preflightResponse(event, await config.get()),
    unauthorized: (event) =>
      problem(
        event,
        new HttpProblem('unauthorized', 'A valid bearer token is required (Authorization: Bearer <token>).', {
          headers: { 'WWW-Authenticate': 'Bearer' },
        }),
      ),
    payloadTooLarge: (event) =>
      problem(event, new HttpProblem('payload-too-large', 'The request body is larger than 16 KiB.')),
    internalError: (event) => problem(event, new HttpProblem('internal', 'The server could not complete the request.')),
  };
};
