/**
 * The words a route-table row is written in (`routes.ts`): what a function may do to the table,
 * what it reaches at cold start, what its audit record names, what it answers. Import-free.
 */
/** The DynamoDB actions a route's function performs on the profile table itself. */
export type TableAction =
  | 'dynamodb:GetItem'
  | 'dynamodb:PutItem'
  | 'dynamodb:UpdateItem'
  | 'dynamodb:DeleteItem'
  | 'dynamodb:Scan'
  | 'dynamodb:Query';

/** The DynamoDB actions a route's function performs on the table's email index (never item actions). */
export type IndexAction = 'dynamodb:Query' | 'dynamodb:Scan';

/**
 * A route's own API Gateway throttle, tighter than the stage's, for a route that costs more than
 * the others per request (requests per second, steady and burst).
 */
export interface RouteThrottle {
  readonly rateLimit: number;
  readonly burstLimit: number;
}

/**
 * What a function reaches beyond its settings and audit stream (see `RouteRow.parts`):
 * `idempotencyRecords` to honour `Idempotency-Key`, `pageCursorKeys` to sign page cursors,
 * `storedResponses` to forget the stored responses about a user (Query the idempotency table and
 * its subject index, BatchWriteItem deletes), `accountDirectory` to delete an end user's sign-in
 * account (the end users' pool, AdminDeleteUser only), `eventBus` to publish on the profile
 * events' bus (PutEvents), `idempotencyRecordsRead` to read one caller's records (Query on the
 * idempotency table: an export), `auditTrailSearch` to search the audit log group
 * (FilterLogEvents: an export).
 */
export type RemotePart =
  | 'idempotencyRecords'
  | 'pageCursorKeys'
  | 'storedResponses'
  | 'accountDirectory'
  | 'eventBus'
  | 'idempotencyRecordsRead'
  | 'auditTrailSearch';

/**
 * The target an audit record names: `path-user` the `{userId}` of the path (the caller for
 * `me`), `named-user` the id a create's body names (the caller when it names none), and
 * `any-profile` (`*`) for an action that spans profiles (a listing, a lookup).
 */
export type AuditTarget = 'path-user' | 'named-user' | 'any-profile';
