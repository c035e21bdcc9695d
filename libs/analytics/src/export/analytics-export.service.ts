import { Injectable } from '@nestjs/common';
import { requireAccess, type Actor } from '@changepulse/core';
import { DIMENSION_KEYS, isHidden, VALUE_KEYS, type BreakdownBy, type Shown } from '../analytics.dto';
import { AnalyticsService } from '../analytics.service';
import { csvLine } from './csv';

export const EXPORT_COLUMNS = [
  'section',
  'wave',
  'by',
  'group',
  'label',
  'measure',
  'n',
  'invited',
  'response_rate',
  'score',
  'low',
  'high',
  'weighted',
  'method',
  'suppressed',
] as const;

const BREAKDOWNS: BreakdownBy[] = ['audience', 'department', 'manager'];

function figureFields(figure: Shown | null): Array<string | number | boolean | null> {
  if (!figure) return [null, null, null, null, null, null, null, null, null];
  if (isHidden(figure)) return [null, null, null, null, null, null, null, null, true];
  return [figure.n, figure.invited, figure.responseRate, figure.cli, figure.interval?.[0] ?? null, figure.interval?.[1] ?? null, figure.weighted, figure.method, false];
}

/**
 * The CSV export: the same aggregates as the endpoints, built from their answers, so the same
 * anonymity rule holds; never a response, never a comment.
 */
@Injectable()
export class AnalyticsExportService {
  constructor(private readonly analytics: AnalyticsService) {}

  async csv(actor: Actor, code: string): Promise<string> {
    requireAccess(actor, 'analytics.read', [code]);
    const progress = await this.analytics.progress(actor, code);
    const lines = [csvLine([...EXPORT_COLUMNS])];
    const add = (section: string, wave: string, by: string, group: string, label: string, measure: string, figure: Shown | null) =>
      lines.push(csvLine([section, wave, by, group, label, measure, ...figureFields(figure)]));
    for (const wave of ['baseline', 'current'] as const) {
      add('progress', wave, 'market', code, progress.market.name, 'cli', progress[wave]);
      for (const value of VALUE_KEYS) add('progress', wave, 'market', code, progress.market.name, value, progress.values[value][wave]);
      for (const dimension of DIMENSION_KEYS) add('progress', wave, 'market', code, progress.market.name, dimension, progress.readiness[dimension][wave]);
    }
    for (const by of BREAKDOWNS) {
      for (const wave of ['baseline', 'current']) {
        const breakdown = await this.analytics.breakdown(actor, code, by, wave);
        for (const group of breakdown.groups) {
          if ('suppressed' in group) add('breakdown', wave, by, group.key, group.label, 'cli', { suppressed: true });
          else {
            add('breakdown', wave, by, group.key, group.label, 'cli', group);
            for (const value of VALUE_KEYS) add('breakdown', wave, by, group.key, group.label, value, group.values[value]);
          }
        }
      }
    }
    const trend = await this.analytics.trend(actor, code);
    for (const point of trend.points) add('trend', point.date, 'round', point.waveId, `Round ${point.round ?? ''}`.trim(), 'cli', point);
    return lines.join('');
  }
}
