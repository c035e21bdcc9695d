import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';

/** A mail the sink accepted: as received and as parsed. */
export interface ReceivedMail {
  raw: Buffer;
  parsed: ParsedMail;
  /** The envelope's recipients (RCPT TO). */
  to: string[];
}

/**
 * A real SMTP server in the test process, on a free loopback port, without auth or TLS. It
 * collects every mail it accepts and can be told how to answer a recipient: `answer(address,
 * 421, 250)` refuses the first try and accepts the next; `answer(address, 550)` always refuses;
 * `stall()` takes messages and never answers, like a server that hangs. With `delayMs`, each
 * message is accepted that long after its data arrived, even if the client has gone meanwhile
 * (as a real server keeps what it received), so a send-out takes a while and can be cut short.
 */
export class SmtpSink {
  readonly mails: ReceivedMail[] = [];
  /** Every RCPT TO, accepted or not, in order. */
  readonly attempts: string[] = [];
  private readonly scripts = new Map<string, number[]>();
  private stalled = false;
  private readonly held: Array<() => void> = [];
  private answering = 0;

  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
    private readonly delayMs: number,
  ) {}

  static async start(options: { delayMs?: number } = {}): Promise<SmtpSink> {
    let sink: SmtpSink | undefined;
    const server = new SMTPServer({
      secure: false,
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      closeTimeout: 100,
      onRcptTo: (address, _session, callback) => sink!.onRecipient(address.address, callback),
      onData: (stream, session, callback) => sink!.onData(stream, session.envelope.rcptTo.map((rcpt) => rcpt.address), callback),
    });
    const port = await new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port));
    });
    server.on('error', () => undefined); // a client hanging up mid-session is not the test's failure
    sink = new SmtpSink(server, port, options.delayMs ?? 0);
    return sink;
  }

  /** The SMTP_URL that reaches this sink. */
  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Answers each try for `address` with the next code; the last one repeats. 250 accepts. */
  answer(address: string, ...codes: number[]): void {
    this.scripts.set(address.toLowerCase(), codes);
  }

  /** While on, messages are read and never answered. Turning it off answers nothing held: those clients have given up or died. */
  stall(on = true): void {
    this.stalled = on;
  }

  /** How many messages are waiting for an answer that will not come. */
  get stalledCount(): number {
    return this.held.length;
  }

  /** Messages whose data arrived and whose answer is still waiting out `delayMs`. */
  get answeringCount(): number {
    return this.answering;
  }

  /** How many times each Message-ID arrived. */
  messageIdCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const mail of this.mails) if (mail.parsed.messageId) counts.set(mail.parsed.messageId, (counts.get(mail.parsed.messageId) ?? 0) + 1);
    return counts;
  }

  mailsTo(address: string): ReceivedMail[] {
    return this.mails.filter((mail) => mail.to.includes(address.toLowerCase()));
  }

  attemptsFor(address: string): number {
    return this.attempts.filter((attempt) => attempt === address.toLowerCase()).length;
  }

  async close(): Promise<void> {
    for (const release of this.held.splice(0)) release();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private onRecipient(address: string, callback: (error?: Error | null) => void): void {
    const key = address.toLowerCase();
    this.attempts.push(key);
    const code = this.nextReply(key);
    if (code < 400) return callback();
    callback(Object.assign(new Error(code >= 500 ? 'Mailbox unavailable' : 'Try again later'), { responseCode: code }));
  }

  private nextReply(address: string): number {
    const script = this.scripts.get(address);
    if (!script || script.length === 0) return 250;
    return script.length > 1 ? script.shift()! : script[0];
  }

  private onData(stream: SMTPServerDataStream, recipients: string[], callback: (error?: Error | null) => void): void {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      if (this.stalled) {
        this.held.push(() => callback(Object.assign(new Error('Shutting down'), { responseCode: 421 })));
        return;
      }
      const raw = Buffer.concat(chunks);
      this.answering += 1;
      const delay = this.delayMs > 0 ? new Promise((resolve) => setTimeout(resolve, this.delayMs)) : Promise.resolve();
      delay.then(() => simpleParser(raw)).then(
        (parsed) => {
          this.answering -= 1;
          this.mails.push({ raw, parsed, to: recipients.map((to) => to.toLowerCase()) });
          callback();
        },
        (error: Error) => {
          this.answering -= 1;
          callback(error);
        },
      );
    });
  }
}
