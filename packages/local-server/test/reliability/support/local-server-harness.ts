import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

import { loadOrCreateSigningKeys, type LocalSigningKeys } from '../../../src/local-keys';
import type { AccessLogEntry } from '../../../src/local-gateway';
import { startLocalServer, type LocalServer, type LocalServerOptions } from '../../../src/local-server';
import { issueLocalToken } from '../../../src/local-tokens';
import { rememberToken } from '@userprofile/testing';

/** The local server in this process on a temporary data folder, with tokens and a request helper. */
export interface LocalServerHarness {
  readonly server: LocalServer;
  readonly keys: LocalSigningKeys;
  readonly dataDir: string;
  readonly accessLog: AccessLogEntry[];
  /** A valid token (remembered as a canary: it must never be logged). */
  tokenFor(sub: string, options?: { admin?: boolean; email?: string }): Promise<string>;
  call(
    method: string,
    route: string,
    options?: { authorization?: string; token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<Response>;
  stop(): Promise<void>;
}

export async function startHarness(
  options: { inMemory?: boolean; logLevel?: string; profileEvents?: LocalServerOptions['profileEvents'] } = {},
): Promise<LocalServerHarness> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'reliability-'));
  const accessLog: AccessLogEntry[] = [];
  const server = await startLocalServer({
    port: 0,
    dataDir,
    env: {},
    inMemory: options.inMemory ?? true,
    logLevel: options.logLevel ?? 'DEBUG',
    accessLog: (entry) => void accessLog.push(entry),
    ...(options.profileEvents && { profileEvents: options.profileEvents }),
  });
  const keys = await loadOrCreateSigningKeys(dataDir);
  return {
    server,
    keys,
    dataDir,
    accessLog,
    tokenFor: async (sub, { admin = false, email } = {}) =>
      rememberToken(await issueLocalToken(keys, { sub, admin, ...(email && { email }) })),
    call: (method, route, { authorization, token, body, headers } = {}) =>
      fetch(`${server.url}${route}`, {
        method,
        headers: {
          ...(authorization !== undefined && { Authorization: authorization }),
          ...(token !== undefined && { Authorization: `Bearer ${token}` }),
          ...(body !== undefined && { 'Content-Type': 'application/json' }),
          ...headers,
        },
        ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      }),
    stop: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
