import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';

import { PROFILE_EVENT_METRICS } from './metric-names';

/** What one stream batch came to; the counts the handler logs and meters. */
export interface BatchCounts {
  readonly records: number;
  readonly published: number;
  readonly unchanged: number;
  /** Records whose event was not published: refused by the bus, not sent, or not readable. */
  readonly failed: number;
  /** Records reported back for Lambda to retry (the failed ones and the same users' later ones). */
  readonly retried: number;
}

/** Where the handler reports each batch's counts (CloudWatch metrics in Lambda). */
export interface StreamBatchMetrics {
  batchProcessed(counts: BatchCounts): void;
}

/**
 * {@link StreamBatchMetrics} as Embedded Metric Format lines through Powertools Metrics: one
 * flush per batch, zeros included, so that a quiet stream graphs as 0 rather than as no data.
 */
export class EmfStreamBatchMetrics implements StreamBatchMetrics {
  constructor(private readonly metrics: Metrics) {}

  batchProcessed(counts: BatchCounts): void {
    this.metrics.addMetric(PROFILE_EVENT_METRICS.publishFailures, MetricUnit.Count, counts.failed);
    this.metrics.addMetric(PROFILE_EVENT_METRICS.published, MetricUnit.Count, counts.published);
    this.metrics.publishStoredMetrics();
  }
}
