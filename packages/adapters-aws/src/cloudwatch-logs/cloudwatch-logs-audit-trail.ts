import { randomBytes } from 'node:crypto';

import {
  CloudWatchLogsClient,
  CreateLogStreamCommand,
  PutLogEventsCommand,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
} from '@aws-sdk/client-cloudwatch-logs';
import type { AuditRecord, AuditTrail } from '@userprofile/domain';

import { createSdkClient, REQUEST_PATH_PATIENCE, type SdkClientOptions } from '../sdk/sdk-client';

export interface CloudWatchLogsAuditTrailOptions {
  /** The trail's CloudWatch Logs client (`createCloudWatchLogsClient`). */
  readonly client: CloudWatchLogsClient;
  /** The audit log group, e.g. `/userprofile/dev/audit`; it must exist (the stack creates it). */
  readonly logGroupName: string;
  /**
   * Who writes: the first part of this writer's stream name. The stack lets each function write
   * only streams that start with its own name, so no function can add records in another's.
   * @default - none: the stream is named by date alone
   */
  readonly writerName?: string;
  /** This writer's stream. @default `{writerName}/YYYY/MM/DD/<random>`: one per execution environment, as Lambda names its own */
  readonly logStreamName?: string;
}

/**
 * `AuditTrail` on a CloudWatch Logs group of its own: one JSON event per record, written with
 * `PutLogEvents` before the request is answered. The stream is created by `prepare()` or the
 * first record, and again if it has gone.
 */
export class CloudWatchLogsAuditTrail implements AuditTrail {
  private readonly client: CloudWatchLogsClient;
  private readonly logGroupName: string;
  private readonly logStreamName: string;
  private streamReady: Promise<void> | undefined;

  constructor(options: CloudWatchLogsAuditTrailOptions) {
    this.client = options.client;
    this.logGroupName = options.logGroupName;
    this.logStreamName = options.logStreamName ?? defaultStreamName(options.writerName);
  }

  async record(entry: AuditRecord): Promise<void> {
    try {
      await this.put(entry);
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
      // The stream was removed under us (or creating it failed earlier): make it and try once more.
      this.streamReady = undefined;
      await this.put(entry);
    }
  }

  private async put(entry: AuditRecord): Promise<void> {
    await this.ensureStream();
    await this.client.send(
      new PutLogEventsCommand({
        logGroupName: this.logGroupName,
        logStreamName: this.logStreamName,
        logEvents: [{ timestamp: timestampOf(entry), message: JSON.stringify(entry) }],
      }),
    );
  }

  /**
   * Creates this writer's stream ahead of its first record, so a cold start can overlap the
   * round trip with loading; a failure is left for the first record to retry.
   */
  prepare(): Promise<void> {
    return this.ensureStream();
  }

  private ensureStream(): Promise<void> {
    this.streamReady ??= this.client
      .send(new CreateLogStreamCommand({ logGroupName: this.logGroupName, logStreamName: this.logStreamName }))
      .then(
        () => undefined,
        (error: unknown) => {
          if (error instanceof ResourceAlreadyExistsException) return;
          this.streamReady = undefined;
          throw error;
        },
      );
    return this.streamReady;
  }
}

/** The record's own time; CloudWatch rejects events far from now, so a bad time falls back to now. */
function timestampOf(entry: AuditRecord): number {
  const time = Date.parse(entry.time);
  return Number.isFinite(time) ? time : Date.now();
}

function defaultStreamName(writerName?: string): string {
  const day = new Date().toISOString().slice(0, 10).replaceAll('-', '/');
  const stream = `${day}/${randomBytes(16).toString('hex')}`;
  return writerName ? `${writerName}/${stream}` : stream;
}

/** The trail's client, with the request path's time-outs so an audited request never hangs on the trail. */
export const createCloudWatchLogsClient = (options: SdkClientOptions = {}): CloudWatchLogsClient =>
  createSdkClient((config) => new CloudWatchLogsClient(config), options, REQUEST_PATH_PATIENCE);
