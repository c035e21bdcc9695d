import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { refreshRollups } from '@changepulse/analytics';
import type { DemoWave } from '@changepulse/surveys';
import { median } from './dashboard-measure';

/** Building every wave's rollups once, wave by wave as the worker would. */
export interface RollupBuild {
  waves: number;
  seconds: number;
  /** Per wave, in ms. */
  median: { baseline: number; pulse: number };
  max: number;
}

/** Refreshing one pulse round's rollups again and again, as the worker does after answers come in. */
export interface RoundRefresh {
  market: string;
  round: string;
  responses: number;
  /** Each run, in ms. */
  runs: number[];
}

/** `refreshRollups` for each wave in turn (one transaction each), timed one by one. */
export async function buildRollups(dataSource: DataSource, waves: DemoWave[], onWave: (done: number, total: number) => void): Promise<RollupBuild> {
  const times = { baseline: [] as number[], pulse: [] as number[] };
  const started = performance.now();
  for (const wave of waves) {
    const before = performance.now();
    await refreshRollups(dataSource, [wave.id]);
    times[wave.kind].push(performance.now() - before);
    onWave(times.baseline.length + times.pulse.length, waves.length);
  }
  const all = [...times.baseline, ...times.pulse];
  return { waves: waves.length, seconds: (performance.now() - started) / 1000, median: { baseline: median(times.baseline), pulse: median(times.pulse) }, max: Math.max(...all) };
}

/** The latest pulse round of `market`, refreshed `runs` times (the first run replaces the rows the build wrote). */
export async function refreshLatestRound(dataSource: DataSource, waves: DemoWave[], market: string, runs: number): Promise<RoundRefresh> {
  const wave = waves.filter((candidate) => candidate.market.code === market && candidate.kind === 'pulse').at(-1);
  if (!wave) throw new Error(`market ${market} has no pulse round`);
  const [{ responses }] = await dataSource.query<Array<{ responses: number }>>(`SELECT count(*)::int AS responses FROM responses WHERE wave_id = $1`, [wave.id]);
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const before = performance.now();
    await refreshRollups(dataSource, [wave.id]);
    times.push(performance.now() - before);
  }
  return { market, round: wave.roundDate ?? wave.opensOn, responses, runs: times };
}
