import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AppConfig } from '@changepulse/core';
import { DeliveriesService } from '@changepulse/delivery';
import { WorkerModule } from '../../../apps/worker/src/worker.module';

export interface TestWorker {
  app: INestApplicationContext;
  /** The worker's own delivery log service, for tests that drain at a moment of their choosing. */
  deliveries: DeliveriesService;
  close(): Promise<void>;
}

/**
 * The real worker (its pg-boss handlers, crons and all) in the test process, on a test app's
 * database. `overrides` change its config, e.g. another SMTP_URL.
 */
export async function startTestWorker(config: AppConfig, overrides: Partial<AppConfig> = {}): Promise<TestWorker> {
  const workerConfig = Object.assign(Object.create(Object.getPrototypeOf(config) as object) as AppConfig, config, overrides);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(workerConfig), { logger: false });
  await app.init();
  return { app, deliveries: app.get(DeliveriesService), close: () => app.close() };
}
