/**
 * What the test harness and the benchmarks read from the environment, kept beside the product's
 * config so that one folder reads `process.env`. Not part of the product's configuration.
 */
export interface TestEnvironment {
  /** Set by the jest globalSetup: the run's PostgreSQL server, its migrated template, its name prefix. */
  databaseServer?: string;
  templateDatabase?: string;
  runPrefix?: string;
  /** A Chromium binary to use instead of the one in `@sparticuz/chromium`. */
  chromiumPath?: string;
  /** The product's DATABASE_URL, for benchmarks that make their own database on that server. */
  databaseUrl?: string;
}

export function readTestEnvironment(env: NodeJS.ProcessEnv = process.env): TestEnvironment {
  return {
    databaseServer: env.TEST_DATABASE_SERVER || undefined,
    templateDatabase: env.TEST_TEMPLATE_DATABASE || undefined,
    runPrefix: env.TEST_RUN_PREFIX || undefined,
    chromiumPath: env.CHROMIUM_PATH || undefined,
    databaseUrl: env.DATABASE_URL || undefined,
  };
}
