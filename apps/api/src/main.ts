import 'reflect-metadata';
import { AppLogger, ConfigError, loadConfig } from '@changepulse/core';
import { createApi } from './setup';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApi(config);
  await app.listen(config.port);
  app.get(AppLogger).log(`API listening on port ${config.port}`);
}

main().catch((error: unknown) => {
  // A config problem is one line for a person; anything else keeps its stack.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
