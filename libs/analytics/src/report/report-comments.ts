import type { DataSource } from 'typeorm';
import type { ReportCommentsDto } from './report.dto';

/** The most comments a report shows. */
export const MAX_REPORT_COMMENTS = 12;

/**
 * The comments of a market's respondents in a period, only when at least `minRespondents`
 * people answered in it; at most MAX_REPORT_COMMENTS, in an order derived from the response ids
 * (random, stable for the same report, and unrelated to when anyone answered). Only the text:
 * never a tier, department or date.
 */
export async function periodComments(dataSource: DataSource, marketId: string, from: Date, to: Date, minRespondents: number, seed: string): Promise<ReportCommentsDto> {
  const period = [marketId, from.toISOString().slice(0, 10), to.toISOString().slice(0, 10), to];
  // Through the market's waves (survey_waves_market_idx, then responses_wave_idx).
  const responses = `SELECT r.id, r.comment FROM survey_waves w JOIN responses r ON r.wave_id = w.id
                      WHERE w.market_id = $1 AND w.opens_at < $4 AND r.submitted_on >= $2::date AND r.submitted_on < $3::date`;
  const [{ respondents }]: Array<{ respondents: number }> = await dataSource.query(`SELECT count(*)::int AS respondents FROM (${responses}) q`, period);
  if (respondents < minRespondents) return { shown: false, minRespondents, items: [] };
  const rows: Array<{ comment: string }> = await dataSource.query(
    `SELECT btrim(q.comment) AS comment FROM (${responses}) q
      WHERE btrim(coalesce(q.comment, '')) <> ''
      ORDER BY md5(q.id::text || $5) LIMIT $6`,
    [...period, seed, MAX_REPORT_COMMENTS],
  );
  return { shown: true, minRespondents, items: rows.map((row) => row.comment) };
}
