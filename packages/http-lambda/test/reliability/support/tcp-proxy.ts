import { once } from 'node:events';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/** How the proxy treats traffic: pass it on, or swallow it as a dead network would (no answer, no reset). */
export type ProxyMode = 'forward' | 'blackhole';

/**
 * A TCP proxy on loopback between a client and a store, which a test controls: it can point
 * at another port (a restarted store) and it can black-hole traffic. When the store itself is
 * down, the proxy resets the client's connection, as a refused connection would.
 */
export class TcpProxy {
  private readonly server: Server;
  private readonly held = new Set<Socket>();
  /** Every socket either side, so that stop() leaves nothing open. */
  private readonly sockets = new Set<Socket>();
  private readonly pairs = new Set<[Socket, Socket]>();
  private mode: ProxyMode = 'forward';

  private constructor(private targetPort: number) {
    this.server = createServer((client) => this.accept(client));
  }

  static async start(targetPort: number): Promise<TcpProxy> {
    const proxy = new TcpProxy(targetPort);
    proxy.server.listen(0, '127.0.0.1');
    await once(proxy.server, 'listening');
    return proxy;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** From now on, new connections go to `port`. */
  retarget(port: number): void {
    this.targetPort = port;
  }

  /** Cuts the network: open connections stop carrying data, new ones are accepted and never answered. */
  blackhole(): void {
    this.mode = 'blackhole';
    for (const [client, upstream] of this.pairs) {
      client.unpipe(upstream);
      upstream.unpipe(client);
      upstream.destroy();
      this.hold(client);
    }
    this.pairs.clear();
  }

  /** Mends the network: held connections are closed (their requests are long given up on), new ones pass. */
  restore(): void {
    this.mode = 'forward';
    for (const socket of this.held) socket.destroy();
    this.held.clear();
  }

  async stop(): Promise<void> {
    this.restore();
    for (const socket of this.sockets) socket.destroy();
    this.pairs.clear();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Reads and drops what the client sends (a silent peer), and closes when the client gives up. */
  private hold(client: Socket): void {
    this.held.add(client);
    client.on('data', () => undefined);
    client.on('end', () => client.destroy());
  }

  private track(socket: Socket): Socket {
    this.sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => this.sockets.delete(socket));
    return socket;
  }

  private accept(client: Socket): void {
    this.track(client);
    if (this.mode === 'blackhole') {
      this.hold(client);
      client.on('close', () => this.held.delete(client));
      return;
    }
    const upstream = this.track(createConnection({ host: '127.0.0.1', port: this.targetPort }));
    const pair: [Socket, Socket] = [client, upstream];
    this.pairs.add(pair);
    upstream.on('error', () => client.resetAndDestroy());
    const forget = (): void => {
      if (!this.pairs.delete(pair)) return;
      client.destroy();
      upstream.destroy();
    };
    upstream.on('close', forget);
    client.on('close', forget);
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
