import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig, databaseOutage, isDatabaseUnavailable, type DatabaseOutage } from '@changepulse/core';
import { CHANNEL_SENDERS, type ChannelSender, type OutgoingMessage, type SendResult } from './channel-sender';
import { DELIVERY_COMPOSERS, type DeliveryComposer } from './delivery-composer';
import { DeliveryLog, outcomeOf, RENEW_EVERY_MS, type ClaimedRow, type Outcome } from './delivery-log';
import { MessageFeed } from './message-feed';
import { OutcomeWriter } from './outcome-writer';

/** How the drain works through the log; the defaults suit a few pooled SMTP connections. */
export interface DeliveryOptions {
  /** Rows claimed at a time: a few seconds of sending, so a kill strands little (it comes back with the lease anyway). */
  batchSize: number;
  /** Messages in flight at once (the transport's pool queues beyond its connections). */
  concurrency: number;
}
export const DEFAULT_DELIVERY_OPTIONS: DeliveryOptions = { batchSize: 100, concurrency: 25 };
export const DELIVERY_OPTIONS = Symbol('DELIVERY_OPTIONS');
/** How soon a drain cut short by a database outage tries again (a try costs one refused connection). */
export const OUTAGE_RETRY_MS = 5_000;

/** What one drain did. */
export interface DrainReport {
  sent: number;
  retrying: number;
  failed: number;
  cancelled: number;
  /** Rows whose worker stopped (their lease ran out), put back in the queue or failed. */
  recovered: number;
}

/** A claimed row and its message, ready to go. */
interface Ready {
  row: ClaimedRow;
  message: OutgoingMessage;
}

/**
 * The delivery log's worker side: sends what is due, row by row, through the channel senders,
 * asking the composers for the words. Safe to run in several workers at once. It drains at start
 * and again whenever some worker's lease runs out, so a dead worker's rows go out within the lease.
 * When the database goes away mid-drain, the lanes stop after the mail they hold, the outcomes
 * not written are kept, and the drain tries again every few seconds: once the database is back
 * it writes them first (so nothing accepted is sent twice) and puts its unsent claims back.
 */
