import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig, canSeeMarket, requireAccess, type Actor } from '@changepulse/core';
import { Market, MarketsService } from '@changepulse/people';
import { isHidden, type BreakdownBy, type BreakdownDto, type MarketRefDto, type ProgressDto, type TrendDto, type TrendPointDto } from './analytics.dto';
import { breakdownGroups } from './breakdown/breakdown-groups';
import { groupLabels } from './breakdown/group-labels';
import { FigureCache } from './figure-cache';
import { figureOf, sumsOf } from './figures/figure-of';
import { caveatsOf } from './progress/caveats';
import { baselineOf, currentWindow, frequencyItems, launchedWaves, pulsesOf, waveRef, type WaveInfo } from './progress/market-waves';
import { changeOf, changeReasonOf, didOf, progressForViewer } from './progress/comparison';
import { comparisonOnly, pilotFigures, targetOf, type MarketRows } from './progress/progress-figures';
import { projectTrend } from './progress/projection';
import { waveTotalRows } from './progress/wave-totals';
import { rollupRows, type RollupRow } from './rollups/rollup-rows';

const COMPARISON_PROJECTION = { date: null, onTrack: false, reason: 'comparison market' } as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A market with its launched waves sorted into baseline, pulses and the current window. */
interface MarketWaves {
  market: Market;
  baseline: WaveInfo | null;
  pulses: WaveInfo[];
  window: WaveInfo[];
}

/**
 * The leaders' figures: progress toward the +50% target, breakdowns and the trend, all from the
 * rollups, all through the anonymity rule. Every method checks the actor may see the market.
 */
