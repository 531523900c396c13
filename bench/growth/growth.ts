/**
 * Bench 3: cost growth. Runs the adapters' capacity benchmark (bench/capacity, its own
 * process and dynalite) for the read capacity of a list page and an email lookup at 1,000 and
 * 50,000 profiles, and adds beside it the original design's list: a Scan of the whole table
 * without Limit, whose cost grows with the table.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BatchWriteCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createUserProfileTable } from '@userprofile/adapters-aws';
import { documentClient, dynamoDbClient, foreignEnv, type Engine } from '../lib/engines';
import type { BenchOptions } from '../lib/options';
import { RESULTS_DIR, type Report } from '../lib/report';
import { profileItem } from '../lib/seed';

const SUITE = 'growth';
const CAPACITY_SCRIPT = path.join(__dirname, '..', 'capacity', 'capacity.ts');

interface CapacityReading {
  readonly reportedRcu: number;
  readonly billedRcu: number;
  readonly requests: number;
  readonly itemsRead: number;
}
interface CapacityResults {
  readonly checks: { name: string; value: number; target: number; pass: boolean }[];
  readonly tables: { size: number; readings: Record<string, CapacityReading> }[];
  readonly dynaliteMatchesBilling: boolean;
}

const runCapacityBench = (): Promise<CapacityResults> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CAPACITY_SCRIPT], {
      cwd: path.join(__dirname, '..', '..'),
      env: foreignEnv(),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // It exits 1 when one of its own targets is missed; its results file says which.
    child.on('exit', (code) => {
      try {
        resolve(JSON.parse(readFileSync(path.join(RESULTS_DIR, 'capacity.json'), 'utf8')) as CapacityResults);
      } catch {
        reject(new Error(`bench/capacity failed (exit ${code}) and wrote no results: ${stderr.slice(-1500)}`));
      }
    });
  });

const load = async (doc: DynamoDBDocumentClient, TableName: string, size: number): Promise<void> => {
  const batches: number[][] = [];
  for (let i = 0; i < size; i += 25) batches.push(Array.from({ length: Math.min(25, size - i) }, (_, j) => i + j));
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let batch = batches.shift(); batch; batch = batches.shift()) {
        let pending: Record<string, unknown>[] = batch.map((n) => ({
          PutRequest: { Item: profileItem(`growth-${String(n).padStart(6, '0')}`, n) },
        }));
        while (pending.length > 0) {
          const result = await doc.send(new BatchWriteCommand({ RequestItems: { [TableName]: pending } }));
          pending = (result.UnprocessedItems?.[TableName] ?? []) as Record<string, unknown>[];
        }
      }
    }),
  );
};

/**
 * The original design's listing: Scan the whole table (no Limit), following every 1 MB page.
 * Eventually consistent, as it was; dynalite reports such Scans as DynamoDB bills them.
 */
const fullScanRcu = async (
  doc: DynamoDBDocumentClient,
  TableName: string,
): Promise<{ rcu: number; requests: number; items: number }> => {
  let rcu = 0;
  let requests = 0;
  let items = 0;
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(new ScanCommand({ TableName, ReturnConsumedCapacity: 'TOTAL', ExclusiveStartKey }));
    rcu += page.ConsumedCapacity?.CapacityUnits ?? Number.NaN;
    requests += 1;
    items += page.Count ?? 0;
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return { rcu, requests, items };
};

export const runGrowth = async (options: BenchOptions, report: Report, dynamo: Engine): Promise<void> => {
  const capacity = await runCapacityBench();
  const [small, large] = capacity.tables as [CapacityResults['tables'][number], CapacityResults['tables'][number]];
  const at = (size: number) => `${size.toLocaleString('en')} profiles`;
  const labels: Record<string, string> = {
    listFirstPage20: 'list page (first, 20 items)',
    listDeepPage20: 'list page (deep cursor, 20 items)',
    listFirstPage100: 'list page (first, 100 items)',
    listDeepPage100: 'list page (deep cursor, 100 items)',
    emailLookup: 'email lookup',
    emailLookupShared: 'email lookup (3 profiles share it)',
  };
  for (const [key, label] of Object.entries(labels)) {
    const a = small.readings[key];
    const b = large.readings[key];
    if (!a || !b) throw new Error(`bench/capacity results have no ${key}`);
    // The same work at both sizes, or the comparison says nothing: bench/capacity starts its deep
    // pages halfway through the scan order, so every page is full.
    if (a.itemsRead !== b.itemsRead) {
      throw new Error(
        `bench/capacity: the ${label} read ${a.itemsRead} items at ${at(small.size)} and ${b.itemsRead} at ${at(large.size)}`,
      );
    }
    report.add(SUITE, {
      name: `${label}: RCU at ${at(large.size)}`,
      value: b.billedRcu,
      baselineName: `at ${at(small.size)}`,
      baseline: a.billedRcu,
      unit: 'RCU',
      goalMax: 1.05,
    });
  }
  report.add(SUITE, {
    name: `email lookup vs GetItem RCU at ${at(large.size)}`,
    value: large.readings.emailLookup!.billedRcu,
    baselineName: 'GetItem',
    baseline: large.readings.getItem!.billedRcu,
    unit: 'RCU',
    goalMax: 2,
  });

  // The original design beside it, on the harness's dynalite, at the same two sizes.
  const client = dynamoDbClient(dynamo.endpoint);
  const doc = documentClient(client);
  const scans: Record<number, Awaited<ReturnType<typeof fullScanRcu>> & { loadSeconds: number }> = {};
  for (const size of [small.size, large.size]) {
    const TableName = `user-profiles-bench-growth-${size}`;
    await createUserProfileTable(client, TableName);
    const started = Date.now();
    await load(doc, TableName, size);
    scans[size] = { ...(await fullScanRcu(doc, TableName)), loadSeconds: (Date.now() - started) / 1000 };
    if (scans[size]!.items !== size) throw new Error(`full Scan read ${scans[size]!.items} of ${size} profiles`);
  }
  client.destroy();
  report.add(SUITE, {
    name: `original design, full-Scan list: RCU at ${at(large.size)}`,
    value: scans[large.size]!.rcu,
    baselineName: `at ${at(small.size)}`,
    baseline: scans[small.size]!.rcu,
    unit: 'RCU',
    note: 'grows with the table, by design of the original; shown for comparison',
  });
  report.add(SUITE, {
    name: `original full-Scan list vs one list page (20) at ${at(large.size)}`,
    value: scans[large.size]!.rcu,
    baselineName: 'list page (first, 20 items)',
    baseline: large.readings.listFirstPage20!.billedRcu,
    unit: 'RCU',
  });
  // For the cost suite: what a listing reads at each size, ours (one page of 20) and the original's (the whole table).
  report.detail('growthListRcu', {
    sizes: [small.size, large.size],
    listPage20: {
      [small.size]: small.readings.listFirstPage20!.billedRcu,
      [large.size]: large.readings.listFirstPage20!.billedRcu,
    },
    originalFullScan: { [small.size]: scans[small.size]!.rcu, [large.size]: scans[large.size]!.rcu },
  });
  if (!capacity.dynaliteMatchesBilling) {
    report.note(
      "growth: list-page RCU are DynamoDB's billed figures computed by bench/capacity (dynalite 4.0.0 reports strongly " +
        'consistent Scans at half rate); the full Scan is eventually consistent, which dynalite reports as billed.',
    );
  }
  report.detail('growth', { capacity, fullScan: scans, quick: options.quick });
};
