/**
 * Bench 5: cost per million requests, from figures measured in the same run: each route's
 * warm handler time (billed as whole milliseconds at the function's configured memory), its
 * DynamoDB request units (warm suite), the list's read units at 1,000 and 50,000 profiles
 * (growth suite), and one API Gateway REST request. Beside it, the original stack's design:
 * its memory and architecture from its template, and a list that Scans the whole table.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SERVICE_FUNCTION_DEFAULTS } from '../../packages/infra/src/constructs/service-function';
import { REPO_ROOT } from '../cold-start/reference-bundles';
import type { Report } from '../lib/report';
import type { Summary } from '../lib/stats';
import { PRICES } from './prices';

const SUITE = 'cost';
const ORIGINAL_TEMPLATE = path.join(REPO_ROOT, '..', 'shared', 'reference', 'original-stack.yaml');
/** Lambda's defaults, which a function without MemorySize / Architectures gets. */
const LAMBDA_DEFAULT_MEMORY_MB = 128;

interface StoreCostRow {
  readonly label: string;
  readonly rcu: number;
  readonly wcu: number;
}

interface Deployment {
  readonly memoryMb: number;
  readonly arm64: boolean;
}

/** The original template's function memory and architecture (Lambda's defaults where it sets none). */
const originalDeployment = (): Deployment & { source: string } => {
  if (!existsSync(ORIGINAL_TEMPLATE)) {
    return { memoryMb: LAMBDA_DEFAULT_MEMORY_MB, arm64: false, source: 'Lambda defaults (template not found)' };
  }
  const template = readFileSync(ORIGINAL_TEMPLATE, 'utf8');
  const memory = [...template.matchAll(/MemorySize:\s*(\d+)/g)].map((m) => Number(m[1]));
  return {
    memoryMb: memory.length > 0 ? Math.max(...memory) : LAMBDA_DEFAULT_MEMORY_MB,
    arm64: /arm64/.test(template),
    source: memory.length > 0 ? 'its template' : 'its template sets no MemorySize: Lambda default 128 MB, x86_64',
  };
};

/** Dollars per million requests of one route. */
const perMillion = (deployment: Deployment, billedMs: number, rcu: number, wcu: number) => {
  const gbSecondPrice = deployment.arm64 ? PRICES.lambdaArm64PerGbSecond : PRICES.lambdaX86PerGbSecond;
  const lambda =
    PRICES.lambdaPerMillionRequests + (deployment.memoryMb / 1024) * (billedMs / 1000) * 1e6 * gbSecondPrice;
  const dynamo = rcu * PRICES.dynamoDbPerMillionReadUnits + wcu * PRICES.dynamoDbPerMillionWriteUnits;
  return {
    lambda,
    dynamo,
    gateway: PRICES.apiGatewayRestPerMillionRequests,
    total: lambda + dynamo + PRICES.apiGatewayRestPerMillionRequests,
  };
};

const WARM_KEYS: Record<string, string> = {
  'GET /users/me': 'get',
  'POST /users': 'create',
  'PATCH /users/me': 'update',
  'DELETE /users/me': 'delete',
  'GET /users (list page)': 'list',
};

export const runCost = (report: Report): void => {
  const warm = report.details.warm as { ms: Record<string, { handler: Summary }> } | undefined;
  const store = report.details.warmStoreCost as StoreCostRow[] | undefined;
  const growth = report.details.growthListRcu as
    { sizes: number[]; listPage20: Record<number, number>; originalFullScan: Record<number, number> } | undefined;
  if (!warm || !store || !growth) throw new Error('the cost suite needs the warm and growth suites of the same run');

  const ours: Deployment = {
    memoryMb: SERVICE_FUNCTION_DEFAULTS.memorySize,
    arm64: SERVICE_FUNCTION_DEFAULTS.architecture.name === 'arm64',
  };
  const original = originalDeployment();
  const rows: string[] = [];
  for (const row of store) {
    const key = WARM_KEYS[row.label];
    if (!key) continue;
    const billedMs = Math.ceil(warm.ms[key]!.handler.median);
    const isList = key === 'list';
    for (const size of growth.sizes) {
      if (!isList && size !== growth.sizes[0]) continue;
      const label = isList
        ? `${row.label.replace(' (list page)', '')} at ${size.toLocaleString('en')} profiles`
        : row.label;
      // The list page the warm suite reads holds 10 items; the cost compares the default page of 20.
      const ourRcu = isList ? growth.listPage20[size]! : row.rcu;
      const originalRcu = isList ? growth.originalFullScan[size]! : row.rcu;
      const a = perMillion(ours, billedMs, ourRcu, row.wcu);
      const b = perMillion(original, billedMs, originalRcu, row.wcu);
      report.add(SUITE, {
        name: `${label}: $ per 1M requests`,
        value: Number(a.total.toFixed(2)),
        baselineName: `original design${isList ? ' (full Scan)' : ''}`,
        baseline: Number(b.total.toFixed(2)),
        unit: '$',
      });
      rows.push(
        `| ${label} | ${billedMs} ms | ${ourRcu} / ${row.wcu} | $${a.lambda.toFixed(2)} | $${a.dynamo.toFixed(2)} | $${a.gateway.toFixed(2)} | **$${a.total.toFixed(2)}** | ${originalRcu} / ${row.wcu} | $${b.total.toFixed(2)} |`,
      );
    }
  }
  report.detail('cost', { prices: PRICES, ours, original, table: rows });
  report.note(
    `cost: dollars per million requests, ${PRICES.region} on-demand prices checked ${PRICES.checked} (bench/cost/prices.ts names each source): ` +
      `Lambda at ${ours.memoryMb} MB ${ours.arm64 ? 'arm64' : 'x86_64'} billed for the warm handler's median time rounded up to whole ms ` +
      `(measured on loopback dynalite: on DynamoDB add its few ms of round trip, about $${(
        (ours.memoryMb / 1024) *
        0.004 *
        1e6 *
        (ours.arm64 ? PRICES.lambdaArm64PerGbSecond : PRICES.lambdaX86PerGbSecond)
      ).toFixed(2)} per 4 ms), DynamoDB on-demand request units as measured, one API Gateway REST request. ` +
      `The original design is priced with ${original.memoryMb} MB ${original.arm64 ? 'arm64' : 'x86_64'} (${original.source}), the same handler time ` +
      '(its Python was not run here; its full Scan at 50,000 profiles would also take far longer, which is not counted) and ' +
      'on-demand units for its provisioned table, so the two compare request for request. API Gateway dominates every route but the original list.',
  );
};
