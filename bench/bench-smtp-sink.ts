import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * The fan-out benchmark's SMTP server, in-process on a loopback port: accepts everything, keeps
 * only the Message-ID of each mail (to prove none was lost or sent twice) and the bytes received.
 * The test suites have a fuller sink in libs/testing, which the benchmark build cannot import.
 */
export class BenchSmtpSink {
  readonly messageIds: string[] = [];
  bytes = 0;

  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
  ) {}

  static async start(): Promise<BenchSmtpSink> {
    let sink: BenchSmtpSink | undefined;
    const server = new SMTPServer({
      secure: false,
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      closeTimeout: 100,
      onData(stream, _session, callback) {
        let head = '';
        stream.on('data', (chunk: Buffer) => {
          sink!.bytes += chunk.length;
          if (head.length < 4096) head += chunk.toString('latin1', 0, Math.min(chunk.length, 4096));
        });
        stream.on('end', () => {
          sink!.messageIds.push(/^Message-ID:\s*(<[^>]+>)/im.exec(head)?.[1] ?? '');
          callback();
        });
      },
    });
    const port = await new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port));
    });
    sink = new BenchSmtpSink(server, port);
    return sink;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Forgets what was received so far, for the next run. */
  reset(): void {
    this.messageIds.length = 0;
    this.bytes = 0;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
