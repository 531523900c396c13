import { CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { AuditRecord } from '@userprofile/domain';
import { closedPort, useMotoService } from '@userprofile/testing';

import {
  CloudWatchLogsAuditSearch,
  CloudWatchLogsAuditTrail,
  createCloudWatchLogsClient,
  targetFilterPattern,
} from '../../src';

const DAY_MS = 86_400_000;
let sequence = 0;

const aRecord = (target: string, overrides: Partial<AuditRecord> = {}): AuditRecord => ({
  time: new Date(Date.now() - 60_000 + ++sequence).toISOString(),
  requestId: `req-search-${sequence}`,
  actor: 'admin-sub-1',
  actorIsAdmin: true,
  action: 'DELETE /users/{userId}',
  target,
  ...overrides,
});

/*
 * moto serves FilterLogEvents with its time bounds, `limit` and `nextToken` paging, but treats a
 * JSON filter pattern (`{ $.target = ... }`) as matching every event: these tests prove the
 * adapter's own check of each record, its window, paging and cap; the pattern's text is checked
 * on its own below.
 */
describe('CloudWatchLogsAuditSearch over the CloudWatch Logs protocol (moto)', () => {
  const moto = useMotoService('cloudWatchLogs', (endpoint) => createCloudWatchLogsClient({ endpoint }));
  let groups = 0;

  /** A group holding `records`, written by two writers (two streams), as the functions write them. */
  const aGroupWith = async (records: readonly AuditRecord[]): Promise<string> => {
    const logGroupName = `/userprofile/search${++groups}/audit`;
    await moto.setUp.send(new CreateLogGroupCommand({ logGroupName }));
    const writers = ['GetUserProfile-dev', 'DeleteUserProfile-dev'].map(
      (writerName) => new CloudWatchLogsAuditTrail({ client: moto.setUp, logGroupName, writerName }),
    );
    for (const [index, record] of records.entries()) await writers[index % 2]!.record(record);
    return logGroupName;
  };

  it('finds the records whose target is one of the given ones, refusals included, across streams, oldest first', async () => {
    // Prepare
    const byId = aRecord('user-sub-2');
    const other = aRecord('user-sub-3');
    const byPseudonym = aRecord('hmac-sha256:v1:abc', { outcome: 'refused', reason: 'forbidden' });
    const anyone = aRecord('*', { action: 'GET /users' });
    const logGroupName = await aGroupWith([byId, other, byPseudonym, anyone]);
    const search = new CloudWatchLogsAuditSearch({ client: moto.client, logGroupName });

    // Act
    const found = await search.recordsNaming(['user-sub-2', 'hmac-sha256:v1:abc'], new Date());

    // Assess
    expect(found.records).toEqual([byId, byPseudonym]);
    expect(found.truncated).toBe(false);
  });

  it('looks back its window of days from now, and says since when', async () => {
    // Prepare: records of today, searched as if 100 days had passed
    const logGroupName = await aGroupWith([aRecord('user-sub-2')]);
    const search = new CloudWatchLogsAuditSearch({ client: moto.client, logGroupName, windowDays: 90 });
    const later = new Date(Date.now() + 100 * DAY_MS);

    // Act
    const found = await search.recordsNaming(['user-sub-2'], later);

    // Assess
    expect(found).toEqual({ records: [], since: new Date(later.getTime() - 90 * DAY_MS), truncated: false });
  });

  it('follows nextToken to the last page', async () => {
    // Prepare
    const mine = [aRecord('user-sub-2'), aRecord('user-sub-2'), aRecord('user-sub-2')];
    const logGroupName = await aGroupWith([...mine, aRecord('user-sub-9'), aRecord('user-sub-9')]);
    const search = new CloudWatchLogsAuditSearch({ client: moto.client, logGroupName, pageSize: 1 });

    // Act
    const found = await search.recordsNaming(['user-sub-2'], new Date());

    // Assess
    expect(found.records).toEqual(mine);
    expect(found.truncated).toBe(false);
  });

  it('stops at its page cap and says the result is truncated', async () => {
    // Prepare
    const logGroupName = await aGroupWith([aRecord('user-sub-2'), aRecord('user-sub-2'), aRecord('user-sub-2')]);
    const search = new CloudWatchLogsAuditSearch({ client: moto.client, logGroupName, pageSize: 1, maxPages: 2 });

    // Act
    const found = await search.recordsNaming(['user-sub-2'], new Date());

    // Assess
    expect(found.records).toHaveLength(2);
    expect(found.truncated).toBe(true);
  });

  it('answers "try later" (StoreUnavailableError) when CloudWatch Logs cannot be reached', async () => {
    // Prepare
    const unreachable = createCloudWatchLogsClient({ endpoint: await closedPort() });
    const search = new CloudWatchLogsAuditSearch({ client: unreachable, logGroupName: '/userprofile/x/audit' });

    // Act / Assess
    await expect(search.recordsNaming(['user-sub-2'], new Date())).rejects.toMatchObject({
      name: 'StoreUnavailableError',
    });
    unreachable.destroy();
  });
});

describe('targetFilterPattern', () => {
  it('matches any of the targets exactly, in CloudWatch Logs JSON filter syntax', () => {
    expect(targetFilterPattern(['user-sub-2', 'hmac-sha256:v1:ab'])).toBe(
      '{ ($.target = "user-sub-2") || ($.target = "hmac-sha256:v1:ab") }',
    );
  });

  it('escapes quotes and backslashes, so a value cannot change the pattern', () => {
    expect(targetFilterPattern(['a" || $.target = "b\\'])).toBe('{ ($.target = "a\\" || $.target = \\"b\\\\") }');
  });
});
