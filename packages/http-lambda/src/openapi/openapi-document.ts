import 'reflect-metadata';

import { validationMetadatasToSchemas } from 'class-validator-jsonschema';

import { CreateUserProfileBody } from '../dto/create-user-profile.body';
import { ListUserProfilesQuery } from '../dto/list-user-profiles.query';
import { UpdateUserProfileBody } from '../dto/update-user-profile.body';
import { CORS_ALLOWED_HEADERS } from '../http/cors';
import { MAX_BODY_BYTES } from '../http/request-body';
import { PROBLEM_KINDS, problemType, type ProblemKind } from '../http/problem';
import { ROUTES, type RouteDefinition } from '../routes';

/* The document is generated: paths from the route table, request shapes from the DTOs'
   class-validator metadata. What neither can say (descriptions, formats, the response
   shapes) is stated here, once. */

type Schema = Record<string, unknown>;

export interface OpenApiOptions {
  /** @default `/` (relative to wherever the document is served) */
  readonly serverUrl?: string;
}

const REF = '#/components/schemas/';
const ref = (name: string): Schema => ({ $ref: `${REF}${name}` });

/** What the DTOs' decorators cannot say about a field. */
const FIELD_DOCS: Readonly<Record<string, Schema>> = {
  userId: {
    description:
      "The owner's id (the token's `sub`). In a create body: administrators only, to create someone else's profile.",
    pattern: '^[A-Za-z0-9][A-Za-z0-9._:@+=-]{0,127}$',
  },
  email: {
    description: 'A valid address of at most 254 characters; stored trimmed and lower-cased.',
    format: 'email',
    maxLength: 254,
    examples: ['ada@example.com'],
  },
  firstName: { description: '1 to 100 characters after trimming, no control characters.', examples: ['Ada'] },
  lastName: { description: '1 to 100 characters after trimming, no control characters.', examples: ['Lovelace'] },
  phoneNumber: {
    description:
      'E.164: `+` then 8 to 15 digits, the first not 0. `null` or absent: none (in an update, `null` clears it).',
    pattern: '^\\+[1-9][0-9]{7,14}$',
    examples: ['+447700900123'],
    type: ['string', 'null'],
  },
};

const QUERY_DOCS: Readonly<Record<string, string>> = {
  limit: 'Page size, 1 to 100 (configurable); default 20.',
  cursor: '`nextCursor` of the previous page, as given.',
  email: 'Exact, case-insensitive lookup: every profile with this email, in one page. Not with `cursor`.',
};

/** The DTO schemas, each field completed with its docs; bodies refuse unknown fields. */
function dtoSchemas(): Record<string, Schema> {
  // Referencing the classes keeps their decorators (and so their metadata) loaded.
  const dtos = [CreateUserProfileBody, UpdateUserProfileBody, ListUserProfilesQuery];
  const all = validationMetadatasToSchemas({ refPointerPrefix: REF }) as Record<string, Schema>;
  return Object.fromEntries(
    dtos.map((dto) => {
      const schema = all[dto.name] ?? { type: 'object', properties: {} };
      const properties = Object.fromEntries(
        Object.entries((schema.properties ?? {}) as Record<string, Schema>).map(([name, property]) => {
          const { not: _notNull, ...rest } = property;
          return [name, { ...rest, ...(dto !== ListUserProfilesQuery && FIELD_DOCS[name]) }];
        }),
      );
      return [dto.name, { ...schema, properties, additionalProperties: false }];
    }),
  );
}

const PROFILE_SCHEMA: Schema = {
  type: 'object',
  required: ['userId', 'email', 'firstName', 'lastName', 'phoneNumber', 'createdAt', 'updatedAt', 'version'],
  properties: {
    userId: { type: 'string', ...FIELD_DOCS.userId },
    email: { type: 'string', ...FIELD_DOCS.email },
    firstName: { type: 'string', ...FIELD_DOCS.firstName },
    lastName: { type: 'string', ...FIELD_DOCS.lastName },
    phoneNumber: FIELD_DOCS.phoneNumber,
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    version: {
      type: 'integer',
      minimum: 1,
      description: 'Starts at 1, grows by 1 on every change; the ETag is `"<version>.<incarnation>"`.',
    },
  },
};

