import { EventEmitter, once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { LocalSettingsError } from './local-settings';

/** Where only 127.0.0.1 can reach: the local server is a developer tool, never exposed. */
export const LOCAL_HOST = '127.0.0.1';

/**
 * Listens on `port` of 127.0.0.1 and resolves with the port it got (0 picks a free one).
 * @throws LocalSettingsError naming the port when another process holds it.
 */
export const listenLocally = async (server: Server, port: number): Promise<number> => {
  server.listen(port, LOCAL_HOST);
  try {
    await Promise.race([
      once(server, 'listening'),
      once(server, 'error').then(([error]) => {
        throw error;
      }),
    ]);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new LocalSettingsError(`port ${port} on ${LOCAL_HOST} is already in use; set PORT to another one`);
    }
    throw error;
  }
  return (server.address() as AddressInfo).port;
};

/**
 * Stops accepting, closes idle keep-alive connections, and resolves once the requests under way
 * are answered; past `timeoutMs` the stragglers' connections are cut.
 */
export const closeGracefully = async (
  server: Server,
  underWay: ReadonlySet<Promise<void>>,
  timeoutMs: number,
): Promise<void> => {
  const closed = server.listening ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve();
  const deadlinePassed = new EventEmitter();
  const deadline = setTimeout(() => {
    server.closeAllConnections();
    deadlinePassed.emit('passed');
  }, timeoutMs);
  const idleSweep = setInterval(() => server.closeIdleConnections(), 50);
  try {
    await closed;
    await Promise.race([Promise.allSettled([...underWay]), once(deadlinePassed, 'passed')]);
  } finally {
    clearTimeout(deadline);
    clearInterval(idleSweep);
  }
};
