import { createWriteStream, type WriteStream } from 'node:fs';

import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SingleBar } from 'cli-progress';

import { createDynamoDbDocumentClient } from '@userprofile/adapters-aws';
import { UserId, type PseudonymKey } from '@userprofile/domain';
import { capacityBudget } from './capacity-budget';
import { CapacityPacer } from './capacity-pacer';
import { readCheckpoint, writeCheckpoint } from './checkpoint';
import { readArguments } from './cli-arguments';
import { parseOptions, USAGE, UsageError, type CliOptions } from './cli-options';
import { CognitoOwnerDirectory } from './cognito-owner-directory';
import type { ItemOutcome } from './item-outcome';
import { migrateTable } from './migrate-table';
import { reportNameOf, runPseudonymKey } from './report-names';
import { formatSummary } from './summary';

/** Where the command writes, and what interrupts it; `main.ts` passes the process's. */
export interface CliIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly signal?: AbortSignal;
  /** The key personal-data ids are named with. @default read from `--pseudonym-secret` (a one-off key without it) */
  readonly pseudonymKey?: PseudonymKey;
}

/** Exit statuses: 0 done, 1 fault, 2 bad usage, 130 interrupted (resume with --resume). */
export async function runMigrationCli(argv: readonly string[], io: CliIo): Promise<number> {
  const args = readArguments(
    () => parseOptions(argv),
    (options) => options.help,
    USAGE,
    io,
  );
  if ('exitCode' in args) return args.exitCode;
  const options: CliOptions = args.read;
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
    const pseudonymKey = io.pseudonymKey ?? (await pseudonymKeyOf(options, io));
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
    let personalIdsKept = 0;
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
        if (keepsPersonalId(outcome)) personalIdsKept += 1;
        const line = reportLine(outcome, pseudonymKey);
        if (line !== undefined) report?.write(`${JSON.stringify(line)}\n`);
      },
      ...(options.checkpoint !== undefined && {
        onPage: (saved) => writeCheckpoint(options.checkpoint as string, saved),
      }),
    });
    progress?.stop();
    progress = undefined;
    io.stdout.write(`${formatSummary(summary, options.table)}\n`);
    if (personalIdsKept > 0) {
      io.stdout.write(
        `${personalIdsKept} item(s) ${summary.applied ? 'keep' : 'would keep'} an id that may be personal data (an email, say): ` +
          're-key them with --user-pool-id (docs/migrating.md, "Ids that are personal data").\n',
      );
    }
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

// The report names items by id (or, for an id that may be personal data, its pseudonym) and
// says why; it never holds an email, name or phone.
function reportLine(outcome: ItemOutcome, key: PseudonymKey): Record<string, unknown> | undefined {
  const name = reportNameOf(outcome.userId, key);
  if (outcome.result === 'moved') return { ...name, outcome: 'moved', to: outcome.to };
  if (outcome.result === 'reported') return { ...name, outcome: 'reported', ...outcome.problem };
  return undefined;
}

/** An item left at its key (current or normalized) whose key a new profile could not have. */
function keepsPersonalId(outcome: ItemOutcome): boolean {
  return (outcome.result === 'current' || outcome.result === 'normalized') && !UserId.isNew(outcome.userId);
}

async function pseudonymKeyOf(options: CliOptions, io: CliIo): Promise<PseudonymKey> {
  const { key, oneOff } = await runPseudonymKey({
    ...(options.pseudonymSecret !== undefined && { secretId: options.pseudonymSecret }),
    ...(options.region !== undefined && { region: options.region }),
  });
  if (oneOff) {
    io.stderr.write(
      'No --pseudonym-secret (or --env): ids that may be personal data are named by pseudonyms of a one-off key, which match only within this run.\n',
    );
  }
  return key;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
