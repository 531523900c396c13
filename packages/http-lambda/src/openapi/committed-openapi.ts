import { resolve } from 'node:path';

import { buildOpenApiDocument } from './openapi-document';

/** Where the repository keeps the OpenAPI document it publishes: `docs/openapi.json`. */
export const COMMITTED_OPENAPI_PATH = resolve(__dirname, '../../../../docs/openapi.json');

/** The document as it is committed: two-space JSON with a final newline. */
export const renderOpenApiDocument = (): string => `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`;
