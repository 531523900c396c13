import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface SilentEndpoint {
  readonly endpoint: string;
  /** Requests seen so far: how many attempts the client made. */
  readonly requests: () => number;
  stop(): Promise<void>;
}

/**
 * An HTTP server on loopback that takes every request and never answers: a hung store. What
 * is under test is the client's own time-outs and retries, which only a real socket exercises
 * (a mocked `send` has none); service errors are mocked with aws-sdk-client-mock instead.
 */
export async function startSilentEndpoint(): Promise<SilentEndpoint> {
  let requests = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((request: IncomingMessage) => {
    requests += 1;
    request.resume();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests: () => requests,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port with nothing listening: connections are refused at once. */
export async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
