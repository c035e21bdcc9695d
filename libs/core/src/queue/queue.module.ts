import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { AppConfig } from '../config/app-config';
import { JobQueue } from './job-queue';
import { startBoss } from './queues';

/** Stops pg-boss with the app, letting running jobs finish first. */
class BossLifecycle implements OnApplicationShutdown {
  constructor(@Inject(PgBoss) private readonly boss: PgBoss) {}

  async onApplicationShutdown(): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 }).catch(() => undefined);
  }
}

/** pg-boss on the product database: `PgBoss` for workers, `JobQueue` for everyone who enqueues. */
@Global()
@Module({})
export class QueueModule {
  static forRoot(options: { worker: boolean }): DynamicModule {
    return {
      module: QueueModule,
      providers: [
        {
          provide: PgBoss,
          inject: [AppConfig],
          useFactory: (config: AppConfig) => startBoss(requireDatabaseUrl(config), options),
        },
        { provide: JobQueue, inject: [PgBoss], useFactory: (boss: PgBoss) => new JobQueue(boss) },
        BossLifecycle,
      ],
      exports: [PgBoss, JobQueue],
    };
  }
}

/** The database URL of a process that does not start its own server. */
export function requireDatabaseUrl(config: AppConfig): string {
  if (!config.databaseUrl) throw new Error('DATABASE_URL is not set: start everything with `npm start`, or set DATABASE_URL');
  return config.databaseUrl;
}
