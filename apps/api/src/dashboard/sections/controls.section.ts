import type { DidDto, ProgressDto } from '@changepulse/analytics';
import { html, type SafeHtml } from '../../web/html';
import { points, pointsRange, pValue, shown } from '../format';
import { figureCell } from './values.section';

/** A control market's figures, or null when the viewer may not see that market. */
export interface ControlFigures {
  code: string;
  progress: ProgressDto | null;
}

function changeCell(progress: ProgressDto): SafeHtml {
  if (progress.change) return html`<td>${points(progress.change.difference)}<small>${pointsRange(progress.change.interval)}</small><small>${pValue(progress.change.p)}</small></td>`;
  const baseline = shown(progress.baseline);
  const current = shown(progress.current);
  return html`<td>${baseline && current ? points(current.cli - baseline.cli) : '—'}</td>`;
}

const count = (n: number | null) => (n === null ? 'hidden' : n.toLocaleString('en-GB'));

/** Who is in each arm of the comparison, and each control's own part in it. */
function poolSection(did: DidDto): SafeHtml {
  if (did.byControl.length === 0) return html``;
  const { pilot, controls } = did.arms;
  const pilotArm = `pilot ${count(pilot.baseline)} at baseline, ${count(pilot.current)} now`;
  const controlsArm = `pooled controls ${count(controls.baseline)} at baseline, ${count(controls.current)} now`;
  return html`<p class="small">Respondents per arm: ${pilotArm}; ${controlsArm}.</p>
  <ul class="pool">${did.byControl.map((control) => {
    const answered = (period: 'baseline' | 'current') =>
      control.invited[period] === null
        ? control.answered[period] === null ? 'hidden (fewer than the minimum group)' : `${count(control.answered[period])} answered`
        : `${count(control.answered[period])} of ${count(control.invited[period])} answered`;
    const change = control.change === null ? '' : `; own change ${points(control.change)}`;
    const note = control.note ? html` <em>${control.note}.</em>` : '';
    return html`<li><strong>${control.code}</strong>: baseline ${answered('baseline')}, current ${answered('current')}${change}.${note}</li>`;
  })}</ul>`;
}

/** The pilot beside its control markets, then the difference-in-differences. */
export function controlsSection(pilot: ProgressDto, controls: ControlFigures[]): SafeHtml {
  if (pilot.market.role !== 'pilot') return html``;
  const { did } = pilot;
  const row = (label: SafeHtml, progress: ProgressDto) =>
    html`<tr><th scope="row">${label}</th>${figureCell(progress.baseline, progress.minGroup)}${figureCell(progress.current, progress.minGroup)}${changeCell(progress)}</tr>`;
  return html`<section class="card" aria-labelledby="controls-title">
  <h2 id="controls-title">Pilot vs control markets</h2>
  ${controls.length === 0
    ? html`<p class="muted">This pilot has no control markets yet: mark markets that have not started as controls to compare against.</p>`
    : html`<p class="table-title" id="controls-caption">CRM Leadership Index per market (95% interval; respondents · response rate)</p>
  <div class="table-wrap" role="region" aria-labelledby="controls-caption" tabindex="0">
  <table aria-labelledby="controls-caption">
    <thead><tr><th scope="col">Market</th><th scope="col">Baseline</th><th scope="col">Current</th><th scope="col">Change</th></tr></thead>
    <tbody>
      ${row(html`${pilot.market.name} (${pilot.market.code})<small>pilot</small>`, pilot)}
      ${controls.map((control) =>
        control.progress
          ? row(html`<a href="/dashboard/markets/${control.code}">${control.progress.market.name} (${control.code})</a><small>control</small>`, control.progress)
          : html`<tr><th scope="row">${control.code}<small>control</small></th><td colspan="3" class="muted">not among your markets (still part of the comparison below)</td></tr>`,
      )}
    </tbody>
  </table>
  </div>`}
  ${poolSection(did)}
  <p><strong>Difference-in-differences:</strong> ${
    did.estimate !== null && did.interval
      ? `the pilot changed ${points(did.estimate)} beyond the control markets (95% interval ${pointsRange(did.interval)}${did.p === undefined ? '' : `; ${pValue(did.p)}`}).`
      : `no estimate yet: ${did.reason ?? 'not enough data'}.`
  }</p>
</section>`;
}
