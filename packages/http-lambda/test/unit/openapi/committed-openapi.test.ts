import { readFileSync } from 'node:fs';

import {
  COMMITTED_EXPORT_SCHEMA_PATH,
  COMMITTED_OPENAPI_PATH,
  renderExportSchema,
  renderOpenApiDocument,
} from '../../../src/openapi/committed-openapi';

describe('docs/openapi.json (the committed OpenAPI document)', () => {
  it('is what the route table and DTOs generate today', () => {
    // Prepare
    const committed = readFileSync(COMMITTED_OPENAPI_PATH, 'utf8');

    // Act
    const generated = renderOpenApiDocument();

    // Assess: a readable failure first, then the exact text.
    if (committed !== generated) {
      throw new Error('docs/openapi.json is out of date: run `pnpm openapi` and commit the result');
    }
    expect(committed).toBe(generated);
  });
});

describe('docs/export.schema.json (the committed schema of the export document)', () => {
  it('is what the OpenAPI component UserDataExport generates today', () => {
    // Prepare
    const committed = readFileSync(COMMITTED_EXPORT_SCHEMA_PATH, 'utf8');

    // Act
    const generated = renderExportSchema();

    // Assess
    if (committed !== generated) {
      throw new Error('docs/export.schema.json is out of date: run `pnpm openapi` and commit the result');
    }
    expect(committed).toBe(generated);
  });
});
