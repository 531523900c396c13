import { CORS_ALLOWED_HEADERS } from '../contract/cors';
import { COMMON_PROBLEM_KINDS, PROBLEM_KINDS, problemType, type ProblemKind } from '../contract/problems';
import { MAX_BODY_BYTES } from '../contract/service';
import type { RouteDefinition } from '../routes';
import { QUERY_DOCS, ref, type Schema } from './schemas';

/* Each operation is derived from its route table row: the row says what the route takes and
   answers; this module says how that reads in OpenAPI. */

const header = (description: string, schema: Schema = { type: 'string' }): Schema => ({ description, schema });
const REQUEST_ID_HEADER = header('Ties the response to its log lines.');

const SUCCESS_HEADERS: Readonly<Record<RouteDefinition['success']['headers'][number], Schema>> = {
  ETag: header(
    '`"<version>.<incarnation>"` of the profile: the incarnation is new each time the id is created, ' +
      "so a deleted profile's tag never matches its successor.",
  ),
  Location: header(
    "The new profile's path as the client reaches it: `/{stage}/users/{userId}` through a stage URL, " +
      '`/users/{userId}` on the local server.',
  ),
  'Content-Disposition': header(
    '`attachment; filename="userprofile-export-<UTC time>.json"`: a download, named without personal data.',
  ),
};

type DescribedKind = Exclude<ProblemKind, 'validation' | 'too-many-requests' | 'request-refused'>;

/** What each kind means on an operation (400 depends on what the route reads: see below). */
const PROBLEM_DOCS: Readonly<Record<DescribedKind, { description: string; headers?: Record<string, Schema> }>> = {
  unauthorized: { description: 'No, malformed, badly signed or expired token.' },
  forbidden: { description: "Someone else's profile, or an administrators-only action." },
  'email-not-verified-for-caller': {
    description:
      'A non-administrator giving an email other than the verified email of their token ' +
      '(its `email` claim with `email_verified` true); nothing is written.',
  },
  'lookup-moved': {
    description:
      'The old lookup form `GET /users?email=`: lookups moved to `POST /users/search` (body `{"email": …}`).',
  },
  'not-found': { description: 'No such profile.' },
  'method-not-allowed': {
    description: 'Known path, method not served there.',
    headers: { Allow: header('The methods served.') },
  },
  conflict: { description: 'A profile with this user id already exists.' },
  'precondition-failed': {
    description: 'If-Match names a revision that is no longer current (another version, or a deleted incarnation).',
  },
  'request-in-flight': {
    description: 'A request with this Idempotency-Key is still running; nothing was executed for this one.',
    headers: {
      'Retry-After': header('Seconds until the first request is done or its claim lapses.', { type: 'integer' }),
    },
  },
  'request-outcome-unknown': {
    description:
      'A retry with this Idempotency-Key after its first attempt ended unrecorded, on a profile changed since: whether ' +
      'the first attempt wrote cannot be told, so nothing is executed. Read the profile, then use a new key.',
  },
  'idempotency-key-reused': {
    description:
      'This Idempotency-Key was used, by this caller and within the replay window, for a different request ' +
      '(method, path, body or If-Match); nothing is executed.',
  },
  'payload-too-large': { description: `Body over ${MAX_BODY_BYTES} bytes.` },
  'unsupported-media-type': { description: 'Body not declared as JSON.' },
  'precondition-required': { description: 'If-Match is required by this deployment and was not given.' },
  'service-unavailable': {
    description: 'The store is unavailable or throttling.',
    headers: { 'Retry-After': header('Seconds to wait.', { type: 'integer' }) },
  },
  internal: { description: 'Unexpected failure (nothing internal is disclosed).' },
};

const validationDocOf = (route: RouteDefinition): string => {
  if (route.body)
    return `Malformed JSON, not an object, invalid or unknown fields${route.ifMatch ? ', empty update' : ''}.`;
  if (route.query) return 'Bad limit or cursor, or an unknown or repeated parameter.';
  return 'Malformed If-Match.';
};

type OperationProblemKind = DescribedKind | 'validation';

/** One status's response; kinds that share a status (400: validation, lookup-moved) share it. */
const problemResponse = (kinds: readonly OperationProblemKind[], route: RouteDefinition): Schema => {
  const docs = kinds.map((kind) =>
    kind === 'validation' ? { description: validationDocOf(route), headers: {} } : PROBLEM_DOCS[kind],
  );
  return {
    description: kinds.map((kind, i) => `${docs[i]!.description} Type \`${problemType(kind)}\`.`).join(' '),
    headers: { 'X-Request-Id': REQUEST_ID_HEADER, ...Object.assign({}, ...docs.map((doc) => doc.headers)) },
    content: { 'application/problem+json': { schema: ref('Problem') } },
  };
};

