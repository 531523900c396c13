import { FilterLogEventsCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { AuditRecord, AuditRecordsFound, AuditTrailSearch } from '@userprofile/domain';

import { toStoreFault } from '../dynamodb/error-translation';

/** How far back a search looks unless told otherwise. */
export const DEFAULT_AUDIT_SEARCH_DAYS = 90;
/** How many FilterLogEvents pages a search reads at most unless told otherwise. */
export const DEFAULT_AUDIT_SEARCH_PAGES = 20;

const DAY_MS = 86_400_000;

export interface CloudWatchLogsAuditSearchOptions {
  /** A CloudWatch Logs client (`createCloudWatchLogsClient`). */
  readonly client: CloudWatchLogsClient;
  /** The audit log group, e.g. `/userprofile/dev/audit`. */
  readonly logGroupName: string;
  /** How many days back from `now` a search looks. @default DEFAULT_AUDIT_SEARCH_DAYS */
  readonly windowDays?: number;
  /**
   * How many pages a search reads at most; past it the result says `truncated`. Each page scans
   * a slice of the group whether it finds anything or not, so this bounds the cost of one search.
   * @default DEFAULT_AUDIT_SEARCH_PAGES
   */
  readonly maxPages?: number;
  /** Events per page (FilterLogEvents' `limit`). @default - CloudWatch Logs' own: up to 10,000 events or 1 MB */
  readonly pageSize?: number;
}

/**
 * `AuditTrailSearch` on the audit log group: `FilterLogEvents` over every stream, bounded to the
 * window, with a JSON filter pattern on the record's `target` so that CloudWatch Logs returns
 * only the records that name the user, paged with `nextToken` up to the cap. Every event found
 * is parsed and checked again here: only well-formed records with an exact target are returned.
 */
export class CloudWatchLogsAuditSearch implements AuditTrailSearch {
  private readonly windowMs: number;
  private readonly maxPages: number;

  constructor(private readonly options: CloudWatchLogsAuditSearchOptions) {
    this.windowMs = (options.windowDays ?? DEFAULT_AUDIT_SEARCH_DAYS) * DAY_MS;
    this.maxPages = options.maxPages ?? DEFAULT_AUDIT_SEARCH_PAGES;
  }

  async recordsNaming(targets: readonly string[], now: Date): Promise<AuditRecordsFound> {
    const since = new Date(now.getTime() - this.windowMs);
    const found: { readonly timestamp: number; readonly record: AuditRecord }[] = [];
    if (targets.length === 0) return { records: [], since, truncated: false };
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await this.page(targetFilterPattern(targets), since, now, nextToken);
      for (const event of page.events ?? []) {
        const record = auditRecordIn(event.message);
        if (record && targets.includes(record.target)) found.push({ timestamp: event.timestamp ?? 0, record });
      }
      nextToken = page.nextToken;
      pages += 1;
    } while (nextToken && pages < this.maxPages);
    // Pages come stream by stream: the export lists them in the order they were written.
    found.sort((a, b) => a.timestamp - b.timestamp);
    return { records: found.map(({ record }) => record), since, truncated: nextToken !== undefined };
  }

  private async page(filterPattern: string, since: Date, now: Date, nextToken: string | undefined) {
    try {
      return await this.options.client.send(
        new FilterLogEventsCommand({
          logGroupName: this.options.logGroupName,
          filterPattern,
          startTime: since.getTime(),
          endTime: now.getTime(),
          ...(this.options.pageSize !== undefined && { limit: this.options.pageSize }),
          ...(nextToken && { nextToken }),
        }),
      );
    } catch (error) {
      // Throttled or unreachable: 503, try later; anything else is a deployment fault (named only).
      throw toStoreFault(error);
    }
  }
}

/**
 * `{ ($.target = "a") || ($.target = "b") }`: CloudWatch Logs' JSON filter syntax. Quotes and
 * backslashes are escaped, though ids and pseudonyms never hold them.
 */
export function targetFilterPattern(targets: readonly string[]): string {
  const quoted = (value: string): string => `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
  return `{ ${targets.map((target) => `($.target = ${quoted(target)})`).join(' || ')} }`;
}

/** The audit record an event holds, if it is one (the group holds nothing else, but a reader checks). */
function auditRecordIn(message: string | undefined): AuditRecord | undefined {
  if (message === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { time, requestId, actor, actorIsAdmin, action, target, outcome, reason } = parsed as Record<string, unknown>;
  if (
    typeof time !== 'string' ||
    typeof requestId !== 'string' ||
    typeof actor !== 'string' ||
    typeof actorIsAdmin !== 'boolean' ||
    typeof action !== 'string' ||
    typeof target !== 'string'
  ) {
    return undefined;
  }
  const refusal = outcome === 'refused' && (reason === 'forbidden' || reason === 'email-not-verified-for-caller');
  return { time, requestId, actor, actorIsAdmin, action, target, ...(refusal && { outcome, reason }) };
}
