import { join } from 'node:path';

import { build } from 'esbuild';

import { ROUTES } from '../../../src/routes';

const SRC = join(__dirname, '../../../src');
const entries = [...new Set(ROUTES.map((route) => route.entry))];

/** The package's own modules in a function's bundle, as esbuild's metafile lists them. */
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
  return Object.keys(result.metafile.inputs)
    .filter((input) => input.includes('http-lambda/src/'))
    .map((input) => input.slice(input.indexOf('http-lambda/src/') + 'http-lambda/src/'.length));
}

describe('Lambda function bundles', () => {
  it.each(entries)("%s holds no other route's handler, and no local server or OpenAPI code", async (entry) => {
    // Act
    const modules = await ownModulesOf(entry);

    // Assess
    const handlers = modules.filter((module) => module.startsWith('routes/') && module.endsWith('/handler.ts'));
    expect(handlers).toEqual([entry.replace('/lambda.ts', '/handler.ts')]);
    expect(modules.filter((module) => /^(local|openapi)\//.test(module))).toEqual([]);
  });
});
