import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppLogger, ConfigError, databaseOutage, loadConfig, surviveDatabaseOutages } from '@changepulse/core';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const config = loadConfig();
  // pg-boss settles jobs without awaiting: with the database away that is an unhandled rejection,
  // which must not take the worker down; it waits for the database like the rest.
  surviveDatabaseOutages(databaseOutage(config.databaseUrl));
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
