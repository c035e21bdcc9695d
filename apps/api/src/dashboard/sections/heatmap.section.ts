import { VALUE_KEYS, isHidden, type BreakdownDto, type ProgressDto, type Shown } from '@changepulse/analytics';
import { html, type SafeHtml } from '../../web/html';
import { day, hiddenLabel, percent, percentRange } from '../format';
import { VALUE_LABELS } from './values.section';

export type HeatmapBy = 'audience' | 'department';

const BY_LABEL: Record<HeatmapBy, string> = { audience: 'audience tier', department: 'department' };

/** One of ten colour steps for a share (see the stylesheet's .h0–.h9). */
const heat = (share: number) => `h${Math.min(9, Math.max(0, Math.floor(share * 10)))}`;

function cell(figure: Shown | undefined, minGroup: number): SafeHtml {
  if (!figure || isHidden(figure)) return html`<td class="hidden-cell">${hiddenLabel(minGroup)}</td>`;
  return html`<td class="cell ${heat(figure.cli)}">${percent(figure.cli)}<small>${percentRange(figure.interval)}</small></td>`;
}

/**
 * Values × audience tiers (or departments) for the breakdown's wave: colour by share, every
 * hidden group marked as hidden (never a blank), respondents and response rate per row.
 */
export function heatmapSection(breakdown: BreakdownDto, by: HeatmapBy, progress: ProgressDto, path: string): SafeHtml {
  const { minGroup } = breakdown;
  const source =
    breakdown.wave === 'baseline'
      ? 'the baseline survey'
      : progress.window
        ? `the recent pulses (${day(progress.window.from)} – ${day(progress.window.to)})`
        : 'the recent pulses';
  const other: HeatmapBy = by === 'audience' ? 'department' : 'audience';
  return html`<section class="card" aria-labelledby="heatmap-title">
  <h2 id="heatmap-title">Who lives the values, by ${BY_LABEL[by]}</h2>
  <p class="toggle"><strong aria-current="true">By ${BY_LABEL[by]}</strong><a href="${path}?heatmap=${other}#heatmap-title">By ${BY_LABEL[other]}</a></p>
  ${breakdown.groups.length === 0
    ? html`<p class="muted">No answers from ${source} yet.</p>`
    : html`<p class="small muted">From ${source}. Groups of fewer than ${minGroup} respondents are hidden, and so is the next-smallest beside a lone hidden group, so that no hidden group can be worked out from the others.</p>
  <p class="swipe small muted">Swipe the table sideways to see every value.</p>
  <p class="table-title" id="heatmap-caption">Share living each value per ${BY_LABEL[by]}</p>
  <div class="table-wrap" role="region" aria-labelledby="heatmap-caption" tabindex="0">
  <table class="heatmap" aria-labelledby="heatmap-caption">
    <thead><tr><th scope="col">${BY_LABEL[by][0].toUpperCase()}${BY_LABEL[by].slice(1)}</th>${VALUE_KEYS.map((key) => html`<th scope="col">${VALUE_LABELS[key].name}</th>`)}<th scope="col">Index</th><th scope="col">Respondents</th><th scope="col">Response rate</th></tr></thead>
    <tbody>
      ${breakdown.groups.map((group) => {
        const name = html`<th scope="row">${group.label}</th>`;
        if (isHidden(group)) {
          const hidden = html`<td class="hidden-cell">${hiddenLabel(minGroup)}</td>`;
          return html`<tr>${name}${VALUE_KEYS.map(() => hidden)}${hidden}${hidden}${hidden}</tr>`;
        }
        return html`<tr>${name}${VALUE_KEYS.map((key) => cell(group.values[key], minGroup))}${cell(group, minGroup)}<td>${group.n.toLocaleString('en-GB')}<small>of ${group.invited.toLocaleString('en-GB')} invited</small></td><td>${
          group.responseRate === null ? '—' : percent(group.responseRate)
        }</td></tr>`;
      })}
    </tbody>
  </table>
  </div>`}
</section>`;
}
