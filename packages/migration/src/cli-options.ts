import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';

import { pseudonymSecretName, userProfileTableName } from '@userprofile/adapters-aws';
import { ON_DEMAND_UNITS_PER_SECOND } from './capacity-budget';

/** The share of a provisioned table's capacity the migration takes unless told otherwise. */
export const DEFAULT_CAPACITY_SHARE = 0.5;

export const USAGE = `Usage: pnpm migrate (--table <name> | --env <env>) [options]

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
  --report <file>         write one JSON line per reported or moved item (ids and reasons only;
                          an id that may be personal data, e.g. an email, as its audit pseudonym)
  --pseudonym-secret <id> the audit pseudonym secret (default with --env: ${pseudonymSecretName('<env>')};
                          without either, a one-off key whose pseudonyms match only within this run)
  --no-progress           no progress bar
  --help                  this text`;

/** The command's options, parsed and checked. */
export interface CliOptions {
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
  /** The audit pseudonym secret, by ARN or name; absent: a one-off key of this run. */
  readonly pseudonymSecret?: string;
  readonly progress: boolean;
}

/** The command line breaks a rule: the message says which; the command prints it with the usage. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Parses and checks the command line; throws `UsageError` naming the first broken rule. */
export function parseOptions(argv: readonly string[]): CliOptions {
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
      'pseudonym-secret': { type: 'string' },
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
  const pseudonymSecret =
    values['pseudonym-secret'] ?? (values.env === undefined ? undefined : pseudonymSecretName(values.env));
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
    ...(pseudonymSecret !== undefined && { pseudonymSecret }),
    progress: !values['no-progress'],
  };
}

function numberOption(raw: string | undefined, name: string, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw.trim() === '' || Number.isNaN(value)) throw new UsageError(`${name} must be a number, got "${raw}".`);
  return value;
}
