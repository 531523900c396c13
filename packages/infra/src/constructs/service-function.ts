import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

import { acknowledgeOnImplicitChild } from './implicit-child-findings';

/**
 * Every function's settings, decided once. The newest Node.js runtime aws-cdk-lib offers, on
 * Graviton (cheaper per ms, at least as fast for this I/O-bound work).
 */
export const SERVICE_FUNCTION_DEFAULTS = {
  runtime: lambda.Runtime.NODEJS_24_X,
  architecture: lambda.Architecture.ARM_64,
  /** Lambda's CPU share grows with memory and a cold start is CPU-bound: 512 MB buys a faster init for little cost. */
  memorySize: 512,
  /** Well under API Gateway's 29 s integration limit, above the SDK's own retries. */
  timeout: Duration.seconds(10),
  /** esbuild's name for the runtime's Node.js version. */
  esbuildTarget: 'node24',
} as const;

/**
 * ESM output lets esbuild tree-shake the AWS SDK and our DI/validation libraries, so each
 * function loads far less code at cold start than as CommonJS (bundle sizes: bench/RESULTS.md).
 * Everything is bundled, the AWS SDK v3 included, so the versions the lockfile pins are the
 * versions that run.
 */
export const SERVICE_FUNCTION_BUNDLING: nodejs.BundlingOptions = {
  format: nodejs.OutputFormat.ESM,
  mainFields: ['module', 'main'],
  target: SERVICE_FUNCTION_DEFAULTS.esbuildTarget,
  minify: true,
  // Source maps would need --enable-source-maps, which slows every cold start.
  sourceMap: false,
  bundleAwsSDK: true,
  externalModules: [],
  // CommonJS dependencies inside an ESM bundle call `require` for Node built-ins.
  banner: "import { createRequire as __cjsRequire } from 'node:module'; const require = __cjsRequire(import.meta.url);",
  // There is no Docker here: esbuild from the workspace's devDependencies bundles.
  forceDockerBundling: false,
  logLevel: nodejs.LogLevel.ERROR,
};

export interface ServiceFunctionProps {
  /** Physical function name; the log group is `/aws/lambda/{functionName}`. */
  readonly functionName: string;
  /** Absolute path of the TypeScript module that exports `handler`. */
  readonly entry: string;
  /** Environment variables the composition root reads. */
  readonly environment: Readonly<Record<string, string>>;
  /** How long the function's logs are kept. */
  readonly logRetention: logs.RetentionDays;
  /** What happens to the log group when the stack is deleted. @default RemovalPolicy.RETAIN */
  readonly logRemovalPolicy?: RemovalPolicy;
  /** @default 512 */
  readonly memorySize?: number;
  /** @default Duration.seconds(10) */
  readonly timeout?: Duration;
  /** The lockfile whose versions the bundle uses. @default the nearest pnpm-lock.yaml above `entry` */
  readonly depsLockFilePath?: string;
}

/**
 * One Lambda function with the service's defaults: runtime, arm64, bundling, active tracing,
 * its own log group with a retention, and its own role that may only write to that log group
 * and send traces. Callers grant it what its job needs on top (and nothing else).
 */
export class ServiceFunction extends Construct implements iam.IGrantable {
  readonly function: nodejs.NodejsFunction;
  /** The function's own role: grant on it, never on a shared one. */
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
  /** Grants to this construct go to the function's own role. */
  readonly grantPrincipal: iam.IPrincipal;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      logGroupName: `/aws/lambda/${props.functionName}`,
      retention: props.logRetention,
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.RETAIN,
    });
    // Our own role instead of the AWS-managed basic execution policy, which may write to
    // every log group in the account.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${props.functionName}`,
    });
    this.grantPrincipal = this.role;
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );

    this.function = new nodejs.NodejsFunction(this, 'Function', {
      functionName: props.functionName,
      entry: props.entry,
      handler: 'handler',
      runtime: SERVICE_FUNCTION_DEFAULTS.runtime,
      architecture: SERVICE_FUNCTION_DEFAULTS.architecture,
      memorySize: props.memorySize ?? SERVICE_FUNCTION_DEFAULTS.memorySize,
      timeout: props.timeout ?? SERVICE_FUNCTION_DEFAULTS.timeout,
      tracing: lambda.Tracing.ACTIVE,
      role: this.role,
      logGroup: this.logGroup,
      environment: { ...props.environment },
      depsLockFilePath: props.depsLockFilePath ?? findUp('pnpm-lock.yaml', path.dirname(props.entry)),
      bundling: SERVICE_FUNCTION_BUNDLING,
    });

    acknowledgeOnImplicitChild(this.role, 'DefaultPolicy', {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsx-ray.html).',
    });
  }
}

function findUp(fileName: string, from: string): string {
  let dir = path.resolve(from);
  for (;;) {
    const candidate = path.join(dir, fileName);
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no ${fileName} found above ${from}`);
    dir = parent;
  }
}
