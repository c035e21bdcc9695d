import 'reflect-metadata';
import { ConfigError, loadConfig, type AppConfig } from '@changepulse/core';
import { EmbeddedPostgresError } from '@changepulse/database';
import { parseArgs, UsageError, type ParsedArgs } from './args';
import { dbServerCommand } from './commands/db-server.command';
import { demoCommand, DEMO_USAGE } from './commands/demo.command';
import { employeesImportCommand, IMPORT_USAGE } from './commands/employees-import.command';
import { migrateCommand } from './commands/migrate.command';
import { startCommand } from './commands/start.command';
import { tokenCommand, TOKEN_USAGE } from './commands/token.command';
import { userCommand, USER_USAGE } from './commands/user.command';

const USAGE = `changepulse — operator commands (npm run cli -- COMMAND)

  start                 the database, migrations, the API and the worker (what npm start runs)
  migrate               apply pending database migrations
  ${DEMO_USAGE}
  ${TOKEN_USAGE}
  ${USER_USAGE}
  ${IMPORT_USAGE}

Without DATABASE_URL the commands use the embedded PostgreSQL in DATA_DIR (default .data).
`;

async function run(config: AppConfig, args: ParsedArgs): Promise<number> {
  switch (args.words[0]) {
    case 'start':
      return startCommand(config);
    case 'db-server':
      await dbServerCommand(config, args);
      return -1; // keeps running until told to stop
    case 'migrate':
      await migrateCommand(config);
      return 0;
    case 'token':
      await tokenCommand(config, args);
      return 0;
    case 'employees':
      return employeesImportCommand(config, args);
    case 'user':
      await userCommand(config, args);
      return 0;
    case 'demo':
      return demoCommand(config, args);
    case undefined:
    case 'help':
      process.stdout.write(USAGE);
      return 0;
    default:
      throw new UsageError(`unknown command "${args.words[0]}"; run with help to see the commands`);
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.flags.help) {
    process.stdout.write(USAGE);
    return;
  }
  // Operator commands speak to a person: only warnings and errors from the libs' logs.
  const quiet = !['start', 'db-server'].includes(args.words[0] ?? '');
  const config = loadConfig(undefined, quiet ? { LOG_LEVEL: 'warn' } : {});
  const code = await run(config, args);
  if (code >= 0) process.exit(code);
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof UsageError || error instanceof EmbeddedPostgresError;
  console.error(known ? (error as Error).message : error);
  process.exit(known && error instanceof UsageError ? 2 : 1);
});
