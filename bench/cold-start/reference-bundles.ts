/**
 * Bundles the reference handlers through the CDK itself so that "the same flags" is true by
 * construction: with the service's own `ServiceFunction` construct (exactly the bundling every
 * shipped function gets) the bare one and the two that do the functions' remote work, and the
 * bare one also as a plain `NodejsFunction` with CDK's defaults (CommonJS, not minified, the
 * AWS SDK left to the runtime), on the same runtime.
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
const SAME_WORK_ENTRY = path.join(__dirname, 'reference-handler-same-work.ts');
const SAME_WORK_WITH_SECRET_ENTRY = path.join(__dirname, 'reference-handler-same-work-with-secret.ts');
const SAME_WORK_ERASURE_ENTRY = path.join(__dirname, 'reference-handler-same-work-erasure.ts');
const TRIGGER_ENTRY = path.join(__dirname, 'reference-trigger.ts');

export interface ReferenceBundles {
  readonly sameFlags: LambdaAsset;
  readonly cdkDefaults: LambdaAsset;
  /**
   * Same flags, and the remote work of a shipped function: the settings, the pseudonym key and
   * the audit stream at init, the audit record per audited request, an export's trail search.
   */
  readonly sameWork: LambdaAsset;
  /** As `sameWork`, plus the cursor secret's read from Secrets Manager at init, as a paged route's function. */
  readonly sameWorkWithSecret: LambdaAsset;
  /** As `sameWork`, plus the user pool's and the bus's clients, as the erasure's function. */
  readonly sameWorkErasure: LambdaAsset;
  /** Same flags, the sign-up trigger's DynamoDB calls (reference-trigger.ts). */
  readonly trigger: LambdaAsset;
}

export const buildReferenceBundles = (outdir: string, context: Record<string, unknown> = {}): ReferenceBundles => {
  rmSync(outdir, { recursive: true, force: true });
  // Construct paths in the template, as the CDK CLI would ask for, so each asset can be named.
  const app = new cdk.App({
    outdir,
    context: { ...context, 'aws:cdk:enable-path-metadata': true, 'aws:cdk:enable-asset-metadata': true },
  });
  const stack = new cdk.Stack(app, 'BenchReference');
  for (const [id, entry] of [
    ['ReferenceSameFlags', REFERENCE_ENTRY],
    ['ReferenceSameWork', SAME_WORK_ENTRY],
    ['ReferenceSameWorkWithSecret', SAME_WORK_WITH_SECRET_ENTRY],
    ['ReferenceSameWorkErasure', SAME_WORK_ERASURE_ENTRY],
    ['ReferenceTrigger', TRIGGER_ENTRY],
  ] as const) {
    new ServiceFunction(stack, id, {
      functionName: `bench-${id}`,
      entry,
      environment: {},
      logRetention: logs.RetentionDays.ONE_DAY,
      depsLockFilePath: path.join(REPO_ROOT, 'pnpm-lock.yaml'),
    });
  }
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
    sameWork: find('ReferenceSameWork'),
    sameWorkWithSecret: find('ReferenceSameWorkWithSecret'),
    sameWorkErasure: find('ReferenceSameWorkErasure'),
    trigger: find('ReferenceTrigger'),
  };
};
