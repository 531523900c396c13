/**
 * The idempotency table's design, declared once: the CDK app deploys it and local engines
 * create it from this. Its own table, not records in the profile table: the profile list is
 * a Scan (records would show up in it and cost its capacity), a DELETE removes the profile
 * item (a record riding on it would vanish before its replay window ends), and TTL can be on
 * for records without ever touching a profile.
 */
export const IDEMPOTENCY_TABLE = {
  /** The caller (`sub`): one user's keys never meet another's. */
  partitionKey: { name: 'scope', type: 'S' },
  /** The client's `Idempotency-Key`. */
  sortKey: { name: 'idempotencyKey', type: 'S' },
  /** Epoch seconds after which the record is dead: DynamoDB's TTL attribute, and checked on read. */
  ttlAttribute: 'expiresAt',
  /**
   * Completed records by the user whose personal data their stored response holds (`subject`,
   * set on completion only, so the index is sparse): a deleted profile's or an erased account's
   * responses are found in every caller's scope, an administrator's included. Keys only.
   */
  subjectIndex: { name: 'subject-index', partitionKey: { name: 'subject', type: 'S' } },
} as const;

/** `user-profile-idempotency-{env}`. */
export const idempotencyTableName = (environment: string): string => `user-profile-idempotency-${environment}`;

/** The `status` of a record: an in-flight marker (Powertools' name for it), or a kept outcome. */
export const RECORD_STATUS = { inFlight: 'IN_PROGRESS', completed: 'COMPLETED' } as const;
