import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface FakeEndpoint {
  readonly endpoint: string;
  /** Requests seen so far: how many attempts the client made. */
  readonly requests: () => number;
  stop(): Promise<void>;
}

/**
 * An HTTP server on loopback that answers every DynamoDB request the same way: a canned
 * error, or never (a hung store). It speaks the real wire protocol, so the SDK's own
 * parsing, retries and time-outs run exactly as they would against DynamoDB.
 */
export async function startFakeDynamoDb(
  answer: { status: number; type: string; message: string } | 'never',
): Promise<FakeEndpoint> {
  let requests = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    requests += 1;
    request.resume();
    if (answer === 'never') return;
    response.writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.0' });
    response.end(JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${answer.type}`, message: answer.message }));
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
