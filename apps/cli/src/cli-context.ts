import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppLogger, type AppConfig } from '@changepulse/core';
import { attachOrStartEmbedded, runMigrations } from '@changepulse/database';
import { CliModule } from './cli.module';

/**
 * Runs a command against the product's database: DATABASE_URL, the embedded server of a running
 * `npm start`, or an embedded server started for the command alone (and stopped after it).
 */
export async function withDatabase<T>(config: AppConfig, run: (url: string) => Promise<T>): Promise<T> {
  if (config.databaseUrl) return run(config.databaseUrl);
  const database = await attachOrStartEmbedded(config.dataDir);
  try {
    return await run(database.url);
  } finally {
    await database.stop();
  }
}

/** The libs wired up on a migrated database, for the length of one command. */
export async function withContext<T>(config: AppConfig, run: (context: INestApplicationContext) => Promise<T>): Promise<T> {
  return withDatabase(config, async (url) => {
    await runMigrations(url);
    const context = await NestFactory.createApplicationContext(CliModule.forRoot(config.withDatabaseUrl(url)), {
      bufferLogs: true,
    });
    context.useLogger(context.get(AppLogger));
    try {
      return await run(context);
    } finally {
      await context.close();
    }
  });
}
