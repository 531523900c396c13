import 'reflect-metadata/lite';

import { ROUTES, type RouteRow } from '../routes';
import { operationOf, preflightOperation } from './operations';
import { dtoSchemas, RESPONSE_SCHEMAS, type Schema } from './schemas';

export interface OpenApiOptions {
  /** @default `/` (relative to wherever the document is served) */
  readonly serverUrl?: string;
}

/** The `operationId` of each path's CORS preflight (a new path does not compile without one). */
const PREFLIGHT_OPERATION_IDS: Readonly<Record<RouteRow['path'], string>> = {
  '/users': 'PreflightUsers',
  '/users/search': 'PreflightUserSearch',
  '/users/{userId}': 'PreflightUserProfile',
};

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
    item.options = preflightOperation(PREFLIGHT_OPERATION_IDS[path as RouteRow['path']]);
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
      schemas: { ...schemas, ...RESPONSE_SCHEMAS },
    },
  };
}
