/**
 * The single source of truth for the API's routes. The CDK app makes one Lambda function per
 * `functionName` (with exactly these table permissions); the local server routes by it; the
 * OpenAPI document and the benchmarks are generated from it. A route is one row here plus one
 * folder `routes/<function-name>/` (see HANDLERS.md).
 * No runtime imports: the CDK app loads this module at synth time (type imports are erased).
 */
import type { RemotePart, TableAction } from './contract/route-vocabulary';
import type { RouteRow } from './route-row';

export type * from './contract/route-vocabulary';
export type * from './route-row';

const BODY_PROBLEMS = ['validation', 'payload-too-large', 'unsupported-media-type'] as const;
const PRECONDITION_PROBLEMS = ['precondition-failed', 'precondition-required'] as const;

const ROWS = [
  {
    method: 'POST',
    path: '/users',
    functionName: 'CreateUserProfile',
    tableActions: ['dynamodb:PutItem'],
    indexActions: [],
    summary: "Create the caller's profile (or, for an admin, anyone's)",
    body: 'CreateUserProfileBody',
    query: null,
    ifMatch: false,
    parts: ['idempotencyRecords'],
    audit: 'named-user',
    problems: [...BODY_PROBLEMS, 'email-not-verified-for-caller', 'conflict'],
    success: { status: 201, description: 'Created.', schema: 'UserProfile', headers: ['ETag', 'Location'] },
  },
  {
    method: 'GET',
    path: '/users',
    functionName: 'ListUserProfiles',
    tableActions: ['dynamodb:Scan'],
    indexActions: [],
    // A page costs up to maxPageSize items of read capacity: the list is the expensive route,
    // so one client cannot spend the stage's whole budget on it.
    throttle: { rateLimit: 10, burstLimit: 20 },
    summary: 'List profiles, a page at a time (administrators)',
    body: null,
    query: 'ListUserProfilesQuery',
    ifMatch: false,
    parts: ['pageCursorKeys'],
    audit: 'any-profile',
    problems: ['validation', 'lookup-moved'],
    success: { status: 200, description: 'A page of profiles.', schema: 'ProfilePage', headers: [] },
  },
  {
    // Its own function, so each function's policy stays exact: list scans the table, search
    // only queries the email index. The email is in the body: URLs end up in traces and logs.
    method: 'POST',
    path: '/users/search',
    functionName: 'SearchUserProfiles',
    tableActions: [],
    indexActions: ['dynamodb:Query'],
    summary: 'Look profiles up by email (exact, case-insensitive), a page at a time (administrators)',
    body: 'SearchUserProfilesBody',
    query: null,
    ifMatch: false,
    parts: ['pageCursorKeys'],
    audit: 'any-profile',
    problems: [...BODY_PROBLEMS],
    success: {
      status: 200,
      description: 'A page of the profiles with this email.',
      schema: 'ProfilePage',
      headers: [],
    },
  },
  {
    method: 'GET',
    path: '/users/{userId}',
    functionName: 'GetUserProfile',
    tableActions: ['dynamodb:GetItem'],
    indexActions: [],
    summary: 'Read a profile (owner or admin)',
    body: null,
    query: null,
    ifMatch: false,
    parts: [],
    audit: 'path-user',
    problems: ['not-found'],
    success: { status: 200, description: 'The profile.', schema: 'UserProfile', headers: ['ETag'] },
  },
  ...(['PUT', 'PATCH'] as const).map(
    (method) =>
      ({
        method,
        path: '/users/{userId}',
        functionName: 'UpdateUserProfile',
        // One UpdateItem; a GetItem tells 404 from 412 where the engine returns no item with the
        // failure; an item in the original stack's shape is rewritten whole with one PutItem.
        tableActions: ['dynamodb:UpdateItem', 'dynamodb:GetItem', 'dynamodb:PutItem'],
        indexActions: [],
        summary: 'Partially update a profile (owner or admin); PUT and PATCH behave the same',
        body: 'UpdateUserProfileBody',
        query: null,
        ifMatch: true,
        parts: ['idempotencyRecords'],
        audit: 'path-user',
        problems: [...BODY_PROBLEMS, 'email-not-verified-for-caller', 'not-found', ...PRECONDITION_PROBLEMS],
        success: { status: 200, description: 'The updated profile.', schema: 'UserProfile', headers: ['ETag'] },
      }) as const,
  ),
  {
    method: 'DELETE',
    path: '/users/{userId}',
    functionName: 'DeleteUserProfile',
    tableActions: ['dynamodb:DeleteItem', 'dynamodb:GetItem'],
    indexActions: [],
    summary: 'Delete a profile (owner or admin)',
    body: null,
    query: null,
    ifMatch: true,
    parts: ['idempotencyRecords', 'storedResponses'],
    audit: 'path-user',
    problems: ['validation', 'not-found', ...PRECONDITION_PROBLEMS],
    success: { status: 204, description: 'Deleted.', schema: null, headers: [] },
  },
  {
    // No Idempotency-Key: a repeat finds nothing and succeeds, and a stored answer would be one more record.
    method: 'DELETE',
    path: '/users/{userId}/account',
    functionName: 'EraseUserAccount',
    tableActions: ['dynamodb:DeleteItem'],
    indexActions: [],
    summary: "Erase a user's account: profile, stored responses and sign-in account (owner or admin)",
    body: null,
    query: null,
    ifMatch: false,
    parts: ['storedResponses', 'accountDirectory', 'eventBus'],
    audit: 'path-user',
    problems: ['not-found'],
    success: { status: 204, description: 'Erased, or nothing was left to erase.', schema: null, headers: [] },
  },
  {
    method: 'GET',
    path: '/users/{userId}/export',
    functionName: 'ExportUserData',
    tableActions: ['dynamodb:GetItem'],
    indexActions: [],
    throttle: { rateLimit: 1, burstLimit: 2 }, // costly: a Query, and a search of 90 days of the audit trail
    summary: 'Export everything held about a user (owner or admin): profile, stored responses, audit records',
    body: null,
    query: null,
    ifMatch: false,
    parts: ['idempotencyRecordsRead', 'auditTrailSearch'],
    audit: 'path-user',
    auditEveryCall: true,
    problems: ['not-found'],
    success: { status: 200, description: 'The export.', schema: 'UserDataExport', headers: ['Content-Disposition'] },
  },
] as const satisfies readonly RouteRow[];

