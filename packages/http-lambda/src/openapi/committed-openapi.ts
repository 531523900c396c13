import { resolve } from 'node:path';

import { buildOpenApiDocument } from './openapi-document';
import { exportJsonSchema } from './schemas';

/** Where the repository keeps the OpenAPI document it publishes: `docs/openapi.json`. */
export const COMMITTED_OPENAPI_PATH = resolve(__dirname, '../../../../docs/openapi.json');

/** The document as it is committed: two-space JSON with a final newline. */
export const renderOpenApiDocument = (): string => `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`;

/** Where the repository keeps the export document's JSON Schema: `docs/export.schema.json`. */
export const COMMITTED_EXPORT_SCHEMA_PATH = resolve(__dirname, '../../../../docs/export.schema.json');

/** The export schema as it is committed, formatted as the OpenAPI document is. */
export const renderExportSchema = (): string => `${JSON.stringify(exportJsonSchema(), null, 2)}\n`;
