import { join } from 'node:path';

import { build } from 'esbuild';

import { ROUTES, type RouteDefinition } from '../../../src/routes';

const SRC = join(__dirname, '../../../src');
const functions = [...new Set(ROUTES.map((route) => route.functionName))].map((name) => {
  const rows = ROUTES.filter((route) => route.functionName === name);
  return { name, rows, entry: rows[0]!.entry };
});

/** The workspace's own modules in a function's bundle (`http-lambda/src/...`, `domain/src/...`), as esbuild's metafile lists them. */
async function ownModulesOf(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [join(SRC, entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    mainFields: ['module', 'main'],
    minify: true,
    write: false,
    metafile: true,
    outfile: 'out.mjs',
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.outputs['out.mjs']!.inputs)
    .filter((input) => /packages\/[a-z-]+\/src\//.test(input))
    .map((input) => input.slice(input.indexOf('packages/') + 'packages/'.length));
}

const pages = (rows: readonly RouteDefinition[]) => rows.some((row) => row.success.schema === 'ProfilePage');

describe('Lambda function bundles', () => {
  it.each(functions)("$name holds no other route's handler, and no local server or OpenAPI code", async ({ entry }) => {
    // Act
    const modules = await ownModulesOf(entry);

    // Assess
    const handlers = modules.filter((module) => /^http-lambda\/src\/routes\/.*\/handler\.ts$/.test(module));
    expect(handlers).toEqual([`http-lambda/src/${entry.replace('/lambda.ts', '/handler.ts')}`]);
    expect(modules.filter((module) => /^http-lambda\/src\/(local|openapi)\//.test(module))).toEqual([]);
  });

  it.each(functions)(
    '$name holds one use case, and the idempotency store and cursor secret only if its rows need them',
    async ({ entry, rows }) => {
      // Act
      const modules = await ownModulesOf(entry);

      // Assess
      expect(
        modules.filter(
          (module) =>
            module.startsWith('domain/src/application/') &&
            /\/[a-z-]+\/[a-z-]+\.ts$/.test(module.slice('domain/src/application'.length)),
        ),
      ).toHaveLength(1);
      expect(modules.includes('adapters-aws/src/dynamodb/dynamodb-idempotency-store.ts')).toBe(
        rows.some((row) => row.idempotent),
      );
      expect(modules.includes('adapters-aws/src/secrets-manager/secrets-manager-cursor-keys.ts')).toBe(pages(rows));
    },
  );
});
