import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { isDatabaseUnavailable, QUEUES } from '@changepulse/core';
import { DeliveriesService } from '@changepulse/delivery';

/**
 * Sends what is due in the delivery log: when a launch or a round asks (a `deliveries.due` job)
 * and every minute (a pg-boss cron, kept in the database), so that retries and reminders go out
 * on time. Jobs that pile up are taken together: one drain covers them all.
 */
@Injectable()
export class DeliveriesDueHandler implements OnApplicationBootstrap {
  constructor(
    private readonly boss: PgBoss,
    private readonly deliveries: DeliveriesService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.boss.schedule(QUEUES.deliveriesDue, '* * * * *', {}, { tz: 'UTC' });
    await this.boss.work(QUEUES.deliveriesDue, { batchSize: 20 }, async () => {
      // With the database away the service has counted it and tries again by itself: not a failed job.
      await this.deliveries.drain().catch((error: unknown) => {
        if (!isDatabaseUnavailable(error)) throw error;
      });
    });
  }
}
