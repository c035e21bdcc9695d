import type { ProjectionDto, TrendDto } from '../analytics.dto';
import { linearTrend } from '../statistics';

const DAY = 86_400_000;
/** Fewer rounds than this give a slope too unsure to project from. */
export const MIN_TREND_POINTS = 4;

const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

/**
 * Where the trend over the pulse rounds meets the target: an ordinary least-squares line through
 * the rounds' CLI (each round one point, so week-to-week noise widens the slope's interval).
 * Reached when the current figure, or the line at the last round, is at the target; not on track when there are too few rounds,
 * when the slope's interval reaches zero (flat) or lies below it (falling).
 */
export function projectTrend(points: Array<{ date: string; cli: number }>, target: number | null, current: number | null): { projection: ProjectionDto; fit: TrendDto['fit'] } {
  if (target === null) return { projection: { date: null, onTrack: false, reason: 'no target' }, fit: null };
  if (points.length < MIN_TREND_POINTS) return { projection: { date: null, onTrack: false, reason: 'too few points' }, fit: null };
  const origin = Date.parse(points[0].date);
  const trend = linearTrend(points.map((point) => ({ x: (Date.parse(point.date) - origin) / DAY, y: point.cli })));
  if (!trend) return { projection: { date: null, onTrack: false, reason: 'too few points' }, fit: null };
  const lastX = (Date.parse(points.at(-1)!.date) - origin) / DAY;
  const at = (x: number) => trend.intercept + trend.slope * x;
  const fit = { from: points[0].date, to: points.at(-1)!.date, atFrom: at(0), atTo: at(lastX) };
  const slope = { slopePerWeek: trend.slope * 7, slopeInterval: [trend.slopeInterval[0] * 7, trend.slopeInterval[1] * 7] as [number, number] };
  const reached = { projection: { date: points.at(-1)!.date, onTrack: true, reason: 'target reached' as const, ...slope }, fit };
  if (current !== null && current >= target) return reached;
  if (trend.slopeInterval[1] < 0) return { projection: { date: null, onTrack: false, reason: 'falling', ...slope }, fit };
  if (trend.slopeInterval[0] <= 0) return { projection: { date: null, onTrack: false, reason: 'flat', ...slope }, fit };
  // docs/METHOD.md: a rising line that has passed the target by the last round has reached it,
  // on that round's date (never a crossing date in the past).
  if (fit.atTo >= target) return reached;
  const crossing = (target - trend.intercept) / trend.slope;
  return { projection: { date: isoDay(origin + Math.ceil(crossing) * DAY), onTrack: true, reason: null, ...slope }, fit };
}
