import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { QUEUES } from '@changepulse/core';
import { SurveysTickService } from '@changepulse/surveys';

/** Every minute (a pg-boss cron, kept in the database): close waves whose time is up, create due pulse rounds. */
@Injectable()
export class SurveysTickHandler implements OnApplicationBootstrap {
  constructor(
    private readonly boss: PgBoss,
    private readonly tick: SurveysTickService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.boss.schedule(QUEUES.surveysTick, '* * * * *', {}, { tz: 'UTC', singletonKey: 'surveys-tick' });
    await this.boss.work(QUEUES.surveysTick, { batchSize: 1 }, async () => {
      await this.tick.tick();
    });
  }
}
