import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP relay on a loopback port to a real server (PostgreSQL, in the tests). Cutting it is, for
 * its clients, the server being killed: every connection reset, new ones refused. The shared
 * server itself keeps running, so the test can still look at the data meanwhile.
 */
export class TcpRelay {
  private server?: Server;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly target: { host: string; port: number },
    private boundPort: number,
  ) {}

  /** A relay on a free port to `target`. */
  static async open(target: { host: string; port: number }): Promise<TcpRelay> {
    const relay = new TcpRelay(target, 0);
    relay.boundPort = await relay.listen(0);
    return relay;
  }

  /** A relay to the server of a PostgreSQL URL, and the same URL through the relay. */
  static async forUrl(databaseUrl: string): Promise<{ relay: TcpRelay; url: string }> {
    const url = new URL(databaseUrl);
    const relay = await TcpRelay.open({ host: url.hostname, port: Number(url.port || 5432) });
    url.hostname = '127.0.0.1';
    url.port = String(relay.port);
    return { relay, url: url.toString() };
  }

  get port(): number {
    return this.boundPort;
  }

  get open(): boolean {
    return this.server?.listening ?? false;
  }

  /** Resets every connection and refuses new ones. */
  async cut(): Promise<void> {
    if (!this.server?.listening) return;
    const closed = new Promise((resolve) => this.server!.close(resolve));
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await closed;
  }

  /** Accepts connections again, on the same port. */
  async restore(): Promise<void> {
    if (this.server?.listening) return;
    await this.listen(this.boundPort);
  }

  private listen(port: number): Promise<number> {
    this.server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('error', () => undefined);
        socket.on('close', () => (this.sockets.delete(socket), client.destroy(), upstream.destroy()));
      }
      client.pipe(upstream).pipe(client);
    });
    const server = this.server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
    });
  }
}
