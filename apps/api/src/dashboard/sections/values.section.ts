import { DIMENSION_KEYS, VALUE_KEYS, type DimensionKey, type ProgressDto, type Shown, type ValueKey } from '@changepulse/analytics';
import { html, type SafeHtml } from '../../web/html';
import { hiddenLabel, percent, percentRange, shown } from '../format';

/** The values as the programme names them. */
export const VALUE_LABELS: Record<ValueKey, { name: string; what: string }> = {
  understand: { name: 'Understand', what: 'the customer' },
  analyze: { name: 'Analyze', what: 'the customer’s situation and behaviour' },
  relate: { name: 'Relate', what: 'feedback to strategy and values' },
  invent: { name: 'Invent', what: 'more customer-centric ways of working' },
  enable: { name: 'Enable', what: 'colleagues to deliver value' },
};

const DIMENSION_LABELS: Record<DimensionKey, string> = { people: 'People', process: 'Process', technology: 'Technology' };

/** One figure in a table cell: the share, its interval, and who answered; hidden or missing said in words. */
export function figureCell(figure: Shown | null, minGroup: number, missing = 'no answers'): SafeHtml {
  const value = shown(figure);
  if (figure && !value) return html`<td class="hidden-cell">${hiddenLabel(minGroup)}</td>`;
  if (!value) return html`<td><span class="muted">${missing}</span></td>`;
  const rate = value.responseRate === null ? 'response rate unknown' : `${percent(value.responseRate)} response rate`;
  return html`<td>${percent(value.cli)}<small>${percentRange(value.interval)}</small><small>${value.n.toLocaleString('en-GB')} respondents</small><small>${rate}</small></td>`;
}

/** The five values baseline vs current vs target: a bar chart with intervals, and the same as a table. */
export function valuesSection(progress: ProgressDto): SafeHtml {
  // A control market is not measured against a target: no Target or Progress columns.
  const targets = progress.market.role !== 'control';
  return html`<section class="card" aria-labelledby="values-title">
  <h2 id="values-title">The five values</h2>
  <div class="split">
  <div class="chart"><canvas id="values-chart" role="img" aria-label="Bar chart of each value’s baseline, current figure${
    targets ? ' and target' : ''
  }, with 95% intervals; the table holds the same figures."></canvas></div>
  <div>
  <p class="table-title" id="values-caption">Share living each value (95% interval; respondents · response rate)</p>
  <div class="table-wrap" role="region" aria-labelledby="values-caption" tabindex="0">
  <table aria-labelledby="values-caption">
    <thead><tr><th scope="col">Value</th><th scope="col">Baseline</th><th scope="col">Current</th>${
      targets ? html`<th scope="col">Target</th><th scope="col">Progress</th>` : ''
    }</tr></thead>
    <tbody>
      ${VALUE_KEYS.map((key) => {
        const value = progress.values[key];
        return html`<tr>
        <th scope="row">${VALUE_LABELS[key].name}<small>${VALUE_LABELS[key].what}</small></th>
        ${figureCell(value.baseline, progress.minGroup)}
        ${figureCell(value.current, progress.minGroup)}
        ${targets ? html`<td>${value.target === null ? '—' : percent(value.target)}${value.capped ? html`<small>capped at 100%</small>` : ''}</td>
        <td>${value.progress === null ? '—' : percent(value.progress)}</td>` : ''}
      </tr>`;
      })}
    </tbody>
  </table>
  </div>
  ${readinessTable(progress)}
  </div>
  </div>
</section>`;
}

function readinessTable(progress: ProgressDto): SafeHtml {
  const asked = DIMENSION_KEYS.filter((key) => progress.readiness[key].baseline || progress.readiness[key].current);
  if (asked.length === 0) return html``;
  return html`<h3 id="readiness-title">Readiness</h3>
  <p class="table-title muted" id="readiness-caption">Share agreeing the organisation is ready, per dimension</p>
  <div class="table-wrap" role="region" aria-labelledby="readiness-caption" tabindex="0">
  <table aria-labelledby="readiness-caption">
    <thead><tr><th scope="col">Dimension</th><th scope="col">Baseline</th><th scope="col">Current</th></tr></thead>
    <tbody>
      ${asked.map(
        (key) => html`<tr><th scope="row">${DIMENSION_LABELS[key]}</th>${figureCell(progress.readiness[key].baseline, progress.minGroup)}${figureCell(progress.readiness[key].current, progress.minGroup, 'not asked in pulses')}</tr>`,
      )}
    </tbody>
  </table>
  </div>`;
}
