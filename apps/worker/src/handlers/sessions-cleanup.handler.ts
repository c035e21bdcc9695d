import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { SignInService } from '@changepulse/access';
import { QUEUES } from '@changepulse/core';

/** Every hour (a pg-boss cron): deletes expired sessions and old sign-in links. */
@Injectable()
export class SessionsCleanupHandler implements OnApplicationBootstrap {
  constructor(
    private readonly boss: PgBoss,
    private readonly signIn: SignInService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.boss.schedule(QUEUES.sessionsCleanup, '17 * * * *', {}, { tz: 'UTC', singletonKey: 'sessions-cleanup' });
    await this.boss.work(QUEUES.sessionsCleanup, { batchSize: 1 }, async () => {
      await this.signIn.cleanup();
    });
  }
}
