import type { APIGatewayProxyResult } from 'aws-lambda';

import { PROBLEM_KINDS } from '../../../src/contract/problems';
import type { RouteDefinition } from '../../../src/routes';

/** What every route but OPTIONS can answer: no or a bad token (401), someone else's profile (403), a store away (503). */
const EVERY_ROUTE = [401, 403, 503];

/**
 * The statuses API.md declares for a route, from its row: the success, the statuses of its
 * problem kinds (a body: 400/413/415; a query: 400; If-Match: 400 for a malformed one, 412 for a
 * stale one), and 401, 403 and 503, which apply to every route but OPTIONS. 428 only where the
 * settings require `If-Match` (the fuzzed app's do not). 405 is the gateway's, never a function's.
 */
export function declaredStatuses(route: RouteDefinition, settings: { requireIfMatch: boolean }): readonly number[] {
  const kinds = route.problems.filter((kind) => settings.requireIfMatch || kind !== 'precondition-required');
  return [...new Set([route.success.status, ...kinds.map((kind) => PROBLEM_KINDS[kind].status), ...EVERY_ROUTE])];
}

/** Names that would tell an attacker how the service is built; none may reach a client. */
const INTERNAL_NAMES = [
  /user-profiles/i,
  /dynamo/i,
  /ConditionalCheck/i,
  /Exception/,
  /StoreUnavailable|StoreRequest|HttpProblem|ProfileValidation|UserProfile[A-Z]|Repository/,
  /TypeError|SyntaxError|RangeError|ReferenceError/,
  /Unexpected token|in JSON at position|is not valid JSON/,
  /node_modules|\/work\/|\/src\/|\.ts\b|\.js\b/,
  /class-validator|class-transformer|inversify|powertools/i,
  /\bARN\b|arn:aws/i,
];
/** A V8 stack frame: `at fn (file:line:col)` or `at file:line:col`. */
const STACK_FRAME = /\bat (?:[^\s()]+ )?\(?[^\s()]*:\d+:\d+\)?/;

const lowerKeys = (headers: APIGatewayProxyResult['headers']): Record<string, string> =>
  Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name.toLowerCase(), String(value)]));

/**
 * Everything wrong with a response to `route` (a row, or any path's preflight), as readable sentences (empty: nothing wrong).
 * Checks the status against the contract, the problem+json shape of every error, Retry-After
 * on 503, and that no body holds a stack frame or an internal name.
 */
export function contractViolations(route: RouteDefinition | 'OPTIONS', response: APIGatewayProxyResult): string[] {
  const problems: string[] = [];
  const status = response.statusCode;
  const headers = lowerKeys(response.headers);
  const body = response.body ?? '';
  if (status >= 500 && status !== 503) problems.push(`status ${status} is a server error`);
  // The fuzzed apps run on the default settings: `If-Match` is not required.
  const declared = route === 'OPTIONS' ? [204] : declaredStatuses(route, { requireIfMatch: false });
  const name = route === 'OPTIONS' ? route : `${route.method} ${route.path}`;
  if (!declared.includes(status)) problems.push(`status ${status} is not one API.md declares for ${name}`);
  if (!headers['x-request-id']) problems.push('no X-Request-Id');
  if (STACK_FRAME.test(body)) problems.push('the body holds a stack frame');
  for (const name of INTERNAL_NAMES) if (name.test(body)) problems.push(`the body names an internal: ${name}`);
  if (status >= 400) problems.push(...problemJsonViolations(status, headers, body));
  return problems;
}

function problemJsonViolations(status: number, headers: Record<string, string>, body: string): string[] {
  const problems: string[] = [];
  if (headers['content-type'] !== 'application/problem+json') {
    problems.push(`Content-Type is ${headers['content-type']}, not application/problem+json`);
  }
  if (status === 503 && !/^[1-9][0-9]*$/.test(headers['retry-after'] ?? ''))
    problems.push('503 without a Retry-After in seconds');
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch {
    return [...problems, 'the error body is not JSON'];
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    return [...problems, 'the error body is not a JSON object'];
  }
  const { type, title, status: bodyStatus, detail } = document as Record<string, unknown>;
  if (typeof type !== 'string' || !type.startsWith('/problems/'))
    problems.push(`type ${String(type)} is not a problem type`);
  if (typeof title !== 'string' || title === '') problems.push('no title');
  if (typeof detail !== 'string' || detail === '') problems.push('no detail');
  if (bodyStatus !== status) problems.push(`body status ${String(bodyStatus)} differs from HTTP status ${status}`);
  return problems;
}

/**
 * What is wrong with the answer to a body with an object or array in a field that takes one
 * value: a route that reads a body refuses it with a 4xx (its problem body is checked by
 * `contractViolations`), and no answer repeats a value that was sent inside it.
 */
export function structuredBodyViolations(
  readsBody: boolean,
  response: APIGatewayProxyResult,
  sentValue: string,
): string[] {
  const problems: string[] = [];
  const status = response.statusCode;
  if (readsBody && (status < 400 || status > 499)) problems.push(`a structured field got ${status}, not a 4xx`);
  if ((response.body ?? '').includes(sentValue)) problems.push('the answer repeats a value sent in a structured field');
  return problems;
}
