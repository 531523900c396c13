import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

import {
  COMMITTED_EXPORT_SCHEMA_PATH,
  COMMITTED_OPENAPI_PATH,
  renderExportSchema,
  renderOpenApiDocument,
} from './committed-openapi';

/**
 * `pnpm openapi [path]`: writes the OpenAPI document, by default to the repository's
 * `docs/openapi.json` (the committed copy `pnpm test` checks for drift), and then also the
 * export document's schema, `docs/export.schema.json` (checked the same way).
 */
const target = process.argv[2]
  ? resolve(process.env.INIT_CWD ?? process.cwd(), process.argv[2])
  : COMMITTED_OPENAPI_PATH;
writeFileSync(target, renderOpenApiDocument());
console.log(`wrote ${target}`);
if (!process.argv[2]) {
  writeFileSync(COMMITTED_EXPORT_SCHEMA_PATH, renderExportSchema());
  console.log(`wrote ${COMMITTED_EXPORT_SCHEMA_PATH}`);
}
