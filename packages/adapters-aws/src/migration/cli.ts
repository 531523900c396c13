import { createWriteStream, existsSync, type WriteStream } from 'node:fs';
import { parseArgs } from 'node:util';

import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SingleBar } from 'cli-progress';

import { createDynamoDbDocumentClient } from '../dynamodb/document-client';
import { userProfileTableName } from '../dynamodb/user-profile-table';
import { capacityBudget, ON_DEMAND_UNITS_PER_SECOND } from './capacity-budget';
import { CapacityPacer } from './capacity-pacer';
import { readCheckpoint, writeCheckpoint } from './checkpoint';
import { CognitoOwnerDirectory } from './cognito-owner-directory';
import { migrateTable, type ItemOutcome } from './migrate-table';
import { formatSummary } from './summary';

/** The share of a provisioned table's capacity the migration takes unless told otherwise. */
export const DEFAULT_CAPACITY_SHARE = 0.5;

const USAGE = `Usage: pnpm migrate (--table <name> | --env <env>) [options]

Brings a table written by the original stack to the current item shape. Dry run unless --apply.

  --table <name>          the table to migrate
  --env <env>             the table of an environment: user-profiles-<env>
  --region <region>       AWS region (default: the SDK's region chain)
  --endpoint <url>        a DynamoDB-compatible endpoint, e.g. dynalite (local runs, tests)
  --user-pool-id <id>     move each legacy profile to its Cognito user's sub (found by email)
  --cognito-endpoint <u>  a Cognito-compatible endpoint, e.g. moto (tests)
  --apply                 write; without it nothing is written and the summary says what would be
  --rate <share>          share of the table's provisioned capacity to use (default ${DEFAULT_CAPACITY_SHARE})
  --on-demand-units <n>   units per second on an on-demand table (default ${ON_DEMAND_UNITS_PER_SECOND})
  --page-size <n>         items per scan page (default 100)
  --checkpoint <file>     save progress after each page to <file>
  --resume                start where the checkpoint file says (needs --checkpoint)
  --report <file>         write one JSON line per reported or moved item (ids and reasons only)
  --no-progress           no progress bar
  --help                  this text`;

/** Where the command writes, and what interrupts it; `main.ts` passes the process's. */
export interface CliIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly signal?: AbortSignal;
}

