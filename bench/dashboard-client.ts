import { connect, type Socket } from 'node:net';

/**
 * One keep-alive HTTP/1.1 connection sending a bearer token, one GET at a time, parsed by
 * Content-Length (Express sends it with every JSON answer). Like bench-http-connection.ts, which
 * has no way to add a header: the clients share the CPUs with the API and PostgreSQL, and
 * node:http's client costs several times this per request.
 */
export class BearerConnection {
  private readonly socket: Socket;
  private readonly headers: string;
  // What has arrived, kept as chunks: a large answer is joined once, not once per chunk.
  private chunks: Buffer[] = [];
  private size = 0;
  private head: { status: number; bodyStart: number; end: number } | null = null;
  private waiting: { resolve: (response: { status: number; body: Buffer }) => void; reject: (error: Error) => void } | null = null;

  constructor(baseUrl: string, token: string) {
    const { hostname, port } = new URL(baseUrl);
    this.headers = `Host: bench\r\nAuthorization: Bearer ${token}\r\nAccept: application/json\r\n\r\n`;
    this.socket = connect({ host: hostname, port: Number(port), noDelay: true });
    this.socket.on('data', (chunk: Buffer) => {
      this.chunks.push(chunk);
      this.size += chunk.length;
      this.parse();
    });
    this.socket.on('error', (error) => this.waiting?.reject(error));
    this.socket.on('close', () => this.waiting?.reject(new Error('the API closed the connection')));
  }

  get(path: string): Promise<{ status: number; body: Buffer }> {
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.write(`GET ${path} HTTP/1.1\r\n${this.headers}`);
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private parse(): void {
    if (!this.waiting) return;
    if (!this.head) {
      const buffer = this.joined();
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = buffer.toString('latin1', 0, end);
      const length = /\r\ncontent-length: *(\d+)/i.exec(head)?.[1];
      if (length === undefined) return this.waiting.reject(new Error(`a response without Content-Length: ${head}`));
      this.head = { status: Number(head.slice(9, 12)), bodyStart: end + 4, end: end + 4 + Number(length) };
    }
    if (this.size < this.head.end) return;
    const buffer = this.joined();
    const { status, bodyStart, end } = this.head;
    const rest = buffer.subarray(end);
    [this.chunks, this.size, this.head] = [rest.length ? [rest] : [], rest.length, null];
    const waiting = this.waiting;
    this.waiting = null;
    waiting.resolve({ status, body: buffer.subarray(bodyStart, end) });
  }

  private joined(): Buffer {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0] ?? Buffer.alloc(0);
  }
}
