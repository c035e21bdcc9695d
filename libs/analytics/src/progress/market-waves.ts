import type { DataSource, EntityManager } from 'typeorm';
import type { WaveRefDto } from '../analytics.dto';

/** A launched wave, as analytics needs it. */
export interface WaveInfo {
  id: string;
  marketId: string;
  instrumentId: string;
  title: string;
  kind: 'baseline' | 'pulse';
  opensAt: Date;
  closesAt: Date;
  status: 'open' | 'closed';
  /** The round's day (pulses from a programme) or the day it opened. */
  date: string;
  round: number | null;
  itemCodes: string[];
}

const DAY = 86_400_000;

/** The launched waves (open or closed) of some markets, oldest first. */
export async function launchedWaves(db: EntityManager | DataSource, marketIds: string[]): Promise<WaveInfo[]> {
  if (marketIds.length === 0) return [];
  const rows: Array<Record<string, unknown>> = await db.query(
    `SELECT id, market_id, instrument_id, title, kind, opens_at, closes_at, status, round_number, item_codes,
            COALESCE(round_date, (opens_at AT TIME ZONE 'UTC')::date)::text AS day
       FROM survey_waves WHERE market_id = ANY($1::uuid[]) AND status <> 'draft'
      ORDER BY opens_at, id`,
    [marketIds],
  );
  return rows.map((row) => ({
    id: row.id as string,
    marketId: row.market_id as string,
    instrumentId: row.instrument_id as string,
    title: row.title as string,
    kind: row.kind as WaveInfo['kind'],
    opensAt: row.opens_at as Date,
    closesAt: row.closes_at as Date,
    status: row.status as WaveInfo['status'],
    date: row.day as string,
    round: (row.round_number as number | null) ?? null,
    itemCodes: row.item_codes as string[],
  }));
}

/** The market's latest baseline wave. */
export function baselineOf(waves: WaveInfo[]): WaveInfo | null {
  return waves.filter((wave) => wave.kind === 'baseline').at(-1) ?? null;
}

export function pulsesOf(waves: WaveInfo[]): WaveInfo[] {
  return waves.filter((wave) => wave.kind === 'pulse');
}

/**
 * "Current": the pulse rounds of the last `days` days up to the latest one, widened round by
 * round into the past until every frequency item has been asked (pulses rotate their items).
 */
export function currentWindow(pulses: WaveInfo[], days: number, frequencyItems: Set<string>): WaveInfo[] {
  if (pulses.length === 0) return [];
  const latest = pulses.at(-1)!;
  const since = Date.parse(latest.date) - (days - 1) * DAY;
  let start = pulses.findIndex((wave) => Date.parse(wave.date) >= since);
  const covered = (from: number) => {
    const asked = new Set(pulses.slice(from).flatMap((wave) => wave.itemCodes));
    return [...frequencyItems].every((code) => asked.has(code));
  };
  while (start > 0 && !covered(start)) start--;
  return pulses.slice(start);
}

export function waveRef(wave: WaveInfo): WaveRefDto {
  return { id: wave.id, title: wave.title, kind: wave.kind, opensAt: wave.opensAt.toISOString(), closesAt: wave.closesAt.toISOString(), status: wave.status };
}

/** The frequency item codes of the instruments in use. */
export async function frequencyItems(db: EntityManager | DataSource, instrumentIds: string[]): Promise<Set<string>> {
  if (instrumentIds.length === 0) return new Set();
  const rows: Array<{ code: string }> = await db.query(
    `SELECT code FROM instrument_items WHERE instrument_id = ANY($1::uuid[]) AND scale = 'frequency'`,
    [[...new Set(instrumentIds)]],
  );
  return new Set(rows.map((row) => row.code));
}
