import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { COMMITTED_OPENAPI_PATH, renderOpenApiDocument } from './committed-openapi';

/**
 * `pnpm openapi [path]`: writes the OpenAPI document, by default to the repository's
 * `docs/openapi.json` (the committed copy `pnpm test` checks for drift).
 */
const target = process.argv[2]
  ? resolve(process.env.INIT_CWD ?? process.cwd(), process.argv[2])
  : COMMITTED_OPENAPI_PATH;
writeFileSync(target, renderOpenApiDocument());
console.log(`wrote ${target}`);
