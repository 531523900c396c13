/**
 * The single source of truth for the API's routes: the CDK app makes one Lambda function per
 * entry (with exactly these table permissions) and the local server routes by it.
 * Keep this module free of imports: the CDK app loads it at synth time.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The DynamoDB actions a route's function performs on the profile table (and its indexes). */
export type TableAction =
  'dynamodb:GetItem' | 'dynamodb:PutItem' | 'dynamodb:DeleteItem' | 'dynamodb:Scan' | 'dynamodb:Query';

export interface RouteDefinition {
  readonly method: HttpMethod;
  /** API Gateway resource path; `{userId}` also matches `me`, the caller. */
  readonly path: '/users' | '/users/{userId}';
  /**
   * Logical name of the Lambda function that serves the route (`{functionName}-{env}` in AWS).
   * Rows that share it share one function: PUT and PATCH are `UpdateUserProfile`, as in the
   * original stack whose alarms and scripts know that name.
   */
  readonly functionName: string;
  /** The function's entry module, relative to this package's `src/`; it exports `handler`. */
  readonly entry: string;
  /** Exactly what the function may do to the table: its IAM policy is built from this. */
  readonly tableActions: readonly TableAction[];
}

export const ROUTES: readonly RouteDefinition[] = [
  {
    method: 'POST',
    path: '/users',
    functionName: 'CreateUserProfile',
    entry: 'functions/create-user-profile.ts',
    tableActions: ['dynamodb:PutItem'],
  },
  {
    method: 'GET',
    path: '/users',
    functionName: 'ListUserProfiles',
    entry: 'functions/list-user-profiles.ts',
    tableActions: ['dynamodb:Scan', 'dynamodb:Query'],
  },
  {
    method: 'GET',
    path: '/users/{userId}',
    functionName: 'GetUserProfile',
    entry: 'functions/get-user-profile.ts',
    tableActions: ['dynamodb:GetItem'],
  },
  {
    method: 'PUT',
    path: '/users/{userId}',
    functionName: 'UpdateUserProfile',
    entry: 'functions/update-user-profile.ts',
    tableActions: ['dynamodb:GetItem', 'dynamodb:PutItem'],
  },
  {
    method: 'PATCH',
    path: '/users/{userId}',
    functionName: 'UpdateUserProfile',
    entry: 'functions/update-user-profile.ts',
    tableActions: ['dynamodb:GetItem', 'dynamodb:PutItem'],
  },
  {
    method: 'DELETE',
    path: '/users/{userId}',
    functionName: 'DeleteUserProfile',
    entry: 'functions/delete-user-profile.ts',
    tableActions: ['dynamodb:DeleteItem', 'dynamodb:GetItem'],
  },
];

const WRITE_ACTIONS: readonly TableAction[] = ['dynamodb:PutItem', 'dynamodb:DeleteItem'];

/** Whether a route's function only reads the table. */
export const isReadOnly = (route: RouteDefinition): boolean =>
  !route.tableActions.some((action) => WRITE_ACTIONS.includes(action));
