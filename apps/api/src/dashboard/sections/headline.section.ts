import type { DidDto, Figure, ProgressDto, ProjectionDto, Shown } from '@changepulse/analytics';
import { html, type SafeHtml } from '../../web/html';
import { day, hiddenLabel, percent, percentRange, points, pointsRange, pValue, shown } from '../format';
import { progressBar } from './progress-bar';

/** The caveats, above everything else: a leader reads them before the figures. */
export function caveatsBox(progress: ProgressDto): SafeHtml {
  if (progress.caveats.length === 0) return html``;
  return html`<section class="caveats" role="note" aria-labelledby="caveats-title">
  <h2 id="caveats-title">Read these figures with care</h2>
  <ul>${progress.caveats.map((caveat) => html`<li>${caveat}</li>`)}</ul>
</section>`;
}

/** Baseline → current → target with the bar, who answered beside each, and the tests in words. */
export function headlineSection(progress: ProgressDto): SafeHtml {
  const { baselineWave, window } = progress;
  const comparison = progress.market.role === 'control';
  const sources = [
    baselineWave ? `Baseline: ${baselineWave.title} (${day(baselineWave.opensAt)}).` : 'No baseline survey yet.',
    window ? `Current: ${window.rounds} pulse round${window.rounds === 1 ? '' : 's'} from ${day(window.from)} to ${day(window.to)}.` : 'No pulse rounds yet.',
  ].join(' ');
  return html`<section class="card" aria-labelledby="headline-title">
  <h2 id="headline-title">CRM Leadership Index</h2>
  <p class="muted small">The share of answers “often” or “always” to the behaviour questions, the five values weighing the same. ${sources}</p>
  <div class="kpis">
    ${figureKpi('baseline', 'Baseline', progress.baseline, progress.minGroup, baselineWave ? '' : 'no baseline survey yet')}
    ${figureKpi('current', 'Current', progress.current, progress.minGroup, window ? '' : 'no pulse rounds yet')}
    ${comparison ? ownChangeKpi(progress) : html`${targetKpi(progress)}${progressKpi(progress)}`}
  </div>
  ${comparison ? html`<p class="comparison-note">${COMPARISON_NOTE}</p>` : ''}
  ${progressBar(progress)}
  <ul class="facts">
    <li><strong>Change since baseline</strong> ${changeSentence(progress)}</li>
    ${comparison ? '' : html`<li><strong>Against the controls</strong> ${didSentence(progress.did)}</li>`}
    <li><strong>Weighted vs raw</strong> ${weightingSentence(progress)}</li>
    ${comparison ? '' : html`<li><strong>Projection</strong> ${projectionSentence(progress.projection, progress.target)}</li>`}
  </ul>
</section>`;
}

function figureKpi(kind: string, label: string, figure: Shown | null, minGroup: number, missing: string): SafeHtml {
  const value = shown(figure);
  if (!value) {
    const why = figure ? hiddenLabel(minGroup) : missing || 'no answers yet';
    return html`<div class="kpi ${kind}"><p class="label">${label}</p><p class="value">—</p><p class="detail">${why}</p></div>`;
  }
  return html`<div class="kpi ${kind}">
      <p class="label">${label}</p>
      <p class="value">${percent(value.cli)}</p>
      <p class="detail">95% interval ${percentRange(value.interval)}</p>
      <p class="detail">${value.n.toLocaleString('en-GB')} respondents</p>
      <p class="detail">${value.responseRate === null ? 'response rate unknown' : `${percent(value.responseRate)} response rate`}</p>
      ${value.weighted !== null ? html`<p class="detail">weighted ${percent(value.weighted)}</p>` : ''}
    </div>`;
}

const COMPARISON_NOTE =
  'This is a comparison (control) market: it has not started the programme, so it is not measured against a target. ' +
  'Its own change is set beside the pilot’s in the difference-in-differences.';