/** Exit statuses: 0 done, 1 fault, 2 bad usage, 130 interrupted (resume with --resume). */
export async function runMigrationCli(argv: readonly string[], io: CliIo): Promise<number> {
  let options: CliOptions;
  try {
    options = parseOptions(argv);
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const client = createDynamoDbDocumentClient({
    ...(options.endpoint !== undefined && { endpoint: options.endpoint }),
    ...(options.region !== undefined && { region: options.region }),
    // A batch job can wait; and a write is never retried after a time-out (see migrate-table).
    requestTimeoutMs: 30_000,
    connectionTimeoutMs: 5_000,
    maxAttempts: 1,
  });
  const cognito = options.userPoolId === undefined ? undefined : cognitoClient(options);
  let report: WriteStream | undefined;
  let progress: SingleBar | undefined;
  try {
    const checkpoint = options.resume ? await readCheckpoint(options.checkpoint as string) : undefined;
    if (checkpoint !== undefined && checkpoint.tableName !== options.table) {
      throw new UsageError(`${options.checkpoint} is a checkpoint of ${checkpoint.tableName}, not ${options.table}`);
    }
    if (checkpoint?.done) {
      io.stdout.write(`${options.checkpoint} says the run over ${options.table} finished; nothing to resume.\n`);
      return 0;
    }
    const description = await (client as unknown as DynamoDBClient).send(
      new DescribeTableCommand({ TableName: options.table }),
    );
    const table = description.Table ?? {};
    const budget = capacityBudget(table, options.rate, options.onDemandUnits);
    io.stderr.write(
      `${options.apply ? 'Migrating' : 'Dry run over'} ${options.table}: at most ${round(budget.readUnitsPerSecond)} read and ` +
        `${round(budget.writeUnitsPerSecond)} write units/s (${budget.basis === 'provisioned' ? `${options.rate} of provisioned` : 'on-demand table'})` +
        `${options.userPoolId === undefined ? '' : ', re-keying to Cognito subs'}.\n`,
    );
    if (options.report !== undefined) report = createWriteStream(options.report, { flags: checkpoint ? 'a' : 'w' });
    if (options.progress) {
      // ItemCount is DynamoDB's estimate (refreshed every few hours); a local engine may say 0.
      const estimate = table.ItemCount ?? 0;
      const format =
        estimate > 0 ? '{bar} {value}/~{total} items | {eta_formatted} left' : '{value} items | {duration_formatted}';
      progress = new SingleBar({ stream: io.stderr, format, etaBuffer: 200 });
      progress.start(Math.max(estimate, 1), 0);
    }
    let handled = 0;
    const summary = await migrateTable({
      client,
      tableName: options.table,
      apply: options.apply,
      ...(cognito !== undefined && { owners: new CognitoOwnerDirectory(cognito, options.userPoolId as string) }),
      readPacer: new CapacityPacer(budget.readUnitsPerSecond),
      writePacer: new CapacityPacer(budget.writeUnitsPerSecond),
      ...(checkpoint?.startKey !== undefined && { startKey: checkpoint.startKey }),
      pageSize: options.pageSize,
      ...(io.signal !== undefined && { signal: io.signal }),
      onItem: (outcome) => {
        handled += 1;
        // The estimate may be short: the bar grows past it.
        if (progress !== undefined && handled > progress.getTotal()) progress.setTotal(handled);
        progress?.increment();
        const line = reportLine(outcome);
        if (line !== undefined) report?.write(`${JSON.stringify(line)}\n`);
      },
      ...(options.checkpoint !== undefined && {
        onPage: (saved) => writeCheckpoint(options.checkpoint as string, saved),
      }),
    });
    progress?.stop();
    progress = undefined;
    io.stdout.write(`${formatSummary(summary, options.table)}\n`);
    if (options.report !== undefined) io.stdout.write(`Report: ${options.report}\n`);
    if (summary.interrupted) {
      io.stdout.write(
        options.checkpoint === undefined
          ? 'Interrupted. Run again to carry on: items already done are recognised and left alone.\n'
          : `Interrupted. Carry on with --checkpoint ${options.checkpoint} --resume.\n`,
      );
      return 130;
    }
    return 0;
  } catch (error) {
    progress?.stop();
    if (error instanceof UsageError) {
      io.stderr.write(`${error.message}\n`);
      return 2;
    }
    // SDK errors name what failed without echoing item values.
    const { name, message } = error as Error;
    io.stderr.write(
      `migration failed: ${name}: ${message}\nRun again (with --resume if you keep a checkpoint) to carry on.\n`,
    );
    return 1;
  } finally {
    await new Promise<void>((resolve) => (report === undefined ? resolve() : report.end(() => resolve())));
    client.destroy();
    cognito?.destroy();
  }
}

interface CliOptions {
  readonly help: boolean;
  readonly table: string;
  readonly region?: string;
  readonly endpoint?: string;
  readonly userPoolId?: string;
  readonly cognitoEndpoint?: string;
  readonly apply: boolean;
  readonly rate: number;
  readonly onDemandUnits: number;
  readonly pageSize: number;
  readonly checkpoint?: string;
  readonly resume: boolean;
  readonly report?: string;
  readonly progress: boolean;
}

class UsageError extends Error {
  override name = 'UsageError';
}

function parseOptions(argv: readonly string[]): CliOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      help: { type: 'boolean', default: false },
      table: { type: 'string' },
      env: { type: 'string' },
      region: { type: 'string' },
      endpoint: { type: 'string' },
      'user-pool-id': { type: 'string' },
      'cognito-endpoint': { type: 'string' },
      apply: { type: 'boolean', default: false },
      rate: { type: 'string' },
      'on-demand-units': { type: 'string' },
      'page-size': { type: 'string' },
      checkpoint: { type: 'string' },
      resume: { type: 'boolean', default: false },
      report: { type: 'string' },
      'no-progress': { type: 'boolean', default: false },
    },
  });
  if (values.help) return { help: true } as CliOptions;
  if ((values.table === undefined) === (values.env === undefined))
    throw new UsageError('Give exactly one of --table and --env.');
  if (values.resume && values.checkpoint === undefined) throw new UsageError('--resume needs --checkpoint <file>.');
  if (!values.resume && values.checkpoint !== undefined && existsSync(values.checkpoint)) {
    throw new UsageError(`${values.checkpoint} exists: pass --resume to carry on from it, or remove it to start over.`);
  }
  const rate = numberOption(values.rate, '--rate', DEFAULT_CAPACITY_SHARE);
  if (!(rate > 0 && rate <= 1)) throw new UsageError('--rate is a share of the capacity: more than 0, at most 1.');
  const onDemandUnits = numberOption(values['on-demand-units'], '--on-demand-units', ON_DEMAND_UNITS_PER_SECOND);
  if (!(onDemandUnits > 0)) throw new UsageError('--on-demand-units must be more than 0.');
  const pageSize = numberOption(values['page-size'], '--page-size', 100);
  if (!Number.isInteger(pageSize) || pageSize < 1)
    throw new UsageError('--page-size must be a whole number of at least 1.');
  return {
    help: false,
    table: values.table ?? userProfileTableName(values.env as string),
    ...(values.region !== undefined && { region: values.region }),
    ...(values.endpoint !== undefined && { endpoint: values.endpoint }),
    ...(values['user-pool-id'] !== undefined && { userPoolId: values['user-pool-id'] }),
    ...(values['cognito-endpoint'] !== undefined && { cognitoEndpoint: values['cognito-endpoint'] }),
    apply: values.apply,
    rate,
    onDemandUnits,
    pageSize,
    ...(values.checkpoint !== undefined && { checkpoint: values.checkpoint }),
    resume: values.resume,
    ...(values.report !== undefined && { report: values.report }),
    progress: !values['no-progress'],
  };
}

function numberOption(raw: string | undefined, name: string, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw.trim() === '' || Number.isNaN(value)) throw new UsageError(`${name} must be a number, got "${raw}".`);
  return value;
}

function cognitoClient(options: CliOptions): CognitoIdentityProviderClient {
  const local = options.cognitoEndpoint !== undefined;
  const region = options.region ?? (local ? 'us-east-1' : undefined);
  return new CognitoIdentityProviderClient({
    ...(local && {
      endpoint: options.cognitoEndpoint,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
    ...(region !== undefined && { region }),
    // ListUsers only reads, so retrying it is safe; adaptive mode slows down under its quota.
    retryMode: 'adaptive',
    maxAttempts: 6,
  });
}

// The report names items by id and says why; it never holds an email, name or phone.
function reportLine(outcome: ItemOutcome): Record<string, unknown> | undefined {
  if (outcome.result === 'moved') return { userId: outcome.userId, outcome: 'moved', to: outcome.to };
  if (outcome.result === 'reported') return { userId: outcome.userId, outcome: 'reported', ...outcome.problem };
  return undefined;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
