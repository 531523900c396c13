/**
 * The profile table's design, declared once: the CDK app deploys it and the local server
 * creates it from this, so the two can never disagree.
 */
export const USER_PROFILE_TABLE = {
  partitionKey: { name: 'userId', type: 'S' },
  /** Exact email lookups query this index instead of scanning the table. */
  emailIndex: {
    indexName: 'email-index',
    partitionKey: { name: 'email', type: 'S' },
    projection: 'ALL',
  },
} as const;

/** `user-profiles-{env}`, the name the original CloudFormation design used. */
export const userProfileTableName = (environment: string): string => `user-profiles-${environment}`;
