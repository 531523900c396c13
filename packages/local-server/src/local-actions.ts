import type { IncomingMessage } from 'node:http';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

import { json, readBody } from './bodies';
import type { LocalTokenVerifier } from './local-tokens';

/** The gateway's own answers a local action may give (see the gateway's `GatewayResponses`). */
interface ActionResponses {
  methodNotAllowed(allow: readonly string[], event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult>;
  unauthorized(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult>;
  payloadTooLarge(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult>;
}

/**
 * An endpoint of the local server alone, no route of the API (e.g. `POST /local/sign-up`, which
 * plays Cognito's confirmation): POST with a JSON body, for the holder of a token from the
 * local administrators' pool (`issuer`), which only someone with the data folder's key can sign.
 */
export interface LocalAction {
  readonly issuer: string;
  readonly run: (body: unknown) => Promise<{ readonly status: number; readonly body: unknown }>;
}

/** What running a local action needs from the gateway's request handling. */
export interface LocalActionRequest {
  readonly request: IncomingMessage;
  readonly requestId: string;
  /** The access log's note: set when the connection cannot be reused. */
  readonly note: { closeConnection?: boolean };
  readonly event: APIGatewayProxyEvent;
  readonly limit: number;
  readonly deps: { readonly verifyToken: LocalTokenVerifier; readonly responses: ActionResponses };
}

/** Answers a local action: 405 but for POST, 401 without the action's token, 413, 400 for a body that is not JSON. */
export async function runLocalAction(action: LocalAction, at: LocalActionRequest): Promise<APIGatewayProxyResult> {
  const { request, deps, event } = at;
  if (request.method !== 'POST') return deps.responses.methodNotAllowed(['POST'], event);
  const verified = await deps.verifyToken(request.headers.authorization);
  if (!verified.ok || verified.claims.iss !== action.issuer) {
    at.note.closeConnection = !request.complete;
    return deps.responses.unauthorized(event);
  }
  const body = await readBody(request, at.limit);
  if (!body.ok) {
    at.note.closeConnection = true;
    return deps.responses.payloadTooLarge(event);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.body.toString('utf8'));
  } catch {
    return json(400, { title: 'the body must be JSON' }, at.requestId);
  }
  const answer = await action.run(parsed);
  return json(answer.status, answer.body, at.requestId);
}