/** One row as written, with its literal types (a fuzz suite keys its expectations by them). */
export type Row = (typeof ROWS)[number];

/** The name of a Lambda function of the table: a runtime keys its handlers by it. */
export type FunctionName = Row['functionName'];

/** What the rows of one function need beyond every function's settings and audit stream. */
export type PartsOf<F extends FunctionName> = Extract<Row, { functionName: F }>['parts'][number];

/** A row, with what follows from it. */
export interface RouteDefinition extends RouteRow {
  readonly functionName: FunctionName;
  /** The function's entry module, relative to this package's `src/`; it exports `handler`. */
  readonly entry: string;
  /** Whether the route honours `Idempotency-Key`: it has the idempotency records (`parts`). */
  readonly idempotent: boolean;
}

/** `CreateUserProfile` → `create-user-profile`: the route's folder under `routes/`. */
export const folderOf = (functionName: string): string =>
  functionName.replace(/[A-Z]/g, (letter, at: number) => `${at > 0 ? '-' : ''}${letter.toLowerCase()}`);

/** Every route of the API, in the order the OpenAPI document lists them. */
export const ROUTES: readonly RouteDefinition[] = ROWS.map((row) => ({
  ...row,
  entry: `routes/${folderOf(row.functionName)}/lambda.ts`,
  idempotent: (row.parts as readonly RemotePart[]).includes('idempotencyRecords'),
}));

const WRITE_ACTIONS: readonly TableAction[] = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'];

/** The row of a method on a path pattern, e.g. `PATCH` on `/users/{userId}`. */
export const routeOf = (method: string, path: string): RouteDefinition | undefined =>
  ROUTES.find((route) => route.method === method && route.path === path);

/** Whether a route's function only reads the table (index actions are all reads). */
export const isReadOnly = (route: RouteDefinition): boolean =>
  !route.tableActions.some((action) => WRITE_ACTIONS.includes(action));