/** A control market's own change since its baseline, in place of target and progress. */
function ownChangeKpi({ change, changeReason, baseline, current }: ProgressDto): SafeHtml {
  const before = shown(baseline);
  const after = shown(current);
  const value = change ? change.difference : before && after ? after.cli - before.cli : null;
  const detail = change ? `95% interval ${pointsRange(change.interval)}` : (changeReason ?? 'needs a baseline and a current figure');
  const shownValue = value === null ? '—' : points(value);
  return html`<div class="kpi change"><p class="label">Own change</p><p class="value">${shownValue}</p><p class="detail">${detail}</p></div>`;
}

function targetKpi({ target, capped }: ProgressDto): SafeHtml {
  const detail = target === null ? 'needs a baseline' : capped ? 'capped at 100%: less than a 50% rise' : 'baseline + 50%';
  return html`<div class="kpi target"><p class="label">Target</p><p class="value">${target === null ? '—' : percent(target)}</p><p class="detail">${detail}</p></div>`;
}

function progressKpi({ progress }: ProgressDto): SafeHtml {
  return html`<div class="kpi progress"><p class="label">Progress</p><p class="value">${progress === null ? '—' : percent(progress)}</p><p class="detail">${
    progress === null ? 'needs a baseline and a current figure' : 'of the way from baseline to target'
  }</p></div>`;
}

function changeSentence({ change, changeReason }: ProgressDto): string {
  if (!change) return changeReason ? `No test: ${changeReason}.` : 'Needs a baseline and a current figure, each from enough respondents.';
  return `${points(change.difference)} (95% interval ${pointsRange(change.interval)}; Welch’s test ${pValue(change.p)}).`;
}

function didSentence(did: DidDto): string {
  const controls = did.controls.length ? did.controls.join(', ') : 'none';
  if (did.estimate === null || !did.interval) return `No estimate: ${did.reason ?? 'not enough data'} (control markets: ${controls}).`;
  const p = did.p === undefined ? '' : `; ${pValue(did.p)}`;
  return `${points(did.estimate)} beyond the change in the control markets (${controls}): 95% interval ${pointsRange(did.interval)}${p}.`;
}

function weightingSentence({ baseline, current }: ProgressDto): string {
  const part = (label: string, figure: Figure | null) =>
    figure && figure.weighted !== null ? `${label} ${percent(figure.weighted)} weighted, ${percent(figure.cli)} as answered` : null;
  const parts = [part('baseline', shown(baseline)), part('current', shown(current))].filter((text): text is string => text !== null);
  if (parts.length === 0) return 'No weighted figure yet.';
  return `Re-weighted to the mix of people invited: ${parts.join('; ')}.`;
}

const NOT_ON_TRACK: Record<string, string> = {
  'too few points': 'Too few pulse rounds to tell when the target will be reached.',
  flat: 'Not on track: the trend is flat (its interval includes no change).',
  falling: 'Not on track: the index is falling.',
  'no target': 'No projection without a target.',
  'comparison market': 'A comparison market has no target: it shows its own change.',
};

/** When the trend meets the target, or plainly why it does not. */
export function projectionSentence(projection: ProjectionDto, target: number | null): string {
  const pace =
    projection.slopePerWeek !== undefined && projection.slopeInterval
      ? ` Pace: ${points(projection.slopePerWeek)} a week (95% interval ${pointsRange(projection.slopeInterval)}).`
      : '';
  if (projection.reason === 'target reached') return `The target${target === null ? '' : ` of ${percent(target)}`} has been reached.${pace}`;
  if (projection.onTrack && projection.date) return `At this pace the index reaches the target${target === null ? '' : ` of ${percent(target)}`} around ${day(projection.date)}.${pace}`;
  return `${NOT_ON_TRACK[projection.reason ?? ''] ?? `Not on track${projection.reason ? `: ${projection.reason}` : ''}.`}${pace}`;
}
