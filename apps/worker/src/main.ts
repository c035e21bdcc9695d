import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppLogger, ConfigError, loadConfig } from '@changepulse/core';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(AppLogger));
  app.enableShutdownHooks();
  await app.init();
  app.get(AppLogger).log('Worker ready');
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