const PROBLEM_SCHEMA: Schema = {
  type: 'object',
  description: 'RFC 9457 problem details.',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', enum: Object.keys(PROBLEM_KINDS).map((kind) => problemType(kind as ProblemKind)) },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: { field: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
};

const header = (description: string, schema: Schema = { type: 'string' }): Schema => ({ description, schema });
const REQUEST_ID_HEADER = header('Ties the response to its log lines.');
const ETAG_HEADER = header(
  '`"<version>.<incarnation>"` of the profile: the incarnation is new each time the id is created, so a deleted profile\'s tag never matches its successor.',
);

const problem = (kind: ProblemKind, description: string, headers: Record<string, Schema> = {}): Schema => ({
  description: `${description} Type \`${problemType(kind)}\`.`,
  headers: { 'X-Request-Id': REQUEST_ID_HEADER, ...headers },
  content: { 'application/problem+json': { schema: ref('Problem') } },
});

const ok = (description: string, schema: Schema | undefined, headers: Record<string, Schema> = {}): Schema => ({
  description,
  headers: { 'X-Request-Id': REQUEST_ID_HEADER, ...headers },
  ...(schema && { content: { 'application/json': { schema } } }),
});

const COMMON_PROBLEMS: Record<string, Schema> = {
  '401': problem('unauthorized', 'No, malformed, badly signed or expired token.'),
  '403': problem('forbidden', "Someone else's profile, or an administrators-only action."),
  '405': problem('method-not-allowed', 'Known path, method not served there.', {
    Allow: header('The methods served.'),
  }),
  '500': problem('internal', 'Unexpected failure (nothing internal is disclosed).'),
  '503': problem('service-unavailable', 'The store is unavailable or throttling.', {
    'Retry-After': header('Seconds to wait.', { type: 'integer' }),
  }),
};

/** The 403 of a route whose body may carry an email: two kinds of refusal share the status. */
const EMAIL_WRITE_PROBLEMS: Record<string, Schema> = {
  '403': {
    ...problem('forbidden', "Someone else's profile, or an administrators-only action."),
    description: `Someone else's profile, or an administrators-only action: type \`${problemType('forbidden')}\`. Or a non-administrator giving an email other than the verified email of their token (its \`email\` claim with \`email_verified\` true): type \`${problemType('email-not-verified-for-caller')}\`, nothing is written.`,
  },
};

const BODY_PROBLEMS: Record<string, Schema> = {
  '400': problem('validation', 'Malformed JSON, not an object, invalid or unknown fields, empty update.'),
  '413': problem('payload-too-large', `Body over ${MAX_BODY_BYTES} bytes.`),
  '415': problem('unsupported-media-type', 'Body not declared as JSON.'),
};

const IF_MATCH = {
  name: 'If-Match',
  in: 'header',
  required: false,
  description:
    'The ETag last read (`"3.k2m9x4q7c1r8p0ab"`; its weak form is read the same), or `*`. A stale one, a bare version or one of a deleted incarnation: 412, nothing changes. Required (428) when the deployment says so.',
  schema: { type: 'string' },
};

const PRECONDITION_PROBLEMS: Record<string, Schema> = {
  '412': problem(
    'precondition-failed',
    'If-Match names a revision that is no longer current (another version, or a deleted incarnation).',
  ),
  '428': problem('precondition-required', 'If-Match is required by this deployment and was not given.'),
};

