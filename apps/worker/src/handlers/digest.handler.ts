import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import PgBoss from 'pg-boss';
import { DataSource } from 'typeorm';
import { JobQueue, QUEUES } from '@changepulse/core';
import { DIGEST_CRON, enqueueWeeklyDigests } from '@changepulse/analytics';

/**
 * The weekly digest: every Monday at 07:00 UTC (a pg-boss cron, kept in the database) adds the
 * week's delivery row for each user who wants it; the deliveries drain sends them. A second run
 * in the same week adds nothing.
 */
@Injectable()
export class DigestHandler implements OnApplicationBootstrap {
  private readonly logger = new Logger(DigestHandler.name);

  constructor(
    private readonly boss: PgBoss,
    private readonly jobs: JobQueue,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.boss.schedule(QUEUES.analyticsDigest, DIGEST_CRON, {}, { tz: 'UTC', singletonKey: 'analytics-digest' });
    await this.boss.work(QUEUES.analyticsDigest, { batchSize: 1 }, async () => {
      await this.run();
    });
  }

  /** Adds this week's digest rows and asks for a drain when there are new ones. */
  async run(now = new Date()): Promise<number> {
    const added = await enqueueWeeklyDigests(this.dataSource, now);
    if (added > 0) {
      this.logger.log({ added }, 'Weekly digests queued');
      await this.jobs.send(QUEUES.deliveriesDue, {});
    }
    return added;
  }
}