@Injectable()
export class AnalyticsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly marketsService: MarketsService,
    private readonly config: AppConfig,
  ) {
    this.cache = new FigureCache(dataSource);
  }

  /** Figures are the same for every actor who may see the market: computed once per data version. */
  private readonly cache: FigureCache;

  private get minGroup(): number {
    return this.config.anonymityMinGroup;
  }

  /** The markets the actor may see, pilots first. */
  async markets(actor: Actor): Promise<MarketRefDto[]> {
    requireAccess(actor, 'analytics.read');
    const markets = await this.dataSource.getRepository(Market).find({ order: { code: 'ASC' } });
    const rank = { pilot: 0, control: 1, other: 2 } as const;
    return markets
      .filter((market) => canSeeMarket(actor, market.code))
      .sort((a, b) => rank[a.role] - rank[b.role] || a.code.localeCompare(b.code))
      .map(marketRef);
  }

  /** Progress now, or as it stood at the end of `asOf` (waves opened after it are left out). */
  async progress(actor: Actor, code: string, asOf?: Date): Promise<ProgressDto> {
    const market = await this.marketsService.findVisible(actor, code, 'analytics.read');
    const dto = asOf ? await this.computeProgress(market, asOf) : await this.cache.get(`progress:${market.id}`, () => this.computeProgress(market));
    return progressForViewer(dto, (control) => canSeeMarket(actor, control));
  }

  private async computeProgress(market: Market, asOf?: Date): Promise<ProgressDto> {
    const pilot = await this.marketWaves(market, asOf);
    const controls = await this.controlsOf(pilot.market, asOf);
    const ids = [pilot, ...controls].flatMap((market) => [market.baseline?.id, ...market.window.map((wave) => wave.id)]).filter((id): id is string => !!id);
    const rows = await rollupRows(this.dataSource, ids, 'cell');
    const pilotRows = rowsOf(pilot, rows);
    // A control market is a comparison: its page shows its own change, never a target.
    const isControl = market.role === 'control';
    const figures = isControl ? comparisonOnly(pilotFigures(pilotRows, this.minGroup)) : pilotFigures(pilotRows, this.minGroup);
    const projection = isControl ? COMPARISON_PROJECTION : (await this.projection(pilot, figures.target)).projection;
    const dto: Omit<ProgressDto, 'caveats'> = {
      market: marketRef(pilot.market),
      minGroup: this.minGroup,
      baselineWave: pilot.baseline && waveRef(pilot.baseline),
      window: pilot.window.length ? { from: pilot.window[0].date, to: pilot.window.at(-1)!.date, rounds: pilot.window.length } : null,
      ...figures,
      change: changeOf(pilotRows, this.minGroup),
      changeReason: changeReasonOf(pilotRows, this.minGroup),
      did: didOf(
        pilotRows,
        controls.map((control) => ({ code: control.market.code, rows: rowsOf(control, rows) })),
        this.minGroup,
      ),
      projection,
    };
    return { ...dto, caveats: caveatsOf(dto, pilot.pulses.length, this.minGroup) };
  }

  async trend(actor: Actor, code: string, asOf?: Date): Promise<TrendDto> {
    const visible = await this.marketsService.findVisible(actor, code, 'analytics.read');
    if (asOf) return this.computeTrend(visible, asOf);
    return this.cache.get(`trend:${visible.id}`, () => this.computeTrend(visible));
  }

  private async computeTrend(visible: Market, asOf?: Date): Promise<TrendDto> {
    const market = await this.marketWaves(visible, asOf);
    const baselineRows = market.baseline ? await rollupRows(this.dataSource, [market.baseline.id], 'cell') : null;
    const baseline = baselineRows ? figureOf(sumsOf(baselineRows, 'cli'), this.minGroup) : null;
    const { target } = visible.role === 'control' ? { target: null } : targetOf(baseline);
    const { projection, fit, points } = await this.projection(market, target);
    if (visible.role === 'control') {
      return {
        market: marketRef(market.market),
        baseline: baseline && !isHidden(baseline) ? baseline.cli : null,
        target,
        points,
        projection: COMPARISON_PROJECTION,
        fit,
      };
    }
    return { market: marketRef(market.market), baseline: baseline && !isHidden(baseline) ? baseline.cli : null, target, points, projection, fit };
  }

  async breakdown(actor: Actor, code: string, by: BreakdownBy, wave: string): Promise<BreakdownDto> {
    const visible = await this.marketsService.findVisible(actor, code, 'analytics.read');
    return this.cache.get(`breakdown:${visible.id}:${by}:${checkedWave(wave)}`, () => this.computeBreakdown(visible, by, wave));
  }

  /**
   * The same breakdown serialized once per data version: a breakdown by team of a large market
   * is megabytes of JSON, whose serialization would otherwise cost every request.
   */
  async breakdownJson(actor: Actor, code: string, by: BreakdownBy, wave: string): Promise<string> {
    const visible = await this.marketsService.findVisible(actor, code, 'analytics.read');
    return this.cache.get(`breakdown-json:${visible.id}:${by}:${checkedWave(wave)}`, async () => JSON.stringify(await this.computeBreakdown(visible, by, wave)));
  }

  private async computeBreakdown(visible: Market, by: BreakdownBy, wave: string): Promise<BreakdownDto> {
    const market = await this.marketWaves(visible);
    const waveIds = this.selectWaves(market, wave);
    const rows = await rollupRows(this.dataSource, waveIds, by === 'manager' ? 'manager' : 'cell');
    const labels = await groupLabels(this.dataSource, by, rows);
    return { market: marketRef(market.market), by, wave, minGroup: this.minGroup, groups: breakdownGroups(rows, by, this.minGroup, labels) };
  }

  /** The waves a `wave` parameter names: 'current', 'baseline', or the id of one of the market's waves. */
  private selectWaves(market: MarketWaves, wave: string): string[] {
    if (wave === 'current') return market.window.map((item) => item.id);
    if (wave === 'baseline') return market.baseline ? [market.baseline.id] : [];
    const found = [market.baseline, ...market.pulses].find((item) => item?.id === wave);
    if (!found) throw new NotFoundException(`wave: market ${market.market.code} has no launched wave ${wave}`);
    return [found.id];
  }

  private async projection(market: MarketWaves, target: number | null) {
    const totals = await waveTotalRows(this.dataSource, market.pulses.map((wave) => wave.id));
    const points: TrendPointDto[] = market.pulses.map((wave) => {
      const figure = figureOf(sumsOf(totals.get(wave.id) ?? [], 'cli'), this.minGroup);
      return { waveId: wave.id, date: wave.date, round: wave.round, ...figure };
    });
    const shown = points.filter((point): point is Extract<TrendPointDto, { cli: number }> => !isHidden(point));
    // "Current" over the window, from the same sums, so the projection agrees with progress.
    const current = figureOf(sumsOf(market.window.flatMap((wave) => totals.get(wave.id) ?? []), 'cli'), this.minGroup);
    return { points, ...projectTrend(shown, target, isHidden(current) ? null : current.cli) };
  }

  private async marketWaves(market: Market, asOf?: Date): Promise<MarketWaves> {
    const waves = (await launchedWaves(this.dataSource, [market.id])).filter((wave) => !asOf || wave.opensAt <= asOf);
    const pulses = pulsesOf(waves);
    const items = await this.frequencyItems(waves.map((wave) => wave.instrumentId));
    return { market, baseline: baselineOf(waves), pulses, window: currentWindow(pulses, this.config.analyticsWindowDays, items) };
  }

  private async controlsOf(pilot: Market, asOf?: Date): Promise<MarketWaves[]> {
    if (pilot.role !== 'pilot') return [];
    // A pilot that names no controls is compared with every control market.
    const where = pilot.controls.length ? pilot.controls.map((code) => ({ code })) : { role: 'control' as const };
    const controls = await this.dataSource.getRepository(Market).find({ where, order: { code: 'ASC' } });
    return Promise.all(controls.map((control) => this.marketWaves(control, asOf)));
  }

  // Instruments are never edited in place, so their item lists can be kept.
  private readonly itemsCache = new Map<string, Promise<Set<string>>>();

  private async frequencyItems(instrumentIds: string[]): Promise<Set<string>> {
    const all = new Set<string>();
    for (const id of new Set(instrumentIds)) {
      let items = this.itemsCache.get(id);
      if (!items) {
        items = frequencyItems(this.dataSource, [id]);
        void items.catch(() => this.itemsCache.delete(id));
        this.itemsCache.set(id, items);
      }
      for (const code of await items) all.add(code);
    }
    return all;
  }
}

/** A `wave` parameter as a cache key part: 'current', 'baseline' or a wave id; 400 for anything else. */
function checkedWave(wave: string): string {
  if (wave !== 'current' && wave !== 'baseline' && !UUID.test(wave)) throw new BadRequestException('wave: must be a wave id, "current" or "baseline"');
  return wave.toLowerCase();
}

function rowsOf(market: MarketWaves, rows: RollupRow[]): MarketRows {
  const window = new Set(market.window.map((wave) => wave.id));
  return {
    baseline: market.baseline ? rows.filter((row) => row.waveId === market.baseline!.id) : null,
    current: window.size ? rows.filter((row) => window.has(row.waveId)) : null,
  };
}

export function marketRef(market: Market): MarketRefDto {
  return { code: market.code, name: market.name, role: market.role, controls: market.controls };
}
