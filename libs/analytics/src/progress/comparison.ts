import type { ArmCountsDto, ChangeDto, DidControlDto, DidDto, ProgressDto } from '../analytics.dto';
import { sumsOf } from '../figures/figure-of';
import type { RollupRow } from '../rollups/rollup-rows';
import { addMoments, differenceInDifferences, meanOf, welch, withheldReason, type Moments } from '../statistics';
import type { MarketRows } from './progress-figures';

const NONE: Moments = { n: 0, sum: 0, sumSq: 0 };

const momentsOf = (rows: RollupRow[] | null, minGroup: number): Moments | null => {
  if (!rows) return null;
  const { moments } = sumsOf(rows, 'cli');
  return moments.n >= minGroup ? moments : null;
};

const PERIOD = { baseline: 'the baseline', current: 'the current pulses' } as const;
type Period = keyof typeof PERIOD;

/** Why a market's figure for one period cannot enter a test, or null when it can. */
function periodGap(rows: RollupRow[] | null, period: Period, minGroup: number): string | null {
  if (!rows) return period === 'baseline' ? 'no baseline survey yet' : 'no pulse rounds yet';
  const n = sumsOf(rows, 'cli').moments.n;
  if (n === 0) return `nobody answered ${PERIOD[period]}`;
  return n < minGroup ? `too few people: fewer than ${minGroup} answered ${PERIOD[period]}` : null;
}

/** Welch's test of current against baseline, over respondents' CLI scores. */
export function changeOf(pilot: MarketRows, minGroup: number): ChangeDto | null {
  const before = momentsOf(pilot.baseline, minGroup);
  const after = momentsOf(pilot.current, minGroup);
  const result = before && after ? welch(before, after) : null;
  return result && { difference: result.estimate, interval: result.interval, t: result.t, df: result.df, p: result.p };
}

/** Why `changeOf` gives no test, in words; null when it gives one. */
export function changeReasonOf(pilot: MarketRows, minGroup: number): string | null {
  const gap = periodGap(pilot.baseline, 'baseline', minGroup) ?? periodGap(pilot.current, 'current', minGroup);
  if (gap) return gap;
  if (changeOf(pilot, minGroup)) return null;
  return withheldReason([momentsOf(pilot.baseline, minGroup)!, momentsOf(pilot.current, minGroup)!]) ?? 'the test could not be computed';
}

/** A count as it may be published: from minGroup people, or 0 where at least minGroup were invited. */
const publishable = (n: number, invited: number, minGroup: number): number | null => (n >= minGroup || (n === 0 && invited >= minGroup) ? n : null);

function controlOf(code: string, rows: MarketRows, minGroup: number): DidControlDto {
  const period = (list: RollupRow[] | null) => sumsOf(list ?? [], 'cli');
  const before = period(rows.baseline);
  const after = period(rows.current);
  const pooled = before.moments.n >= minGroup && after.moments.n >= minGroup;
  const notes = (['baseline', 'current'] as const).flatMap((key) => {
    const sums = key === 'baseline' ? before : after;
    const listed = rows[key];
    if (!listed) return [periodGap(listed, key, minGroup)!];
    if (sums.moments.n === 0)
      return [
        sums.invited >= minGroup
          ? `0 of ${sums.invited} answered ${PERIOD[key]}`
          : `nobody answered ${PERIOD[key]} (how many were invited is hidden: fewer than ${minGroup})`,
      ];
    return sums.moments.n < minGroup ? [`fewer than ${minGroup} people answered ${PERIOD[key]}, so it is left out to protect anonymity`] : [];
  });
  const nobody = before.moments.n === 0 || after.moments.n === 0;
  return {
    code,
    invited: { baseline: before.invited >= minGroup ? before.invited : null, current: after.invited >= minGroup ? after.invited : null },
    answered: { baseline: publishable(before.moments.n, before.invited, minGroup), current: publishable(after.moments.n, after.invited, minGroup) },
    change: pooled ? meanOf(after.moments) - meanOf(before.moments) : null,
    pooled,
    note: pooled ? null : `${notes.join('; ')}: it ${nobody ? 'contributed nobody to' : 'is left out of'} the comparison`,
  };
}

/**
 * The pilot's change minus the pooled controls' change. A control is pooled only with at least
 * minGroup respondents in both periods: a smaller one could be read back by subtraction.
 */
export function didOf(pilot: MarketRows, controls: Array<{ code: string; rows: MarketRows }>, minGroup: number): DidDto {
  const codes = controls.map((control) => control.code);
  const byControl = controls.map((control) => controlOf(control.code, control.rows, minGroup));
  const pooled = controls.filter((_, index) => byControl[index].pooled);
  const pool = (pick: (rows: MarketRows) => RollupRow[] | null) =>
    pooled.reduce<Moments>((sum, control) => addMoments(sum, sumsOf(pick(control.rows) ?? [], 'cli').moments), NONE);
  const controlBefore = pool((rows) => rows.baseline);
  const controlAfter = pool((rows) => rows.current);
  const pilotBefore = momentsOf(pilot.baseline, minGroup);
  const pilotAfter = momentsOf(pilot.current, minGroup);
  const arms: DidDto['arms'] = {
    pilot: { baseline: pilotBefore?.n ?? null, current: pilotAfter?.n ?? null },
    controls: { baseline: controlBefore.n, current: controlAfter.n } satisfies ArmCountsDto,
  };
  const none = (reason: string): DidDto => ({ estimate: null, interval: null, controls: codes, reason, arms, byControl });
  if (codes.length === 0) return none('this market has no control markets');
  if (!pilotBefore || !pilotAfter) return none('the pilot needs a baseline and current figure');
  if (pooled.length === 0) return none(`no control market has at least ${minGroup} respondents in both the baseline and the current pulses`);
  const result = differenceInDifferences(pilotBefore!, pilotAfter!, controlBefore, controlAfter);
  if (!result) return none(withheldReason([pilotBefore!, pilotAfter!, controlBefore, controlAfter]) ?? 'the estimate could not be computed');
  return { estimate: result.estimate, interval: result.interval, controls: codes, t: result.t, df: result.df, p: result.p, arms, byControl };
}

const UNSEEN: ArmCountsDto = { baseline: null, current: null };

/**
 * The progress answer as one viewer may read it: a control market the viewer may not see keeps
 * only whether it is pooled; each control left out adds a caveat (the pool changed).
 */
export function progressForViewer(dto: ProgressDto, canSee: (code: string) => boolean): ProgressDto {
  const byControl = dto.did.byControl.map((control) =>
    canSee(control.code)
      ? control
      : {
          ...control,
          invited: UNSEEN,
          answered: UNSEEN,
          change: null,
          note: control.pooled ? null : 'left out of the comparison (not among your markets)',
        },
  );
  const caveats = byControl.filter((control) => control.note).map((control) => `Control market ${control.code}: ${control.note}.`);
  return { ...dto, did: { ...dto.did, byControl }, caveats: [...dto.caveats, ...caveats] };
}
