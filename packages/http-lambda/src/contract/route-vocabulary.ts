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
 * `idempotencyRecords` claims and keeps `Idempotency-Key` records (a write); `idempotencyRecordsRead`
 * only reads one caller's records (Query on the idempotency table: an export);
 * `auditTrailSearch` searches the audit log group (FilterLogEvents: an export); `pageCursorKeys`
 * signs page cursors (a paged route).
 */
export type RemotePart = 'idempotencyRecords' | 'idempotencyRecordsRead' | 'auditTrailSearch' | 'pageCursorKeys';

/**
 * The target an audit record names: `path-user` the `{userId}` of the path (the caller for
 * `me`), `named-user` the id a create's body names (the caller when it names none), and
 * `any-profile` (`*`) for an action that spans profiles (a listing, a lookup).
 */
export type AuditTarget = 'path-user' | 'named-user' | 'any-profile';
