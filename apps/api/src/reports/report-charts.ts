import { isHidden, VALUE_KEYS, type Figure, type QuarterlyReportDto, type Shown, type ValueKey } from '@changepulse/analytics';
import { html, type SafeHtml } from '../web/html';

export const VALUE_LABELS: Record<ValueKey, string> = {
  understand: 'Understand the customer',
  analyze: "Analyze the customer's situation",
  relate: 'Relate feedback to strategy',
  invent: 'Invent customer-centric ways',
  enable: 'Enable colleagues',
};

// Drawn on the server as plain SVG (no script, no chart library): a 0–100% axis, per value a
// grey bar for the baseline and a blue one for now, each with its 95% interval as a whisker,
// and the target as an orange tick. Colours: #5b6573 and #0a56a5 on white (≥ 4.5:1).
const LABEL_WIDTH = 260;
const PLOT_WIDTH = 440;
const ROW = 46;
const TOP = 34;
const x = (share: number) => LABEL_WIDTH + Math.max(0, Math.min(1, share)) * PLOT_WIDTH;
const fixed = (value: number) => value.toFixed(1);

const shown = (figure: Shown | null): Figure | null => (figure && !isHidden(figure) ? figure : null);

function bar(figure: Figure | null, y: number, colour: string): SafeHtml {
  if (!figure) return html``;
  const whisker = figure.interval
    ? html`<path d="M${fixed(x(figure.interval[0]))} ${y + 6}H${fixed(x(figure.interval[1]))}M${fixed(x(figure.interval[0]))} ${y + 2}V${y + 10}M${fixed(x(figure.interval[1]))} ${y + 2}V${y + 10}" stroke="#1b1f24" stroke-width="1.5" fill="none"/>`
    : html``;
  return html`<rect x="${LABEL_WIDTH}" y="${y}" width="${fixed(x(figure.cli) - LABEL_WIDTH)}" height="12" fill="${colour}"/>${whisker}`;
}

function valueRow(report: QuarterlyReportDto, key: ValueKey, index: number): SafeHtml {
  const value = report.values[key];
  const y = TOP + index * ROW;
  const target = value.target === null ? html`` : html`<path d="M${fixed(x(value.target))} ${y - 4}V${y + 30}" stroke="#b54708" stroke-width="3"/>`;
  return html`<g>
<text x="0" y="${y + 17}" font-size="14" fill="#1b1f24">${VALUE_LABELS[key]}</text>
${bar(shown(value.baseline), y, '#5b6573')}${bar(shown(value.current), y + 14, '#0a56a5')}${target}
</g>`;
}

/** The values as bars with interval whiskers and target ticks; hidden figures draw no bar. */
export function valuesChart(report: QuarterlyReportDto): SafeHtml {
  const height = TOP + VALUE_KEYS.length * ROW + 18;
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  const summary = VALUE_KEYS.map((key) => VALUE_LABELS[key]).join(', ');
  return html`<svg class="chart" viewBox="0 0 ${LABEL_WIDTH + PLOT_WIDTH + 20} ${height}" role="img" aria-labelledby="values-chart-title" xmlns="http://www.w3.org/2000/svg">
<title id="values-chart-title">Share living each value (${summary}): baseline and now with 95% intervals, and the target</title>
<rect x="0" y="0" width="12" height="10" fill="#5b6573"/><text x="18" y="10" font-size="12" fill="#1b1f24">Baseline</text>
<rect x="90" y="0" width="12" height="10" fill="#0a56a5"/><text x="108" y="10" font-size="12" fill="#1b1f24">Now</text>
<path d="M160 -1V11" stroke="#b54708" stroke-width="3"/><text x="168" y="10" font-size="12" fill="#1b1f24">Target</text>
<path d="M230 5H262M230 1V9M262 1V9" stroke="#1b1f24" stroke-width="1.5" fill="none"/><text x="268" y="10" font-size="12" fill="#1b1f24">95% interval</text>
${ticks.map(
  (tick) =>
    html`<path d="M${fixed(x(tick))} ${TOP - 8}V${height - 16}" stroke="#d5dae1" stroke-width="1"/><text x="${fixed(x(tick))}" y="${height - 2}" font-size="12" text-anchor="middle" fill="#4a5360">${tick * 100}%</text>`,
)}
${VALUE_KEYS.map((key, index) => valueRow(report, key, index))}
</svg>`;
}
