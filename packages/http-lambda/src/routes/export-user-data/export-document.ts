import type { HeldIdempotencyRecord, UserDataExport } from '@userprofile/domain';

import { HEADER } from '../../http/headers';
import { jsonResponse, profileBody, type HttpResponse } from '../../http/responses';

/** A stored response as the export shows it: its status, replayed headers and body, as kept. */
interface StoredResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * The export as one JSON document (`docs/export.schema.json`). Values are as stored: a stored
 * response's body stays the string that was kept, so nothing is re-encoded or lost.
 */
export function exportDocumentOf(data: UserDataExport) {
  return {
    userId: data.userId,
    exportedAt: data.exportedAt.toISOString(),
    profile: data.profile ? profileBody(data.profile) : null,
    storedResponses: data.idempotencyRecords.map(storedResponseOf),
    auditRecords: data.audit.records,
    auditRecordsSince: data.audit.since.toISOString(),
    auditRecordsTruncated: data.audit.truncated,
  };
}

function storedResponseOf(record: HeldIdempotencyRecord) {
  return {
    idempotencyKey: record.key,
    status: record.status,
    expiresAt: record.expiresAt.toISOString(),
    response: record.outcome === undefined ? null : responseIn(record.outcome),
  };
}

/** The kept response (the idempotency layer stores it as JSON); kept as a string if it is not that shape. */
function responseIn(outcome: string): StoredResponse | string {
  try {
    const parsed = JSON.parse(outcome) as Partial<StoredResponse> | null;
    if (
      typeof parsed?.statusCode === 'number' &&
      typeof parsed.body === 'string' &&
      typeof parsed.headers === 'object' &&
      parsed.headers !== null
    ) {
      return { statusCode: parsed.statusCode, headers: parsed.headers, body: parsed.body };
    }
  } catch {
    // Not JSON: shown as stored.
  }
  return outcome;
}

/**
 * 200 with the document as a download. The file name names the service and the moment only,
 * never the user: it ends up in download folders, browser histories and proxies' logs.
 */
export function exportResponse(data: UserDataExport): HttpResponse {
  const stamp = data.exportedAt.toISOString().replace(/[-:]|\.\d+/g, '');
  return jsonResponse(200, exportDocumentOf(data), {
    [HEADER.contentDisposition]: `attachment; filename="userprofile-export-${stamp}.json"`,
  });
}
