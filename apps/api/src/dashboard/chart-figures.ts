import { VALUE_KEYS, isHidden, type Interval, type ProgressDto, type Shown, type TrendDto } from '@changepulse/analytics';
import { SafeHtml } from '../web/html';
import { VALUE_LABELS } from './sections/values.section';

type Point = { value: number; interval: Interval | null; n: number; responseRate: number | null } | null;

const point = (figure: Shown | null): Point =>
  figure && !isHidden(figure) ? { value: figure.cli, interval: figure.interval, n: figure.n, responseRate: figure.responseRate } : null;

/** What `dashboard.js` draws: the same figures as the tables, nothing more. */
export interface ChartFigures {
  values: Array<{ label: string; baseline: Point; current: Point; target: number | null }>;
  trend: {
    points: Array<{ date: string; value: number | null; interval: Interval | null }>;
    baseline: number | null;
    target: number | null;
    fit: TrendDto['fit'];
    projection: { date: string | null; onTrack: boolean };
  };
}

export function chartFigures(progress: ProgressDto, trend: TrendDto): ChartFigures {
  return {
    values: [
      ...VALUE_KEYS.map((key) => ({ label: VALUE_LABELS[key].name, baseline: point(progress.values[key].baseline), current: point(progress.values[key].current), target: progress.values[key].target })),
      { label: 'Index', baseline: point(progress.baseline), current: point(progress.current), target: progress.target },
    ],
    trend: {
      points: trend.points.map((item) => (isHidden(item) ? { date: item.date, value: null, interval: null } : { date: item.date, value: item.cli, interval: item.interval })),
      baseline: trend.baseline,
      target: trend.target,
      fit: trend.fit,
      projection: { date: trend.projection.date, onTrack: trend.projection.onTrack },
    },
  };
}

/**
 * The figures as a JSON data block. Never executed (the CSP allows no inline script anyway);
 * `<` is escaped so that no text in it can close the element.
 */
export function figuresBlock(figures: ChartFigures): SafeHtml {
  const json = JSON.stringify(figures).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  return new SafeHtml(`<script type="application/json" id="figures">${json}</script>`);
}
