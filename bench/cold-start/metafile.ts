/**
 * esbuild metafiles for bundles the CDK built without one: the entry is bundled again with
 * the same options CDK passes to esbuild (from `SERVICE_FUNCTION_BUNDLING`, as aws-cdk-lib's
 * `buildEsbuildArgs` maps them), in memory, and the result must be byte-identical to the
 * synthesized bundle, so the metafile provably describes the bundle that ships.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { SERVICE_FUNCTION_BUNDLING } from '../../packages/infra/src/constructs/service-function';
import { REPO_ROOT } from './reference-bundles';

/** aws-cdk-lib's CLI arguments for `SERVICE_FUNCTION_BUNDLING`, as esbuild API options. */
export const serviceFunctionEsbuildOptions = (): BuildOptions => {
  const b = SERVICE_FUNCTION_BUNDLING;
  return {
    bundle: true,
    platform: 'node',
    target: b.target!,
    ...(b.format && { format: b.format as BuildOptions['format'] }),
    minify: b.minify ?? false,
    sourcemap: b.sourceMap ?? false,
    external: [...(b.externalModules ?? [])],
    ...(b.mainFields && { mainFields: [...b.mainFields] }),
    ...(b.banner && { banner: { js: b.banner } }),
    ...(b.footer && { footer: { js: b.footer } }),
    ...(b.define && { define: { ...b.define } }),
    ...(b.keepNames && { keepNames: true }),
    ...(b.loader && { loader: { ...b.loader } as BuildOptions['loader'] }),
    ...(b.tsconfig && { tsconfig: b.tsconfig }),
  };
};

/**
 * Bundles `entry` into `outfile` as the CDK bundles a function, with `changes` on top (say an
 * unminified build to profile).
 */
export const bundleLikeTheFunctions = async (
  entry: string,
  outfile: string,
  changes: BuildOptions = {},
): Promise<string> => {
  await build({
    ...serviceFunctionEsbuildOptions(),
    ...changes,
    entryPoints: [entry],
    outfile,
    absWorkingDir: REPO_ROOT,
    logLevel: 'error',
  });
  return outfile;
};

export interface Reproduction {
  readonly metafile: Metafile;
  /** Whether the rebuilt bundle equals the synthesized one byte for byte. */
  readonly identical: boolean;
  readonly rebuiltBytes: number;
}

export const reproduceWithMetafile = async (entry: string, synthesizedBundle: string): Promise<Reproduction> => {
  const outfile = path.join(path.dirname(synthesizedBundle), path.basename(synthesizedBundle));
  const result = await build({
    ...serviceFunctionEsbuildOptions(),
    entryPoints: [entry],
    outfile,
    absWorkingDir: REPO_ROOT,
    write: false,
    metafile: true,
    logLevel: 'error',
  });
  const rebuilt = result.outputFiles.find((f) => f.path === outfile);
  if (!rebuilt) throw new Error(`esbuild produced no ${outfile}`);
  const shipped = readFileSync(synthesizedBundle);
  return {
    metafile: result.metafile,
    identical: Buffer.compare(Buffer.from(rebuilt.contents), shipped) === 0,
    rebuiltBytes: rebuilt.contents.byteLength,
  };
};