@Injectable()
export class DeliveriesService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeliveriesService.name);
  private readonly log: DeliveryLog;
  private readonly senders: Map<string, ChannelSender>;
  private readonly composers: Map<string, DeliveryComposer>;
  private readonly options: DeliveryOptions;
  private stopping = false;
  /** Drains run one after the other in a process, so at most `concurrency` mails are in flight. */
  private queue: Promise<unknown> = Promise.resolve();
  private wakeTimer: NodeJS.Timeout | undefined;
  private wakeAt = Infinity;
  private readonly outage: DatabaseOutage;
  /** Outcomes of a drain cut short, written first by the next one. */
  private unwritten: Outcome[] = [];
  /** A drain was cut short: rows this worker claimed may still be `sending` with nobody on them. */
  private interrupted = false;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    config: AppConfig,
    @Inject(CHANNEL_SENDERS) senders: ChannelSender[],
    @Inject(DELIVERY_COMPOSERS) composers: DeliveryComposer[],
    @Optional() @Inject(DELIVERY_OPTIONS) options?: Partial<DeliveryOptions>,
  ) {
    this.log = new DeliveryLog(dataSource, randomUUID());
    this.senders = new Map(senders.map((sender) => [sender.channel, sender]));
    this.composers = new Map(composers.flatMap((composer) => composer.kinds.map((kind) => [kind, composer] as const)));
    this.options = { ...DEFAULT_DELIVERY_OPTIONS, ...options };
    this.outage = databaseOutage(config.databaseUrl);
  }

  /**
   * Sends everything due until nothing is due, after any drain of this process still running.
   * Lanes send with bounded concurrency from a feed that claims and composes the next batch while
   * the current one is still being sent; each lane marks its mail before it takes the next.
   */
  drain(): Promise<DrainReport> {
    const run = this.queue.then(() => this.drainOnce());
    this.queue = run.then(
      () => this.watchLeases(),
      (error: unknown) => this.afterFailure(error), // the caller sees the failure too
    );
    return run;
  }

  /** Counts a failure for want of the database (its outage is logged once) instead of logging each; else warns. */
  private unavailable(error: unknown, what: string): void {
    if (isDatabaseUnavailable(error)) this.outage.note('background errors', error);
    else this.logger.warn({ err: error }, what);
  }

  onApplicationBootstrap(): void {
    this.wakeIn(0); // a restarted worker picks up at once what is due
  }

  onApplicationShutdown(): void {
    this.stopping = true; // the rows in hand are finished, no new ones are claimed
    clearTimeout(this.wakeTimer);
  }

  private async drainOnce(): Promise<DrainReport> {
    const report: DrainReport = { sent: 0, retrying: 0, failed: 0, cancelled: 0, recovered: 0 };
    await this.catchUp(report);
    // The ids claimed by this drain and not yet written back, their leases renewed until then.
    const held = new Set<string>();
    const writer = new OutcomeWriter(this.log, (outcomes) => count(outcomes, held, report));
    const feed = new MessageFeed(() => this.prepare(held, writer, report), Math.max(this.options.concurrency, this.options.batchSize / 2));
    const renewal = setInterval(() => this.renew(held), RENEW_EVERY_MS).unref();
    const lane = async () => {
      for (let ready = await feed.next(); ready && !writer.failed; ready = await feed.next()) {
        await writer.write([outcomeOf(ready.row, await this.sendOne(ready.row, ready.message))]);
      }
    };
    try {
      const lanes = await Promise.allSettled(Array.from({ length: this.options.concurrency }, lane));
      await feed.settled(); // a claim still under way would hold rows nobody sends
      const failure = lanes.find((result) => result.status === 'rejected');
      if (failure) throw failure.reason;
    } catch (error) {
      // Kept for the next drain; should this process die first, its rows come back with the lease.
      this.unwritten.push(...writer.unwritten);
      this.interrupted = true;
      throw error;
    } finally {
      clearInterval(renewal);
    }
    if (report.sent + report.retrying + report.failed + report.cancelled + report.recovered > 0) this.logger.log({ ...report }, 'Deliveries drained');
    return report;
  }

  /**
   * After a drain was cut short: writes the outcomes it kept (a mail accepted is marked sent, not
   * sent again) and puts back the rows it had claimed and not tried.
   */
  private async catchUp(report: DrainReport): Promise<void> {
    if (this.unwritten.length > 0) {
      await this.log.record(this.unwritten);
      count(this.unwritten, new Set(), report);
      this.unwritten = [];
    }
    if (this.interrupted) {
      report.recovered += await this.log.releaseOwn();
      this.interrupted = false;
    }
  }

  /** A drain failed: with the database away it tries again soon, since no job may come to ask. */
  private afterFailure(error: unknown): void {
    if (!isDatabaseUnavailable(error)) return;
    this.outage.note('background errors', error);
    this.wakeIn(OUTAGE_RETRY_MS);
  }

  /** Drains again just after the next lease of any worker runs out: if that worker died, its rows go out then. */
  private async watchLeases(): Promise<void> {
    if (this.stopping) return;
    try {
      const endsInMs = await this.log.nextLeaseEndsInMs();
      if (endsInMs !== null) this.wakeIn(endsInMs + 1000);
    } catch (error) {
      this.unavailable(error, 'Could not look for leases running out; the minutely drain still will');
    }
  }

  /** Sets the one wake-up timer, unless an earlier one is set already. */
  private wakeIn(delayMs: number): void {
    const at = Date.now() + Math.max(0, delayMs);
    if (this.stopping || at >= this.wakeAt) return;
    clearTimeout(this.wakeTimer);
    this.wakeAt = at;
    this.wakeTimer = setTimeout(() => {
      this.wakeAt = Infinity;
      this.drain().catch((error: unknown) => {
        if (!isDatabaseUnavailable(error)) this.logger.warn({ err: error }, 'Draining deliveries failed; the minutely drain tries again');
      });
    }, at - Date.now()).unref();
  }

  /**
   * Takes back rows whose lease ran out, claims a batch and asks the composers for its messages;
   * rows with nothing to send are written back at once. Null when nothing is due (or stopping).
   */
  private async prepare(held: Set<string>, writer: OutcomeWriter, report: DrainReport): Promise<Ready[] | null> {
    if (this.stopping) return null;
    report.recovered += await this.log.recoverExpired();
    const rows = await this.log.claim(this.options.batchSize, [...this.composers.keys()], [...this.senders.keys()]);
    if (rows.length === 0) return null;
    for (const row of rows) held.add(row.id);
    const ready: Ready[] = [];
    const unsent: Outcome[] = [];
    for (const [composer, ofComposer] of groupBy(rows, (row) => this.composers.get(row.kind)!)) {
      let messages: Map<string, OutgoingMessage | null>;
      try {
        messages = await composer.compose(ofComposer);
      } catch (error) {
        this.logger.error({ err: error, kinds: composer.kinds }, 'Composing deliveries failed; they are retried later');
        for (const row of ofComposer) unsent.push(outcomeOf(row, { ok: false, permanent: false, error: `composing failed: ${String(error)}` }));
        continue;
      }
      for (const row of ofComposer) {
        const message = messages.get(row.id);
        if (message) ready.push({ row, message });
        else unsent.push({ id: row.id, status: 'cancelled', error: message === null ? 'no longer to be sent' : 'the composer gave no message' });
      }
    }
    await writer.write(unsent);
    return ready;
  }

  private async sendOne(row: ClaimedRow, message: OutgoingMessage): Promise<SendResult> {
    try {
      return await this.senders.get(row.channel)!.send(message);
    } catch (error) {
      return { ok: false, permanent: false, error: String(error) };
    }
  }

  private renew(held: Set<string>): void {
    this.log.renew([...held]).catch((error: unknown) => this.unavailable(error, 'Could not renew the leases of the rows being sent'));
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
