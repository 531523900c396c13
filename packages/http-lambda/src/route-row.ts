/**
 * The words and shape of one row of the route table (`routes.ts`): what a route takes, answers
 * and reaches. Type-only, like `routes.ts` itself at synth time.
 */
import type { AuditTarget, IndexAction, RemotePart, RouteThrottle, TableAction } from './contract/route-vocabulary';

import type { ProblemKind } from './contract/problems';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The problem kinds a route answers beyond the ones every route can (`COMMON_PROBLEM_KINDS`). */
export type RouteProblemKind = Extract<
  ProblemKind,
  | 'validation'
  | 'email-not-verified-for-caller'
  | 'lookup-moved'
  | 'not-found'
  | 'conflict'
  | 'precondition-failed'
  | 'precondition-required'
  | 'payload-too-large'
  | 'unsupported-media-type'
>;

/** A request body DTO, by class name (`routes/<folder>/body.ts` exports the class). */
export type BodyKey = 'CreateUserProfileBody' | 'UpdateUserProfileBody' | 'SearchUserProfilesBody';
/** A query string DTO, by class name (`routes/<folder>/query.ts` exports the class). */
export type QueryKey = 'ListUserProfilesQuery';
/** A response schema of the OpenAPI document. */
export type ResponseSchema = 'UserProfile' | 'ProfilePage' | 'UserDataExport';

/** One operation of the API, as plain data. */
export interface RouteRow {
  readonly method: HttpMethod;
  /**
   * API Gateway resource path; `{userId}` also matches `me`, the caller. A literal path beats
   * `{userId}` (as in API Gateway), so `search` is no user id. No route takes personal data in
   * its path or query: what identifies a person by value travels in a body.
   */
  readonly path: '/users' | '/users/search' | '/users/{userId}' | '/users/{userId}/account' | '/users/{userId}/export';
  /**
   * Logical name of the Lambda function that serves the route (`{functionName}-{env}` in AWS).
   * Rows that share it share one function: PUT and PATCH are `UpdateUserProfile`, as in the
   * original stack whose alarms and scripts know that name. Its kebab-case names the folder.
   */
  readonly functionName: string;
  /** Exactly what the function may do to the table's ARN: its IAM policy is built from this. */
  readonly tableActions: readonly TableAction[];
  /** Exactly what the function may do to the email index's ARN (and nothing on the table for these). */
  readonly indexActions: readonly IndexAction[];
  /** The route's own throttle; absent, the stage's applies. */
  readonly throttle?: RouteThrottle;
  /** One line for the OpenAPI operation. */
  readonly summary: string;
  readonly body: BodyKey | null;
  readonly query: QueryKey | null;
  /** Whether the route honours `If-Match` (and so answers 412, and 428 when it is required). */
  readonly ifMatch: boolean;
  /**
   * What the function reaches at cold start beyond what every function does (its settings, its
   * audit stream): `idempotencyRecords` for a write that honours `Idempotency-Key` (runs at most
   * once per caller and key, repeats replayed; every write does, a POST that only reads does not),
   * `pageCursorKeys` for a route that answers pages; the others: `RemotePart`. The CDK app grants and configures them, and
   * the function's Lambda entry must name exactly these (it does not compile otherwise).
   */
  readonly parts: readonly RemotePart[];
  /** Whose profile the audit record names as the request's target (`audit/audit-policy.ts`). */
  readonly audit: AuditTarget;
  /** Whether every call is audited, the owner's own too (an export: who took a copy of a person). @default false */
  readonly auditEveryCall?: boolean;
  readonly problems: readonly RouteProblemKind[];
  readonly success: {
    readonly status: 200 | 201 | 204;
    readonly description: string;
    readonly schema: ResponseSchema | null;
    readonly headers: readonly ('ETag' | 'Location' | 'Content-Disposition')[];
  };
}
