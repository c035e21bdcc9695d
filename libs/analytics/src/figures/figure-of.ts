import type { Figure, Shown } from '../analytics.dto';
import type { RollupRow } from '../rollups/rollup-rows';
import { addMoments, meanOf, tInterval, weightedMean, wilsonInterval, type Cell, type Moments } from '../statistics';

const NONE: Moments = { n: 0, sum: 0, sumSq: 0 };

/** A group's sums for one measure, and its invited and responded counts, from its rollup rows. */
export interface GroupSums {
  moments: Moments;
  items: number;
  invited: number;
  responded: number;
  cells: Cell[];
}

const cellKey = (row: RollupRow) => `${row.tier}\u0000${row.department}\u0000${row.manager}`;

/** Adds up a group's rows (any number of waves and cells) for one measure. */
export function sumsOf(rows: RollupRow[], measure: string): GroupSums {
  const cells = new Map<string, { invited: number; moments: Moments }>();
  const cell = (row: RollupRow) => {
    let found = cells.get(cellKey(row));
    if (!found) cells.set(cellKey(row), (found = { invited: 0, moments: NONE }));
    return found;
  };
  let moments = NONE;
  let items = 0;
  let invited = 0;
  let responded = 0;
  for (const row of rows) {
    if (row.measure === 'invited') {
      invited += row.n;
      responded += row.items;
      cell(row).invited += row.n;
    } else if (row.measure === measure) {
      const part = { n: row.n, sum: row.sum, sumSq: row.sumSq };
      moments = addMoments(moments, part);
      items += row.items;
      const target = cell(row);
      target.moments = addMoments(target.moments, part);
    }
  }
  return { moments, items, invited, responded, cells: [...cells.values()] };
}

/**
 * The figure of one group for one measure, or `{ suppressed: true }` when fewer than `minGroup`
 * respondents gave it. Wilson when every respondent gave exactly one yes/no answer (their score
 * is 0 or 1), else a t-interval over respondents' scores.
 */
export function figureOf(sums: GroupSums, minGroup: number): Shown {
  const { moments, items, invited, responded } = sums;
  if (moments.n < minGroup) return { suppressed: true };
  const wilson = items === moments.n;
  const weighted = weightedMean(sums.cells);
  const figure: Figure = {
    cli: meanOf(moments),
    interval: wilson ? wilsonInterval(Math.round(moments.sum), moments.n) : tInterval(moments),
    method: wilson ? 'wilson' : 't',
    n: moments.n,
    invited,
    responseRate: invited > 0 ? responded / invited : null,
    weighted: weighted?.estimate ?? null,
    weightedInterval: weighted?.interval ?? null,
  };
  return figure;
}
