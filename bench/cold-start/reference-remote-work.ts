/**
 * The remote work every shipped API function does beyond DynamoDB, done with the same official
 * clients and bare calls. At init: one SSM GetParameters of its runtime settings under
 * CONFIG_PREFIX, decrypted; the CreateLogStream of its audit stream
 * (CloudWatchLogsAuditTrail.prepare); and the GetSecretValue of the audit pseudonym key, since
 * every API function may have to write an audit record before it answers. Per request: the
 * PutLogEvents of the audit record the function writes before acting (its target the keyed
 * pseudonym), and an export's FilterLogEvents search of the trail by that pseudonym.
 */
import {
  CloudWatchLogsClient,
  CreateLogStreamCommand,
  FilterLogEventsCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import { createHmac, randomUUID } from 'node:crypto';

import { RUNTIME_SETTINGS_PARAMETERS } from '../../packages/http-lambda/src/settings/settings-parsers';
import { LAMBDA_ENV } from '../../packages/http-lambda/src/contract/environment';
import type { ReferenceAuditRecord, RemoteWork } from './reference-core';

const DAY_MS = 86_400_000;
/** As the shipped search: 90 days back, at most 20 pages. */
const SEARCH_DAYS = 90;
const SEARCH_PAGES = 20;

/** Starts the init reads; `ready` is what the first request awaits, `remote` the per-request work. */
export const startRemoteWorkAtInit = (): { ready: Promise<unknown>; remote: RemoteWork } => {
  const prefix = process.env[LAMBDA_ENV.configPrefix] ?? '/userprofile/bench/';
  const logGroupName = process.env[LAMBDA_ENV.auditLogGroup];
  const logStreamName = randomUUID();
  const logs = new CloudWatchLogsClient({});
  const settings = new SSMClient({}).send(
    new GetParametersCommand({
      Names: RUNTIME_SETTINGS_PARAMETERS.map((name) => `${prefix}${name}`),
      WithDecryption: true,
    }),
  );
  const stream = logs.send(new CreateLogStreamCommand({ logGroupName, logStreamName }));
  const key = new SecretsManagerClient({})
    .send(new GetSecretValueCommand({ SecretId: process.env[LAMBDA_ENV.pseudonymSecretArn] }))
    .then(({ VersionId, SecretString }) => ({
      id: VersionId!,
      secret: (JSON.parse(SecretString!) as { key: string }).key,
    }));
  // The shipped form: `hmac-sha256:{key id}:{hex}` (pseudonymOf in the domain).
  const pseudonymOf = async (userId: string) => {
    const { id, secret } = await key;
    return `hmac-sha256:${id}:${createHmac('sha256', secret).update(userId, 'utf8').digest('hex')}`;
  };
  return {
    ready: Promise.all([settings, stream, key]),
    remote: {
      audit: async (record: ReferenceAuditRecord) => {
        await stream;
        // Markers (`*` any profile, `-` none) are kept as they are, as the shipped trail keeps them.
        const target =
          record.target === '*' || record.target === '-' ? record.target : await pseudonymOf(record.target);
        await logs.send(
          new PutLogEventsCommand({
            logGroupName,
            logStreamName,
            logEvents: [{ timestamp: Date.parse(record.time), message: JSON.stringify({ ...record, target }) }],
          }),
        );
      },
      searchAudit: async (userId: string) => {
        const filterPattern = `{ ($.target = "${await pseudonymOf(userId)}") }`;
        const now = Date.now();
        const found: unknown[] = [];
        let nextToken: string | undefined;
        let pages = 0;
        do {
          const page = await logs.send(
            new FilterLogEventsCommand({
              logGroupName,
              filterPattern,
              startTime: now - SEARCH_DAYS * DAY_MS,
              endTime: now,
              ...(nextToken && { nextToken }),
            }),
          );
          for (const event of page.events ?? []) found.push(JSON.parse(event.message ?? 'null'));
          nextToken = page.nextToken;
          pages += 1;
        } while (nextToken && pages < SEARCH_PAGES);
        return found;
      },
    },
  };
};
