import { Inject, Injectable, Logger, OnApplicationShutdown, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CHANNEL_SENDERS, type ChannelSender, type OutgoingMessage, type SendResult } from './channel-sender';
import { DELIVERY_COMPOSERS, type DeliveryComposer } from './delivery-composer';
import { DeliveryLog, outcomeOf, type ClaimedRow, type Outcome } from './delivery-log';
import { MessageFeed } from './message-feed';
import { OutcomeWriter } from './outcome-writer';

/** How the drain works through the log; the defaults suit a few pooled SMTP connections. */
export interface DeliveryOptions {
  /** Rows claimed at a time. */
  batchSize: number;
  /** Messages in flight at once (the transport's pool queues beyond its connections). */
  concurrency: number;
}
export const DEFAULT_DELIVERY_OPTIONS: DeliveryOptions = { batchSize: 500, concurrency: 25 };
export const DELIVERY_OPTIONS = Symbol('DELIVERY_OPTIONS');

/** What one drain did. */
export interface DrainReport {
  sent: number;
  retrying: number;
  failed: number;
  cancelled: number;
  /** Rows a stopped worker had left `sending`, put back in the queue. */
  recovered: number;
}

/** A claimed row and its message, ready to go. */
interface Ready {
  row: ClaimedRow;
  message: OutgoingMessage;
}

const HEARTBEAT_MS = 60_000;

/**
 * The delivery log's worker side: sends what is due, row by row, through the channel senders,
 * asking the composers for the words. Safe to run in several workers at once.
 */
@Injectable()
export class DeliveriesService implements OnApplicationShutdown {
  private readonly logger = new Logger(DeliveriesService.name);
  private readonly log: DeliveryLog;
  private readonly senders: Map<string, ChannelSender>;
  private readonly composers: Map<string, DeliveryComposer>;
  private readonly options: DeliveryOptions;
  private stopping = false;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    @Inject(CHANNEL_SENDERS) senders: ChannelSender[],
    @Inject(DELIVERY_COMPOSERS) composers: DeliveryComposer[],
    @Optional() @Inject(DELIVERY_OPTIONS) options?: Partial<DeliveryOptions>,
  ) {
    this.log = new DeliveryLog(dataSource);
    this.senders = new Map(senders.map((sender) => [sender.channel, sender]));
    this.composers = new Map(composers.flatMap((composer) => composer.kinds.map((kind) => [kind, composer] as const)));
    this.options = { ...DEFAULT_DELIVERY_OPTIONS, ...options };
  }

  /**
   * Sends everything due until nothing is due. Lanes send with bounded concurrency from a feed
   * that claims and composes the next batch while the current one is still being sent, and the
   * outcomes are written back in the background, so the connections never wait on the database.
   */
  async drain(): Promise<DrainReport> {
    const report: DrainReport = { sent: 0, retrying: 0, failed: 0, cancelled: 0, recovered: await this.log.recoverStuck() };
    // The ids claimed by this drain and not yet written back, kept fresh so they never look stuck.
    const held = new Set<string>();
    const writer = new OutcomeWriter(this.log, (outcomes) => count(outcomes, held, report));
    const feed = new MessageFeed(() => this.prepare(held, writer), Math.max(this.options.concurrency, this.options.batchSize / 2));
    const heartbeat = setInterval(() => this.heartbeat(held), HEARTBEAT_MS).unref();
    const lane = async () => {
      for (let ready = await feed.next(); ready; ready = await feed.next()) {
        writer.add(outcomeOf(ready.row, await this.sendOne(ready.row, ready.message)));
      }
    };
    try {
      const lanes = await Promise.allSettled(Array.from({ length: this.options.concurrency }, lane));
      const failure = lanes.find((result) => result.status === 'rejected');
      if (failure) throw failure.reason; // rows claimed and not written back are recovered later
    } finally {
      clearInterval(heartbeat);
      await writer.close();
    }
    if (report.sent + report.retrying + report.failed + report.cancelled + report.recovered > 0) this.logger.log({ ...report }, 'Deliveries drained');
    return report;
  }

  onApplicationShutdown(): void {
    this.stopping = true; // the rows in hand are finished, no new ones are claimed
  }

  /**
   * Claims a batch and asks the composers for its messages; rows with nothing to send are
   * written back at once. Null when nothing is due (or the app is stopping).
   */
  private async prepare(held: Set<string>, writer: OutcomeWriter): Promise<Ready[] | null> {
    if (this.stopping) return null;
    const rows = await this.log.claim(this.options.batchSize, [...this.composers.keys()], [...this.senders.keys()]);
    if (rows.length === 0) return null;
    for (const row of rows) held.add(row.id);
    const ready: Ready[] = [];
    for (const [composer, ofComposer] of groupBy(rows, (row) => this.composers.get(row.kind)!)) {
      let messages: Map<string, OutgoingMessage | null>;
      try {
        messages = await composer.compose(ofComposer);
      } catch (error) {
        this.logger.error({ err: error, kinds: composer.kinds }, 'Composing deliveries failed; they are retried later');
        for (const row of ofComposer) writer.add(outcomeOf(row, { ok: false, permanent: false, error: `composing failed: ${String(error)}` }));
        continue;
      }
      for (const row of ofComposer) {
        const message = messages.get(row.id);
        if (message) ready.push({ row, message });
        else writer.add({ id: row.id, status: 'cancelled', error: message === null ? 'no longer to be sent' : 'the composer gave no message' });
      }
    }
    return ready;
  }

  private async sendOne(row: ClaimedRow, message: OutgoingMessage): Promise<SendResult> {
    try {
      return await this.senders.get(row.channel)!.send(message);
    } catch (error) {
      return { ok: false, permanent: false, error: String(error) };
    }
  }

  private heartbeat(held: Set<string>): void {
    this.log.touch([...held]).catch((error: unknown) => this.logger.warn({ err: error }, 'Could not refresh the rows being sent'));
  }
}

/** Written back: no longer held, and counted. */
function count(outcomes: Outcome[], held: Set<string>, report: DrainReport): void {
  for (const outcome of outcomes) {
    held.delete(outcome.id);
    if (outcome.status === 'sent') report.sent += 1;
    else if (outcome.status === 'queued') report.retrying += 1;
    else if (outcome.status === 'failed') report.failed += 1;
    else report.cancelled += 1;
  }
}

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
