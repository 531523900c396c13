/**
 * The functions the CDK app ships, read from its synthesized cloud assembly (cdk.out): each
 * Lambda function of the template is tied to its route (by `functionName` in its construct
 * path) and to its asset folder (the `aws:asset:path` metadata CDK writes beside it), which
 * holds the exact bundle that would be uploaded.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Metafile } from 'esbuild';
import { ROUTES, type RouteDefinition } from '../../packages/http-lambda/src/routes';

export interface ShippedFunction {
  readonly route: RouteDefinition;
  readonly logicalId: string;
  readonly assetDir: string;
  /** index.mjs (ESM) or index.js (CommonJS), as CDK names them. */
  readonly bundleFile: string;
  /** Present when the CDK app asks esbuild for one (`bundling.metafile`). */
  readonly metafile?: Metafile;
  /** The handler export, from `Handler: index.<export>`. */
  readonly handlerExport: string;
  /** Literal environment variables; the ones CloudFormation resolves at deploy time are left out. */
  readonly environment: Readonly<Record<string, string>>;
  /** Names of the variables left out because their values exist only in AWS. */
  readonly deployTimeVariables: readonly string[];
  readonly runtime: string;
  readonly memorySize?: number;
}

interface Resource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly Metadata?: Record<string, unknown>;
}

const templatesIn = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name.startsWith('asset.')) return [];
    if (statSync(full).isDirectory()) return name.startsWith('assembly-') ? templatesIn(full) : [];
    return name.endsWith('.template.json') ? [full] : [];
  });

/** A Lambda function of a cloud assembly and the asset folder holding its bundle. */
export interface LambdaAsset extends Omit<ShippedFunction, 'route'> {
  /** The construct path, e.g. `UserProfile-dev/Api/GetUserProfile/Function/Resource`. */
  readonly cdkPath: string;
}

/**
 * The folder of a function's code asset: from the `aws:asset:path` metadata the CDK CLI writes,
 * or else from the asset hash in its S3 key (`<hash>.zip` is staged as `asset.<hash>`).
 */
const assetDirOf = (resource: Resource, templateDir: string): string | undefined => {
  const assetPath = resource.Metadata?.['aws:asset:path'];
  if (typeof assetPath === 'string') return path.resolve(templateDir, assetPath);
  const key = (resource.Properties?.Code as { S3Key?: unknown } | undefined)?.S3Key;
  const hash = typeof key === 'string' ? /^([0-9a-f]{64})\.zip$/.exec(key)?.[1] : undefined;
  const dir = hash && path.join(templateDir, `asset.${hash}`);
  return dir && existsSync(dir) ? dir : undefined;
};

/** Every Lambda function with a bundled asset in the assembly at `cdkOut`. */
export const readLambdaAssets = (cdkOut: string): LambdaAsset[] => {
  if (!existsSync(cdkOut)) throw new Error(`no cloud assembly at ${cdkOut}: run \`pnpm synth\` first`);
  const found: LambdaAsset[] = [];
  for (const templateFile of templatesIn(cdkOut)) {
    const template = JSON.parse(readFileSync(templateFile, 'utf8')) as { Resources?: Record<string, Resource> };
    for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
      if (resource.Type !== 'AWS::Lambda::Function') continue;
      const assetDir = assetDirOf(resource, path.dirname(templateFile));
      if (assetDir === undefined) continue;
      const bundleName = ['index.mjs', 'index.js', 'index.cjs'].find((name) => existsSync(path.join(assetDir, name)));
      if (!bundleName) continue;
      const metafilePath = path.join(assetDir, 'index.meta.json');
      const props = resource.Properties ?? {};
      const variables = (props.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
      const environment: Record<string, string> = {};
      const deployTimeVariables: string[] = [];
      for (const [name, value] of Object.entries(variables)) {
        if (typeof value === 'string') environment[name] = value;
        else deployTimeVariables.push(name);
      }
      found.push({
        cdkPath: String(resource.Metadata?.['aws:cdk:path'] ?? logicalId),
        logicalId,
        assetDir,
        bundleFile: path.join(assetDir, bundleName),
        ...(existsSync(metafilePath) && { metafile: JSON.parse(readFileSync(metafilePath, 'utf8')) as Metafile }),
        handlerExport: String(props.Handler ?? 'index.handler')
          .split('.')
          .pop()!,
        environment,
        deployTimeVariables,
        runtime: String(props.Runtime ?? 'unknown'),
        ...(typeof props.MemorySize === 'number' && { memorySize: props.MemorySize }),
      });
    }
  }
  return found;
};

/**
 * Every shipped function of the assembly, once each (with the first of its rows: PUT serves for
 * PUT and PATCH, which share one function and bundle), in route-table order.
 */
export const readShippedFunctions = (cdkOut: string): ShippedFunction[] => {
  const assets = readLambdaAssets(cdkOut);
  const firstRows = ROUTES.filter((route, i) => ROUTES.findIndex((r) => r.functionName === route.functionName) === i);
  return firstRows.map((route) => {
    const asset = assets.find(
      (a) => a.cdkPath.split('/').includes(route.functionName) || a.logicalId.includes(route.functionName),
    );
    if (!asset) throw new Error(`the cloud assembly at ${cdkOut} has no bundled function for ${route.functionName}`);
    return { ...asset, route };
  });
};

/** The sign-up trigger's function of the assembly (its construct path names the trigger's `functionName`). */
export const readShippedTrigger = (cdkOut: string, functionName: string): LambdaAsset => {
  const asset = readLambdaAssets(cdkOut).find((a) => a.cdkPath.split('/').includes(functionName));
  if (!asset)
    throw new Error(`the cloud assembly at ${cdkOut} has no bundled function for the ${functionName} trigger`);
  return asset;
};
