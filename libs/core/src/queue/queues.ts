import { Logger } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { databaseOutage } from '../errors/database-outage';
import { isDatabaseUnavailable } from '../errors/database-unavailable';

/** Every pg-boss queue the product uses; each is created at start, since send() to a missing one is silently dropped. */
export const QUEUES = {
  directoryImported: 'directory.imported',
  /** Sends what is due in the delivery log; safe to run on several workers at once. */
  deliveriesDue: 'deliveries.due',
  /** Every minute: closes waves past closesAt and creates due pulse rounds. */
  surveysTick: 'surveys.tick',
  /** Rebuilds a wave's analytics rollups ({ waveId }), or every stale wave ({}), as answers arrive. */
  analyticsRefresh: 'analytics.refresh',
  /** Every hour: deletes expired dashboard sessions and old sign-in links. */
  sessionsCleanup: 'sessions.cleanup',
  /** Mondays 07:00 UTC: adds the week's digest delivery to each leader who wants it (once a week). */
  analyticsDigest: 'analytics.digest',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** pg-boss on the product's database. The API passes `{ worker: false }`: it only enqueues. */
export async function startBoss(databaseUrl: string, options: { worker: boolean }): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: databaseUrl,
    application_name: options.worker ? 'changepulse-worker' : 'changepulse-api',
    max: options.worker ? 5 : 2,
    supervise: options.worker,
    schedule: options.worker,
  });
  // Without a listener an 'error' event (say, the database restarting) would crash the process.
  // Each queue's poll fails every two seconds while the database is away: counted, not logged each time.
  const logger = new Logger('PgBoss');
  const outage = databaseOutage(databaseUrl);
  boss.on('error', (error: Error) => {
    if (isDatabaseUnavailable(error)) outage.note('background errors', error);
    else logger.warn({ err: error }, 'pg-boss: database error');
  });
  await boss.start();
  for (const name of Object.values(QUEUES)) await boss.createQueue(name);
  return boss;
}
