import 'reflect-metadata/lite';

import { ROUTES } from '../routes';
import { QUERY_DTOS } from './dto-classes';
import { operationOf, preflightOperation } from './operations';
import { dtoSchemas, RESPONSE_SCHEMAS, type Schema } from './schemas';

export interface OpenApiOptions {
  /** The local server's URL, the document's second server. @default `http://127.0.0.1:3000` */
  readonly serverUrl?: string;
}

/** Where `pnpm start` listens unless `PORT` says otherwise. */
const LOCAL_SERVER_URL = 'http://127.0.0.1:3000';

/**
 * A deployed stage, as the stack output `APIEndpoint` gives it; the stage is the environment.
 * Clients are generated against this, so it comes first; the local server serves the same contract.
 */
const stageServer = {
  url: 'https://{restApiId}.execute-api.{region}.amazonaws.com/{stage}',
  description: 'A deployed stage: the stack output `APIEndpoint`.',
  variables: {
    restApiId: { default: 'restApiId', description: "The REST API's id, the first label of `APIEndpoint`." },
    region: { default: 'us-east-1', description: 'The AWS Region the stack is deployed in.' },
    stage: { default: 'dev', description: 'The stage, named after the environment (`-c env=...`).' },
  },
};

/** The published `operationId`s of the first paths' CORS preflights, kept as clients know them. */
const PREFLIGHT_OPERATION_IDS: Readonly<Record<string, string>> = {
  '/users': 'PreflightUsers',
  '/users/search': 'PreflightUserSearch',
  '/users/{userId}': 'PreflightUserProfile',
};

/** A path's preflight `operationId`: its published one, else `Preflight` + its segments (`/users/me/x` → `PreflightUsersMeX`). */
const preflightIdOf = (path: string): string =>
  PREFLIGHT_OPERATION_IDS[path] ??
  `Preflight${path.replace(/[{}]/g, '').replace(/(?:^|[/-])([a-z])/gi, (_match, letter: string) => letter.toUpperCase())}`;

/**
 * The OpenAPI 3.1 document of the deployed API: every route of the route table, with request
 * schemas from the DTOs. Routes only the local server has (`/health`, `/openapi.json`) are not
 * part of it. Served by the local server at `/openapi.json`; `pnpm openapi` writes it to a file.
 */
export function buildOpenApiDocument(options: OpenApiOptions = {}): Record<string, unknown> {
  const schemas = dtoSchemas();
  const paths: Record<string, Record<string, Schema>> = {};
  for (const route of ROUTES) {
    const path = (paths[route.path] ??= {});
    path[route.method.toLowerCase()] = operationOf(route, schemas);
  }
  for (const [path, item] of Object.entries(paths)) {
    item.options = preflightOperation(preflightIdOf(path));
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
  // Query DTOs become parameters, not schemas a client would reference.
  const requestSchemas = Object.fromEntries(Object.entries(schemas).filter(([name]) => !(name in QUERY_DTOS)));
  return {
    openapi: '3.1.0',
    info: {
      title: 'userprofile API',
      version: '1.0.0',
      description: 'User profiles for mobile apps and the admin console. Errors are RFC 9457 problem details.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [
      stageServer,
      { url: options.serverUrl ?? LOCAL_SERVER_URL, description: 'The local server (`pnpm start`).' },
    ],
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { ...requestSchemas, ...RESPONSE_SCHEMAS },
    },
  };
}
