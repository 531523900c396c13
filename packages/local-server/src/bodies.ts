/* Reading a request's body and writing a JSON answer: what the gateway and its local actions share. */
import type { IncomingMessage } from 'node:http';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { SECURITY_HEADERS } from '@userprofile/http-lambda/contract';

export type BodyRead = { readonly ok: true; readonly body: Buffer } | { readonly ok: false };

/**
 * Reads a request body, counting bytes as they arrive: a declared or actual size above the
 * limit stops reading at once, so an oversized body is never buffered.
 */
export const readBody = (request: IncomingMessage, limit: number): Promise<BodyRead> =>
  new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? '0');
    if (declared > limit) {
      resolve({ ok: false });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = (): void => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        request.pause();
        resolve({ ok: false });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve({ ok: true, body: Buffer.concat(chunks, size) });
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
  });

/** A JSON answer of the gateway's own, with the request id and the security headers. */
export const json = (statusCode: number, body: unknown, requestId: string): APIGatewayProxyResult => ({
  statusCode,
  headers: { 'Content-Type': 'application/json', 'X-Request-Id': requestId, ...SECURITY_HEADERS },
  body: JSON.stringify(body),
});
