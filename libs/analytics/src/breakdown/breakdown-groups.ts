import { VALUE_KEYS, isHidden, type BreakdownBy, type BreakdownDto, type BreakdownGroupDto, type Figure, type Shown, type ValueKey } from '../analytics.dto';
import { figureOf, sumsOf } from '../figures/figure-of';
import type { RollupRow } from '../rollups/rollup-rows';
import { suppressSmallGroups } from '../suppression';

/** Which rollup column a breakdown groups by. */
export function groupKeyOf(by: BreakdownBy): (row: RollupRow) => string {
  if (by === 'audience') return (row) => row.tier;
  if (by === 'department') return (row) => row.department;
  return (row) => row.manager;
}

/**
 * One measure across all groups, with the anonymity rule applied: a group under the minimum has
 * no figure, and a lone hidden group takes the next-smallest with it. Groups in `forced` are
 * hidden whatever their size (a group hidden for its CLI hides every value too).
 */
function measureAcross(byGroup: Map<string, RollupRow[]>, measure: string, minGroup: number, forced: Set<string>): Map<string, Shown> {
  const groups = [...byGroup].map(([key, rows]) => {
    const sums = sumsOf(rows, measure);
    return { key, size: forced.has(key) ? 0 : sums.moments.n, figures: { figure: figureOf(sums, 1) } };
  });
  return new Map(suppressSmallGroups(groups, minGroup).map((group) => [group.key, 'suppressed' in group ? { suppressed: true as const } : group.figure]));
}

function unweighted(figure: Shown): void {
  if (!isHidden(figure)) Object.assign(figure, { weighted: null, weightedInterval: null });
}

/** The groups of a breakdown, with the rule applied per measure; labels come from the caller. */
export function breakdownGroups(rows: RollupRow[], by: BreakdownBy, minGroup: number, labels: Map<string, string>): BreakdownDto['groups'] {
  const keyOf = groupKeyOf(by);
  const byGroup = new Map<string, RollupRow[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const list = byGroup.get(key);
    if (list) list.push(row);
    else byGroup.set(key, [row]);
  }
  const cli = measureAcross(byGroup, 'cli', minGroup, new Set());
  const hidden = new Set([...cli].filter(([, figure]) => isHidden(figure)).map(([key]) => key));
  const values = new Map(VALUE_KEYS.map((value) => [value, measureAcross(byGroup, value, minGroup, hidden)]));
  // A team's rows carry no tier or department, so there is nothing to re-weight by.
  if (by === 'manager') for (const figures of [cli, ...values.values()]) for (const figure of figures.values()) unweighted(figure);
  const labelOf = (key: string) => labels.get(key) ?? (key || '(none)');
  const keys = [...byGroup.keys()].sort((a, b) => labelOf(a).localeCompare(labelOf(b)));
  return keys.map((key) => {
    const label = labelOf(key);
    const figure = cli.get(key)!;
    if (isHidden(figure)) return { key: key || '(none)', label, suppressed: true as const };
    const perValue = Object.fromEntries(VALUE_KEYS.map((value) => [value, values.get(value)!.get(key)!])) as Record<ValueKey, Shown>;
    const group: BreakdownGroupDto = { key: key || '(none)', label, ...(figure as Figure), values: perValue };
    return group;
  });
}
