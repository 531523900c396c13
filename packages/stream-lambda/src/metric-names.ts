/**
 * The CloudWatch metrics the stream handler emits (Embedded Metric Format), shared with the CDK
 * app's dashboard and alarms. Import-free, so that infra reads the names without the handler.
 */
export const PROFILE_EVENT_METRICS = {
  /** The metrics' namespace. */
  namespace: 'UserProfile',
  /** Powertools' `service` dimension, on every metric. */
  serviceName: 'userprofile',
  /** The dimension naming the function (its `AWS_LAMBDA_FUNCTION_NAME`), so environments do not mix. */
  functionNameDimension: 'FunctionName',
  /** Records whose event was not handed to the bus in this invocation (refused, unsent or unreadable). */
  publishFailures: 'EventPublishFailures',
  /** Events the bus accepted. */
  published: 'EventsPublished',
} as const;