const IDEMPOTENCY_PROBLEMS = ['request-in-flight', 'request-outcome-unknown', 'idempotency-key-reused'] as const;

const problemResponses = (route: RouteDefinition): Record<string, Schema> => {
  const byStatus = new Map<string, OperationProblemKind[]>();
  const kinds = [...COMMON_PROBLEM_KINDS, ...route.problems, ...(route.idempotent ? IDEMPOTENCY_PROBLEMS : [])];
  for (const kind of kinds) {
    const status = String(PROBLEM_KINDS[kind].status);
    byStatus.set(status, [...(byStatus.get(status) ?? []), kind]);
  }
  return Object.fromEntries([...byStatus].map(([status, kinds]) => [status, problemResponse(kinds, route)]));
};

const IDEMPOTENT_REPLAYED = header(
  '`true` when this is the stored response of an earlier request with the same Idempotency-Key, replayed.',
);

const successResponse = ({ success, idempotent }: RouteDefinition): Schema => ({
  description: success.description,
  headers: {
    'X-Request-Id': REQUEST_ID_HEADER,
    ...Object.fromEntries(success.headers.map((name) => [name, SUCCESS_HEADERS[name]])),
    ...(idempotent && { 'Idempotent-Replayed': IDEMPOTENT_REPLAYED }),
  },
  ...(success.schema && { content: { 'application/json': { schema: ref(success.schema) } } }),
});

const IF_MATCH = {
  name: 'If-Match',
  in: 'header',
  required: false,
  description:
    'The `ETag` last read, quotes included (`"3.k2m9x4q7c1r8p0ab"`; its weak form `W/"…"` reads the same), ' +
    'or `*` for whatever profile exists. An entity-tag that is not the current revision (a stale one, one of a ' +
    'deleted incarnation, a quoted version alone such as `"3"`): 412, nothing changes. Not one entity-tag ' +
    '(`3` without quotes, `"3`, a list): 400. Required (428) when the deployment says so.',
  schema: { type: 'string' },
};

const IDEMPOTENCY_KEY = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'A key the client chooses per operation (1–255 visible ASCII characters, e.g. a UUID) and sends again on ' +
    'every retry of it. Within 24 hours, a repeat by the same caller with the same method, path, body and ' +
    'If-Match gets the first response replayed (with `Idempotent-Replayed: true`) and executes nothing; ' +
    '2xx and 4xx responses are replayed, 5xx are not (a retry executes).',
  schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7E]+$' },
};

const parametersOf = (route: RouteDefinition, schemas: Record<string, Schema>): Schema[] => {
  const query = route.query ? ((schemas[route.query]?.properties ?? {}) as Record<string, Schema>) : {};
  return [
    ...Object.entries(query).map(([name, schema]) => ({
      name,
      in: 'query',
      required: false,
      description: QUERY_DOCS[name],
      schema,
    })),
    ...(route.ifMatch ? [IF_MATCH] : []),
    ...(route.idempotent ? [IDEMPOTENCY_KEY] : []),
  ];
};

/**
 * Operations that share a function with another get an id of their own, since client
 * generators name a method after each `operationId`: PUT and PATCH both run UpdateUserProfile.
 */
const OPERATION_IDS: Partial<Record<`${RouteDefinition['method']} ${RouteDefinition['path']}`, string>> = {
  'PUT /users/{userId}': 'ReplaceUserProfile',
};

/** The `operationId` of a row: its function's name unless it shares that function. */
export const operationIdOf = (route: Pick<RouteDefinition, 'method' | 'path' | 'functionName'>): string =>
  OPERATION_IDS[`${route.method} ${route.path}`] ?? route.functionName;

/** The OpenAPI operation of one row of the route table. */
export function operationOf(route: RouteDefinition, schemas: Record<string, Schema>): Schema {
  const parameters = parametersOf(route, schemas);
  return {
    operationId: operationIdOf(route),
    tags: ['profiles'],
    security: [{ bearerAuth: [] }],
    summary: route.summary,
    ...(parameters.length > 0 && { parameters }),
    ...(route.body && {
      requestBody: { required: true, content: { 'application/json': { schema: ref(route.body) } } },
    }),
    responses: {
      [String(route.success.status)]: successResponse(route),
      ...problemResponses(route),
    },
  };
}

/** The `OPTIONS` operation of a path: answered by the gateway, no token needed. */
export const preflightOperation = (operationId: string): Schema => ({
  operationId,
  summary: 'CORS preflight',
  security: [],
  tags: ['cors'],
  responses: {
    '204': {
      description:
        'Allowed origins get Access-Control-Allow-Origin/-Methods/-Headers ' +
        `(${CORS_ALLOWED_HEADERS.join(', ')}) and -Max-Age.`,
    },
  },
});
