import { Metrics } from '@aws-lambda-powertools/metrics';

import { EmfStreamBatchMetrics } from '../../src/batch-metrics';
import { PROFILE_EVENT_METRICS } from '../../src/metric-names';

describe('EmfStreamBatchMetrics', () => {
  it('writes one Embedded Metric Format line per batch, with the failures and publications the dashboard reads', () => {
    // Prepare: Powertools writes EMF to stdout; keep what it writes.
    const written: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const metrics = new EmfStreamBatchMetrics(
      new Metrics({
        namespace: PROFILE_EVENT_METRICS.namespace,
        serviceName: PROFILE_EVENT_METRICS.serviceName,
        defaultDimensions: { [PROFILE_EVENT_METRICS.functionNameDimension]: 'PublishProfileChanges-test' },
      }),
    );

    // Act
    try {
      metrics.batchProcessed({ records: 16, published: 13, unchanged: 1, failed: 2, retried: 5 });
    } finally {
      spy.mockRestore();
    }

    // Assess
    const lines = written.join('').trim().split('\n');
    expect(lines).toHaveLength(1);
    const emf = JSON.parse(lines[0]!) as Record<string, unknown> & {
      _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[] };
    };
    expect(emf._aws.CloudWatchMetrics).toEqual([
      {
        Namespace: 'UserProfile',
        Dimensions: [expect.arrayContaining(['service', 'FunctionName'])],
        Metrics: expect.arrayContaining([
          expect.objectContaining({ Name: 'EventPublishFailures', Unit: 'Count' }),
          expect.objectContaining({ Name: 'EventsPublished', Unit: 'Count' }),
        ]),
      },
    ]);
    expect(emf._aws.CloudWatchMetrics[0]?.Dimensions[0]).toHaveLength(2);
    expect(emf).toMatchObject({
      service: 'userprofile',
      FunctionName: 'PublishProfileChanges-test',
      EventPublishFailures: 2,
      EventsPublished: 13,
    });
  });
});
