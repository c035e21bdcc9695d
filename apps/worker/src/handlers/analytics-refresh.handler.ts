import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import PgBoss from 'pg-boss';
import { DataSource } from 'typeorm';
import { QUEUES } from '@changepulse/core';
import { refreshRollups, staleWaves } from '@changepulse/analytics';

/**
 * Rebuilds analytics rollups: one wave when the API says it got answers, and every minute
 * (a pg-boss cron) any wave whose rollups lag, so a lost signal costs a minute at most.
 */
@Injectable()
export class AnalyticsRefreshHandler implements OnApplicationBootstrap {
  private readonly logger = new Logger(AnalyticsRefreshHandler.name);

  constructor(
    private readonly boss: PgBoss,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.boss.schedule(QUEUES.analyticsRefresh, '* * * * *', {}, { tz: 'UTC', singletonKey: 'analytics-tick' });
    await this.boss.work<{ waveId?: string }>(QUEUES.analyticsRefresh, { batchSize: 1 }, async ([job]) => {
      const waveIds = job.data.waveId ? [job.data.waveId] : await staleWaves(this.dataSource);
      const started = Date.now();
      await refreshRollups(this.dataSource, waveIds);
      if (waveIds.length) this.logger.debug({ waves: waveIds.length, ms: Date.now() - started }, 'rollups refreshed');
    });
  }
}
