import { readFileSync } from 'node:fs';

import { COMMITTED_OPENAPI_PATH, renderOpenApiDocument } from '../../../src/openapi/committed-openapi';

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
