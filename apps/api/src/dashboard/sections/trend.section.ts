import { isHidden, type TrendDto } from '@changepulse/analytics';
import { html, type SafeHtml } from '../../web/html';
import { day, hiddenLabel, percent, percentRange } from '../format';
import { projectionSentence } from './headline.section';

/** The index per pulse round with its band, the target, the fitted line and where it leads. */
export function trendSection(trend: TrendDto, minGroup: number): SafeHtml {
  const reference = [trend.baseline !== null ? `baseline ${percent(trend.baseline)}` : null, trend.target !== null ? `target ${percent(trend.target)}` : null]
    .filter(Boolean)
    .join(', ');
  return html`<section class="card" aria-labelledby="trend-title">
  <h2 id="trend-title">Trend over the pulse rounds</h2>
  <p>${projectionSentence(trend.projection, trend.target)}</p>
  ${trend.points.length === 0
    ? html`<p class="muted">No pulse rounds yet: the trend starts with the first round’s answers.</p>`
    : html`<div class="split">
  <div class="chart"><canvas id="trend-chart" role="img" aria-label="Line chart of the index per pulse round with its 95% band${
    trend.target === null ? ' and the fitted line' : ', the target line and the projection'
  }; the table holds the same figures."></canvas></div>
  <div>
  <p class="table-title" id="trend-caption">Index per pulse round${reference ? ` (${reference})` : ''}</p>
  <div class="table-wrap" role="region" aria-labelledby="trend-caption" tabindex="0">
  <table aria-labelledby="trend-caption">
    <thead><tr><th scope="col">Round</th><th scope="col">Index</th><th scope="col">95% interval</th><th scope="col">Respondents</th><th scope="col">Response rate</th></tr></thead>
    <tbody>
      ${trend.points.map((point) => {
        const name = html`<th scope="row">${day(point.date)}${point.round === null ? '' : html`<small>round ${point.round}</small>`}</th>`;
        if (isHidden(point)) return html`<tr>${name}<td class="hidden-cell" colspan="4">${hiddenLabel(minGroup)}</td></tr>`;
        return html`<tr>${name}<td>${percent(point.cli)}</td><td>${percentRange(point.interval)}</td><td>${point.n.toLocaleString('en-GB')}</td><td>${point.responseRate === null ? '—' : percent(point.responseRate)}</td></tr>`;
      })}
    </tbody>
  </table>
  </div>
  </div>
  </div>`}
</section>`;
}
