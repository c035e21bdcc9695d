import { connect, type Socket } from 'node:net';

/**
 * One keep-alive HTTP/1.1 connection, one request at a time, parsed by Content-Length (which
 * every answer page and redirect sends). The clients share the machine's CPUs with the API and
 * PostgreSQL; node:http's client costs several times this per request, fetch() more still.
 */
export class Connection {
  private readonly socket: Socket;
  private buffer: Buffer = Buffer.alloc(0);
  private waiting: { resolve: (response: { status: number; body: Buffer }) => void; reject: (error: Error) => void } | null = null;

  constructor(baseUrl: string) {
    const { hostname, port } = new URL(baseUrl);
    this.socket = connect({ host: hostname, port: Number(port), noDelay: true });
    this.socket.on('data', (chunk: Buffer) => {
      this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
      this.parse();
    });
    this.socket.on('error', (error) => this.waiting?.reject(error));
    this.socket.on('close', () => this.waiting?.reject(new Error('the API closed the connection')));
  }

  request(method: 'GET' | 'POST', path: string, body = ''): Promise<{ status: number; body: Buffer }> {
    const head = `${method} ${path} HTTP/1.1\r\nHost: bench\r\n${body ? `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` : ''}\r\n`;
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.write(head + body);
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private parse(): void {
    const end = this.buffer.indexOf('\r\n\r\n');
    if (end < 0 || !this.waiting) return;
    const head = this.buffer.toString('latin1', 0, end);
    const length = /\r\ncontent-length: *(\d+)/i.exec(head)?.[1];
    if (length === undefined) return this.waiting.reject(new Error(`a response without Content-Length: ${head}`));
    if (this.buffer.length < end + 4 + Number(length)) return;
    const body = this.buffer.subarray(end + 4, end + 4 + Number(length));
    this.buffer = this.buffer.subarray(end + 4 + Number(length));
    const waiting = this.waiting;
    this.waiting = null;
    waiting.resolve({ status: Number(head.slice(9, 12)), body });
  }
}
