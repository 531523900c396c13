/**
 * The CloudWatch metrics the sign-up trigger emits (Embedded Metric Format), one per outcome,
 * shared with the CDK app (its SignUpProfileFailures alarm). Import-free.
 */
export const SIGN_UP_METRICS = {
  namespace: 'UserProfile',
  serviceName: 'userprofile',
  /** The dimension naming the function (its `AWS_LAMBDA_FUNCTION_NAME`), so environments do not mix. */
  functionNameDimension: 'FunctionName',
  /** The metric each outcome counts in. */
  outcomes: {
    created: 'SignUpProfilesCreated',
    claimed: 'SignUpProfilesClaimed',
    'already-exists': 'SignUpProfilesAlreadyThere',
    incomplete: 'SignUpProfilesIncomplete',
    ambiguous: 'SignUpClaimsAmbiguous',
    'claim-conflict': 'SignUpClaimConflicts',
    /** A fault (store or user pool unavailable, a bug): the sign-up went on without a profile. */
    failed: 'SignUpProfileFailures',
  },
} as const;
