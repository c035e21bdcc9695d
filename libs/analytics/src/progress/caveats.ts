import { isHidden, type ProgressDto, type Shown } from '../analytics.dto';
import { MIN_TREND_POINTS } from './projection';

/** Below this response rate a score may say more about who answered than about everyone. */
export const LOW_RESPONSE_RATE = 0.5;
/** A weighted figure this far from the raw one means the mix of respondents moved it. */
export const WEIGHTING_GAP = 0.03;

const percent = (share: number) => `${Math.round(share * 100)}%`;

function responseCaveat(label: string, figure: Shown | null): string | null {
  if (!figure || isHidden(figure) || figure.responseRate === null || figure.responseRate >= LOW_RESPONSE_RATE) return null;
  return `Only ${percent(figure.responseRate)} of the people invited answered the ${label}: the figure may reflect who chose to answer more than everyone.`;
}

function weightingCaveat(label: string, figure: Shown | null): string | null {
  if (!figure || isHidden(figure) || figure.weighted === null || Math.abs(figure.weighted - figure.cli) <= WEIGHTING_GAP) return null;
  return `Re-weighted to the mix of people invited, the ${label} reads ${percent(figure.weighted)} instead of ${percent(figure.cli)}: who answered moves this figure.`;
}

/** The plain-language warnings a leader must read beside the figures. */
export function caveatsOf(dto: Omit<ProgressDto, 'caveats'>, pulseRounds: number, minGroup: number): string[] {
  const caveats = [
    responseCaveat('baseline', dto.baseline),
    responseCaveat('recent pulses', dto.current),
    weightingCaveat('baseline', dto.baseline),
    weightingCaveat('current figure', dto.current),
  ];
  if (!dto.baselineWave)
    caveats.push(
      dto.market.role === 'control'
        ? 'There is no baseline survey yet, so this comparison market has no change to compare with the pilot.'
        : 'There is no baseline survey yet, so there is no target to measure progress against.',
    );
  if (isHidden(dto.baseline) || isHidden(dto.current)) caveats.push(`Figures for groups of fewer than ${minGroup} respondents are hidden to protect anonymity.`);
  if (dto.capped && dto.target !== null)
    caveats.push(`The baseline is above 67%, so a 50% rise would pass 100%: the target is capped at 100%, which is less than a 50% rise.`);
  if (pulseRounds < MIN_TREND_POINTS) caveats.push(`Only ${pulseRounds} pulse round${pulseRounds === 1 ? '' : 's'} so far: a trend needs at least ${MIN_TREND_POINTS}.`);
  return caveats.filter((caveat): caveat is string => caveat !== null);
}
