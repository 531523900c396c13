import * as path from 'node:path';
import type { RemovalPolicy } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { IndexAction, RouteDefinition, TableAction } from '@userprofile/http-lambda/routes';
import type { Construct } from 'constructs';

import { LAMBDA_ENV, SERVICE_NAME } from '@userprofile/http-lambda/contract';
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
  /** The table's email index; the function may do exactly its rows' `indexActions` on it. */
  readonly indexName: string;
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
  /** The `iss` of the administrators' user pool: only its `admins` group makes an administrator. */
  readonly adminIssuer: string;
}

/**
 * The function that serves some rows of the route table: a {@link ServiceFunction} running the
 * rows' entry module, with the composition root's environment, allowed exactly the union of the
 * rows' table actions on the table, their index actions on the email index, and the settings read.
 */
export class RouteFunction extends ServiceFunction {
  /** The rows this function serves. */
  readonly routes: readonly RouteDefinition[];
  /** The union of the rows' table actions: all the function may do to the table's ARN. */
  readonly tableActions: readonly TableAction[];
  /** The union of the rows' index actions: all the function may do to the email index's ARN. */
  readonly indexActions: readonly IndexAction[];

  constructor(scope: Construct, id: string, props: RouteFunctionProps) {
    const served = oneFunction(id, props.routes);
    super(scope, id, {
      functionName: `${served.functionName}-${props.environmentName}`,
      entry: path.join(props.handlerSourceDir ?? HANDLER_SOURCE_DIR, served.entry),
      environment: {
        [LAMBDA_ENV.tableName]: props.table.tableName,
        [LAMBDA_ENV.configPrefix]: props.settings.parameterPrefix,
        [LAMBDA_ENV.logLevel]: props.logLevel ?? 'INFO',
        [LAMBDA_ENV.serviceName]: SERVICE_NAME,
        [LAMBDA_ENV.adminIssuer]: props.adminIssuer,
      },
      logRetention: props.logRetention,
      ...(props.logRemovalPolicy && { logRemovalPolicy: props.logRemovalPolicy }),
    });
    this.routes = props.routes;
    this.tableActions = [...new Set(props.routes.flatMap((route) => route.tableActions))];
    this.indexActions = [...new Set(props.routes.flatMap((route) => route.indexActions))];

    // Not table.grant: it names the table and every index (`{table}/index/*`) for every action,
    // so the list function could Query the table and Scan the index. Each action gets exactly its ARN.
    if (this.tableActions.length > 0) {
      iam.Grant.addToPrincipal({
        grantee: this,
        actions: [...this.tableActions],
        resourceArns: [props.table.tableArn],
      });
    }
    if (this.indexActions.length > 0) {
      iam.Grant.addToPrincipal({
        grantee: this,
        actions: [...this.indexActions],
        resourceArns: [`${props.table.tableArn}/index/${props.indexName}`],
      });
    }
    props.settings.grantReadSettings(this);
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
