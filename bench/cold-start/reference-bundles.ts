/**
 * Bundles the reference handler twice, through the CDK itself so that "the same flags" is
 * true by construction: once with the service's own `ServiceFunction` construct (exactly the
 * bundling every shipped function gets), once as a bare `NodejsFunction` with CDK's defaults
 * (CommonJS, not minified, the AWS SDK left to the runtime), on the same runtime.
 */
import path from 'node:path';
import { rmSync } from 'node:fs';
// The same aws-cdk-lib as the infra package's (one version in the lockfile, one module
// instance), so ServiceFunction and these constructs share one construct tree.
import * as cdk from 'aws-cdk-lib';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { ServiceFunction, SERVICE_FUNCTION_DEFAULTS } from '../../packages/infra/src/constructs/service-function';
import { readLambdaAssets, type LambdaAsset } from './cdk-out';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export const REFERENCE_ENTRY = path.join(__dirname, 'reference-handler.ts');
export const REFERENCE_WITH_SETTINGS_ENTRY = path.join(__dirname, 'reference-handler-with-settings.ts');
export const REFERENCE_WITH_SETTINGS_AND_SECRET_ENTRY = path.join(
  __dirname,
  'reference-handler-with-settings-and-secret.ts',
);

export interface ReferenceBundles {
  readonly sameFlags: LambdaAsset;
  readonly cdkDefaults: LambdaAsset;
  /** Same flags, plus the settings read from SSM at first invoke, as the shipped functions do. */
  readonly withSettings: LambdaAsset;
  /** As `withSettings`, plus the cursor secret read from Secrets Manager at first invoke. */
  readonly withSettingsAndSecret: LambdaAsset;
}

export const buildReferenceBundles = (outdir: string, context: Record<string, unknown> = {}): ReferenceBundles => {
  rmSync(outdir, { recursive: true, force: true });
  // Construct paths in the template, as the CDK CLI would ask for, so each asset can be named.
  const app = new cdk.App({
    outdir,
    context: { ...context, 'aws:cdk:enable-path-metadata': true, 'aws:cdk:enable-asset-metadata': true },
  });
  const stack = new cdk.Stack(app, 'BenchReference');
  new ServiceFunction(stack, 'ReferenceSameFlags', {
    functionName: 'bench-reference-same-flags',
    entry: REFERENCE_ENTRY,
    environment: {},
    logRetention: logs.RetentionDays.ONE_DAY,
    depsLockFilePath: path.join(REPO_ROOT, 'pnpm-lock.yaml'),
  });
  new ServiceFunction(stack, 'ReferenceWithSettings', {
    functionName: 'bench-reference-with-settings',
    entry: REFERENCE_WITH_SETTINGS_ENTRY,
    environment: {},
    logRetention: logs.RetentionDays.ONE_DAY,
    depsLockFilePath: path.join(REPO_ROOT, 'pnpm-lock.yaml'),
  });
  new ServiceFunction(stack, 'ReferenceWithSettingsAndSecret', {
    functionName: 'bench-reference-with-settings-and-secret',
    entry: REFERENCE_WITH_SETTINGS_AND_SECRET_ENTRY,
    environment: {},
    logRetention: logs.RetentionDays.ONE_DAY,
    depsLockFilePath: path.join(REPO_ROOT, 'pnpm-lock.yaml'),
  });
  new nodejs.NodejsFunction(stack, 'ReferenceCdkDefaults', {
    entry: REFERENCE_ENTRY,
    handler: 'handler',
    runtime: SERVICE_FUNCTION_DEFAULTS.runtime,
    architecture: SERVICE_FUNCTION_DEFAULTS.architecture,
    depsLockFilePath: path.join(REPO_ROOT, 'pnpm-lock.yaml'),
  });
  app.synth();
  const assets = readLambdaAssets(outdir);
  const find = (id: string): LambdaAsset => {
    const asset = assets.find((a) => a.cdkPath.split('/').includes(id));
    if (!asset) throw new Error(`the reference assembly has no bundle for ${id}`);
    return asset;
  };
  return {
    sameFlags: find('ReferenceSameFlags'),
    cdkDefaults: find('ReferenceCdkDefaults'),
    withSettings: find('ReferenceWithSettings'),
    withSettingsAndSecret: find('ReferenceWithSettingsAndSecret'),
  };
};
