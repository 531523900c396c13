import './aws-sdk-env';

import type { AddressInfo } from 'node:net';

import dynalite from 'dynalite';

export interface RunningEngine {
  /** e.g. `http://127.0.0.1:43123` */
  readonly endpoint: string;
  stop(): Promise<void>;
}

/**
 * dynalite in this process, in memory, on a free loopback port. Tables become ACTIVE at
 * once, so a test can create a fresh table without waiting.
 */
export async function startDynalite(): Promise<RunningEngine> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
