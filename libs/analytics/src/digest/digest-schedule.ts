import type { DataSource } from 'typeorm';

/** The delivery kind of the weekly digest. */
export const DIGEST_KIND = 'digest';

/** Every Monday at 07:00 UTC. */
export const DIGEST_CRON = '0 7 * * 1';

const DAY = 86_400_000;

/** The ISO week of a moment (UTC), as the digest's period: "2026-W48". */
export function isoWeek(at: Date): string {
  // The ISO week is the week of its Thursday, and week 1 holds the year's first Thursday.
  const thursday = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  thursday.setUTCDate(thursday.getUTCDate() + 3 - ((thursday.getUTCDay() + 6) % 7));
  const year = thursday.getUTCFullYear();
  const week = Math.ceil(((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY + 1) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Monday (YYYY-MM-DD) an ISO week such as "2026-W48" starts on. */
export function weekStart(period: string): string {
  const [year, week] = period.split('-W').map(Number);
  const january4 = new Date(Date.UTC(year, 0, 4));
  const monday = january4.getTime() - ((january4.getUTCDay() + 6) % 7) * DAY + (week - 1) * 7 * DAY;
  return new Date(monday).toISOString().slice(0, 10);
}

/**
 * The week's digest rows: one email delivery per user who wants the digest. The unique key
 * (user, kind, channel, period) makes a second run in the same week add nothing. Answers how
 * many rows were added; the deliveries drain sends them.
 */
export async function enqueueWeeklyDigests(dataSource: DataSource, now = new Date()): Promise<number> {
  const rows: unknown[] = await dataSource.query(
    `INSERT INTO deliveries (kind, channel, user_id, period)
     SELECT $1, 'email', id, $2 FROM users WHERE weekly_digest AND disabled_at IS NULL
     ON CONFLICT (user_id, kind, channel, period) DO NOTHING
     RETURNING id`,
    [DIGEST_KIND, isoWeek(now)],
  );
  return rows.length;
}
