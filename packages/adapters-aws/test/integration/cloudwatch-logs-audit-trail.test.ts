import {
  CreateLogGroupCommand,
  DeleteLogStreamCommand,
  DescribeLogStreamsCommand,
  GetLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import type { AuditRecord } from '@userprofile/domain';
import { closedPort, useMotoService } from '@userprofile/testing';

import { CloudWatchLogsAuditTrail, createCloudWatchLogsClient } from '../../src';

const aRecord = (overrides: Partial<AuditRecord> = {}): AuditRecord => ({
  time: new Date().toISOString(),
  requestId: 'req-audit-1',
  actor: 'admin-sub-1',
  actorIsAdmin: true,
  action: 'DELETE /users/{userId}',
  target: 'user-sub-2',
  ...overrides,
});

describe('CloudWatchLogsAuditTrail over the CloudWatch Logs protocol (moto)', () => {
  const moto = useMotoService('cloudWatchLogs', (endpoint) => createCloudWatchLogsClient({ endpoint }));
  let groups = 0;

  const aLogGroup = async (): Promise<string> => {
    const name = `/userprofile/test${++groups}/audit`;
    await moto.setUp.send(new CreateLogGroupCommand({ logGroupName: name }));
    return name;
  };

  const eventsIn = async (logGroupName: string, logStreamName: string): Promise<unknown[]> => {
    const { events } = await moto.setUp.send(new GetLogEventsCommand({ logGroupName, logStreamName }));
    return (events ?? []).map((event) => JSON.parse(event.message ?? 'null'));
  };

  it('writes each record as one JSON event, in order, in a stream of its own', async () => {
    // Prepare
    const logGroupName = await aLogGroup();
    const trail = new CloudWatchLogsAuditTrail({ client: moto.client, logGroupName, logStreamName: 'instance-1' });
    const first = aRecord({ requestId: 'req-1' });
    const second = aRecord({ requestId: 'req-2', action: 'GET /users/{userId}' });

    // Act
    await trail.record(first);
    await trail.record(second);

    // Assess
    expect(await eventsIn(logGroupName, 'instance-1')).toEqual([first, second]);
  });

  it("writes in a stream named after its writer, the only ones the writer's role may write", async () => {
    // Prepare
    const logGroupName = await aLogGroup();
    const trail = new CloudWatchLogsAuditTrail({ client: moto.client, logGroupName, writerName: 'GetUserProfile-dev' });

    // Act
    await trail.record(aRecord());

    // Assess
    const { logStreams } = await moto.setUp.send(new DescribeLogStreamsCommand({ logGroupName }));
    expect(logStreams?.map((stream) => stream.logStreamName)).toEqual([
      expect.stringMatching(/^GetUserProfile-dev\/\d{4}\/\d{2}\/\d{2}\/[0-9a-f]{32}$/),
    ]);
  });

  it('makes its stream again when it was removed', async () => {
    // Prepare
    const logGroupName = await aLogGroup();
    const trail = new CloudWatchLogsAuditTrail({ client: moto.client, logGroupName, logStreamName: 'instance-2' });
    await trail.record(aRecord({ requestId: 'before' }));
    await moto.setUp.send(new DeleteLogStreamCommand({ logGroupName, logStreamName: 'instance-2' }));

    // Act
    await trail.record(aRecord({ requestId: 'after' }));

    // Assess
    expect(await eventsIn(logGroupName, 'instance-2')).toEqual([expect.objectContaining({ requestId: 'after' })]);
  });

  it('writes into its stream when the stream already exists', async () => {
    // Prepare: an earlier writer of the same name made the stream.
    const logGroupName = await aLogGroup();
    const earlier = new CloudWatchLogsAuditTrail({ client: moto.client, logGroupName, logStreamName: 'instance-3' });
    await earlier.record(aRecord({ requestId: 'earlier' }));
    const trail = new CloudWatchLogsAuditTrail({ client: moto.client, logGroupName, logStreamName: 'instance-3' });

    // Act
    await trail.record(aRecord({ requestId: 'later' }));

    // Assess
    expect(await eventsIn(logGroupName, 'instance-3')).toEqual([
      expect.objectContaining({ requestId: 'earlier' }),
      expect.objectContaining({ requestId: 'later' }),
    ]);
  });

  it('fails the write (it never drops a record silently) when the log group does not exist', async () => {
    // Prepare
    const trail = new CloudWatchLogsAuditTrail({ client: moto.client, logGroupName: '/userprofile/missing/audit' });

    // Act / Assess
    await expect(trail.record(aRecord())).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('fails the write when CloudWatch Logs cannot be reached', async () => {
    // Prepare
    const unreachable = createCloudWatchLogsClient({ endpoint: await closedPort() });
    const trail = new CloudWatchLogsAuditTrail({ client: unreachable, logGroupName: '/userprofile/x/audit' });

    // Act / Assess
    await expect(trail.record(aRecord())).rejects.toBeInstanceOf(Error);
    unreachable.destroy();
  });
});
