import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';

import { SIGN_UP_METRICS } from '../../metric-names';
import type { SignUpMetrics, SignUpResult } from './handler';

/** {@link SignUpMetrics} as Embedded Metric Format lines through Powertools Metrics: one flush per sign-up. */
export class EmfSignUpMetrics implements SignUpMetrics {
  constructor(private readonly metrics: Metrics) {}

  signUp(result: SignUpResult): void {
    this.metrics.addMetric(SIGN_UP_METRICS.outcomes[result.kind], MetricUnit.Count, 1);
    this.metrics.publishStoredMetrics();
  }
}