function operationOf(route: RouteDefinition, schemas: Record<string, Schema>): Schema {
  const base = { operationId: route.functionName, tags: ['profiles'], security: [{ bearerAuth: [] }] };
  const notFound = { '404': problem('not-found', 'No such profile.') };
  switch (`${route.method} ${route.path}`) {
    case 'POST /users':
      return {
        ...base,
        summary: "Create the caller's profile (or, for an admin, anyone's)",
        requestBody: { required: true, content: { 'application/json': { schema: ref(CreateUserProfileBody.name) } } },
        responses: {
          '201': ok('Created.', ref('UserProfile'), {
            ETag: ETAG_HEADER,
            Location: header('`/users/{userId}` of the new profile.'),
          }),
          ...BODY_PROBLEMS,
          ...COMMON_PROBLEMS,
          ...EMAIL_WRITE_PROBLEMS,
          '409': problem('conflict', 'A profile with this user id already exists.'),
        },
      };
    case 'GET /users': {
      const query = (schemas[ListUserProfilesQuery.name]?.properties ?? {}) as Record<string, Schema>;
      return {
        ...base,
        summary: 'List profiles, or look one up by email (administrators)',
        parameters: Object.entries(query).map(([name, schema]) => ({
          name,
          in: 'query',
          required: false,
          description: QUERY_DOCS[name],
          schema,
        })),
        responses: {
          '200': ok('A page of profiles.', ref('ProfilePage')),
          '400': problem('validation', 'Bad limit, cursor or email, or an unknown or repeated parameter.'),
          ...COMMON_PROBLEMS,
        },
      };
    }
    case 'GET /users/{userId}':
      return {
        ...base,
        summary: 'Read a profile (owner or admin)',
        responses: {
          '200': ok('The profile.', ref('UserProfile'), { ETag: ETAG_HEADER }),
          ...notFound,
          ...COMMON_PROBLEMS,
        },
      };
    case 'DELETE /users/{userId}':
      return {
        ...base,
        summary: 'Delete a profile (owner or admin)',
        parameters: [IF_MATCH],
        responses: {
          '204': ok('Deleted.', undefined),
          '400': problem('validation', 'Malformed If-Match.'),
          ...notFound,
          ...PRECONDITION_PROBLEMS,
          ...COMMON_PROBLEMS,
        },
      };
    default:
      return {
        ...base,
        summary: 'Partially update a profile (owner or admin); PUT and PATCH behave the same',
        parameters: [IF_MATCH],
        requestBody: { required: true, content: { 'application/json': { schema: ref(UpdateUserProfileBody.name) } } },
        responses: {
          '200': ok('The updated profile.', ref('UserProfile'), { ETag: ETAG_HEADER }),
          ...BODY_PROBLEMS,
          ...notFound,
          ...PRECONDITION_PROBLEMS,
          ...COMMON_PROBLEMS,
          ...EMAIL_WRITE_PROBLEMS,
        },
      };
  }
}

const preflight = (operationId: string): Schema => ({
  operationId,
  summary: 'CORS preflight',
  security: [],
  tags: ['cors'],
  responses: {
    '204': {
      description: `Allowed origins get Access-Control-Allow-Origin/-Methods/-Headers (${CORS_ALLOWED_HEADERS.join(', ')}) and -Max-Age.`,
    },
  },
});

/**
 * The OpenAPI 3.1 document of the whole API: every route of the route table, with request
 * schemas from the DTOs. Served by the local server at `/openapi.json`; `pnpm openapi`
 * writes it to a file.
 */
export function buildOpenApiDocument(options: OpenApiOptions = {}): Record<string, unknown> {
  const schemas = dtoSchemas();
  const paths: Record<string, Record<string, Schema>> = {};
  for (const route of ROUTES) {
    const path = (paths[route.path] ??= {});
    path[route.method.toLowerCase()] = operationOf(route, schemas);
  }
  for (const [path, item] of Object.entries(paths)) {
    item.options = preflight(path === '/users' ? 'PreflightUsers' : 'PreflightUserProfile');
    if (path.includes('{userId}')) {
      item.parameters = [
        {
          name: 'userId',
          in: 'path',
          required: true,
          description: "The profile owner's id, or `me` for the caller.",
          schema: { type: 'string' },
        },
      ] as unknown as Schema;
    }
  }
  paths['/health'] = {
    get: {
      operationId: 'Health',
      summary: 'Liveness of the local server and its store (local server only)',
      security: [],
      tags: ['ops'],
      responses: { '200': { description: 'Alive.' } },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'userprofile API',
      version: '1.0.0',
      description: 'User profiles for mobile apps and the admin console. Errors are RFC 9457 problem details.',
    },
    servers: [{ url: options.serverUrl ?? '/' }],
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        ...schemas,
        UserProfile: PROFILE_SCHEMA,
        ProfilePage: {
          type: 'object',
          required: ['items', 'nextCursor'],
          properties: {
            items: { type: 'array', items: ref('UserProfile') },
            nextCursor: {
              type: ['string', 'null'],
              description: 'Pass as `cursor` for the next page; null on the last.',
            },
          },
        },
        Problem: PROBLEM_SCHEMA,
      },
    },
  };
}
