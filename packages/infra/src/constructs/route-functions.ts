import * as path from 'node:path';
import { type RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { RouteDefinition, TableAction } from '@userprofile/http-lambda/routes';
import type { Construct } from 'constructs';

import { SERVICE_NAME } from '@userprofile/http-lambda/contract';
import { ServiceFunction } from './service-function';
import type { SettingsSource } from './user-profile-data';

/** Where the route table's `entry` paths are relative to: http-lambda's `src/`. */
export const HANDLER_SOURCE_DIR = path.dirname(require.resolve('@userprofile/http-lambda/routes'));

/**
 * The route table's rows grouped by the function that serves them, in route-table order:
 * rows that share a `functionName` (PUT and PATCH) share one function.
 */
export function routesByFunction(routes: readonly RouteDefinition[]): ReadonlyMap<string, readonly RouteDefinition[]> {
  const groups = new Map<string, RouteDefinition[]>();
  for (const route of routes) groups.set(route.functionName, [...(groups.get(route.functionName) ?? []), route]);
  return groups;
}

export interface RouteFunctionProps {
  /** Environment suffix: the function is `{functionName}-{env}`. */
  readonly environmentName: string;
  /** The route-table rows this function serves; they must share one `functionName` and `entry`. */
  readonly routes: readonly RouteDefinition[];
  /** The profile table; the function may do exactly its rows' `tableActions` on it. */
  readonly table: dynamodb.ITable;
  /** The runtime settings; the function may read them and nothing else in SSM. */
  readonly settings: SettingsSource;
  /** How long the function's logs are kept. */
  readonly logRetention: logs.RetentionDays;
  /** What happens to the log group when the stack is deleted. @default RemovalPolicy.RETAIN */
  readonly logRemovalPolicy?: RemovalPolicy;
  /** The directory the rows' `entry` paths are relative to. @default HANDLER_SOURCE_DIR */
  readonly handlerSourceDir?: string;
  /** The function's `LOG_LEVEL`. @default 'INFO' */
  readonly logLevel?: string;
}

/**
 * The function that serves some rows of the route table: a {@link ServiceFunction} running the
 * rows' entry module, with the composition root's environment, allowed exactly the union of the
 * rows' table actions and read access to this environment's settings.
 */
export class RouteFunction extends ServiceFunction {
  /** The rows this function serves. */
  readonly routes: readonly RouteDefinition[];
  /** The union of the rows' table actions: all the function may do to the table. */
  readonly tableActions: readonly TableAction[];

  constructor(scope: Construct, id: string, props: RouteFunctionProps) {
    const served = oneFunction(id, props.routes);
    super(scope, id, {
      functionName: `${served.functionName}-${props.environmentName}`,
      entry: path.join(props.handlerSourceDir ?? HANDLER_SOURCE_DIR, served.entry),
      environment: {
        TABLE_NAME: props.table.tableName,
        CONFIG_PREFIX: props.settings.parameterPrefix,
        LOG_LEVEL: props.logLevel ?? 'INFO',
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
      },
      logRetention: props.logRetention,
      ...(props.logRemovalPolicy && { logRemovalPolicy: props.logRemovalPolicy }),
    });
    this.routes = props.routes;
    this.tableActions = [...new Set(props.routes.flatMap((route) => route.tableActions))];

    // On the table and, when it has any, its indexes (`{table}/index/*`): Query and Scan of the
    // email index need the index ARN; item actions on an index ARN allow nothing more.
    props.table.grant(this, ...this.tableActions);
    props.settings.grantReadSettings(this);

    const policy = this.role.node.findChild('DefaultPolicy');
    Validations.of(policy).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ssm:<AWS::Region>:<AWS::AccountId>:parameter${props.settings.parameterPrefix}*]`,
      reason: `The config provider reads every setting below ${props.settings.parameterPrefix} with one GetParametersByPath; the wildcard stops at this environment's prefix.`,
    });
    const tableLogicalId = logicalIdOf(props.table);
    if (tableLogicalId) {
      Validations.of(policy).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${tableLogicalId}.Arn>/index/*]`,
        reason:
          "table.grant adds the table's indexes: list-by-email queries one; item actions name a table, so on an index they allow nothing.",
      });
    }
  }
}

/** The one function `routes` share: a function serves at least one row, and only rows of its own. */
function oneFunction(id: string, routes: readonly RouteDefinition[]): Pick<RouteDefinition, 'functionName' | 'entry'> {
  const [first] = routes;
  if (!first) throw new Error(`RouteFunction ${id} serves no route`);
  const other = routes.find((route) => route.functionName !== first.functionName || route.entry !== first.entry);
  if (other) {
    throw new Error(
      `RouteFunction ${id}: ${other.method} ${other.path} is served by ${other.functionName} (${other.entry}), not ${first.functionName} (${first.entry})`,
    );
  }
  return first;
}

/** The logical id of a table defined in this app (cdk-nag names its ARN by it), else undefined. */
function logicalIdOf(table: dynamodb.ITable): string | undefined {
  const arn = Stack.of(table).resolve(table.tableArn) as { 'Fn::GetAtt'?: readonly [string, string] };
  return arn['Fn::GetAtt']?.[0];
}
