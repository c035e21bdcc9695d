import {
  day,
  DIMENSION_KEYS,
  hiddenText,
  isHidden,
  percent,
  percentRange,
  points,
  pointsRange,
  projectionSentence,
  pValue,
  shareText,
  VALUE_KEYS,
  type MeasureChangeDto,
  type QuarterlyReportDto,
  type Shown,
} from '@changepulse/analytics';
import { html, type SafeHtml } from '../web/html';
import { layout } from '../web/page-layout';
import { VALUE_LABELS, valuesChart } from './report-charts';
import { whoAnsweredSection } from './report-who-answered';
import { REPORT_STYLES } from './report.styles';

const ROLE: Record<QuarterlyReportDto['market']['role'], string> = { pilot: 'pilot market', control: 'comparison market', other: 'not started yet' };
const DIMENSIONS = { people: 'People', process: 'Process', technology: 'Technology' } as const;
const NO_DATA = html`<p class="empty">No data for this quarter.</p>`;

/** A figure in a table cell: the share, then its interval, n and response rate. */
function figureCell(figure: Shown | null, minGroup: number, missing = '—'): SafeHtml {
  if (!figure) return html`<td>${missing}</td>`;
  if (isHidden(figure)) return html`<td class="hidden-figure">${hiddenText(minGroup)}</td>`;
  const rate = figure.responseRate === null ? '' : ` · ${percent(figure.responseRate)} answered`;
  return html`<td>${percent(figure.cli)}<span class="sub">${percentRange(figure.interval)} · n ${figure.n}${rate}</span></td>`;
}

function section(number: number, id: string, title: string, body: SafeHtml, first = false): SafeHtml {
  return html`<section class="card${first ? ' first' : ''}" aria-labelledby="${id}">
<h2 id="${id}"><span class="number">${number}</span>${title}</h2>
${body}
</section>`;
}

/** True while the quarter runs: its figures are today's. */
function running(report: QuarterlyReportDto): boolean {
  return report.asOf.slice(0, 10) < report.end;
}

function endOf(report: QuarterlyReportDto): string {
  return running(report) ? `${report.quarter} so far` : `End of ${report.quarter}`;
}

function header(report: QuarterlyReportDto): SafeHtml {
  const { market } = report;
  const fact = (term: string, value: string) => html`<div><dt>${term}</dt><dd>${value}</dd></div>`;
  return html`<header class="report-head card">
<p class="kicker">Quarterly governance report · CRM leadership values</p>
<h1>${market.name} (${market.code}), ${report.quarter}</h1>
<dl class="facts">
${fact('Market', `${market.name} (${market.code}), ${ROLE[market.role]}`)}
${fact('Quarter', `${day(report.start)} – ${day(report.end)}`)}
${fact(running(report) ? 'Figures so far, as at' : 'Figures as at', day(report.asOf))}
${fact('Generated', day(report.generatedAt))}
${fact('Smallest group shown', `${report.minGroup} respondents`)}
</dl>
</header>`;
}

function kpi(label: string, value: string, detail: string): SafeHtml {
  return html`<div class="kpi"><p class="label">${label}</p><p class="value">${value}</p><p class="detail">${detail}</p></div>`;
}

function summary(report: QuarterlyReportDto): SafeHtml {
  if (!report.hasData) return html`<p>No data for this quarter: ${report.market.code} had no launched survey by ${day(report.asOf)}.</p>`;
  const { summary: figures, did, minGroup } = report;
  const target = figures.target === null ? 'no target yet' : `${percent(figures.target)}${figures.capped ? ' (capped at 100%)' : ''}`;
  const change = figures.change
    ? `Change since the baseline: ${points(figures.change.difference)} (95% interval ${pointsRange(figures.change.interval)}; Welch's test, ${pValue(figures.change.p)}).`
    : `Change since the baseline: not measurable yet (${figures.changeReason ?? 'it needs a baseline and pulse rounds, each with enough respondents'}).`;
  // A control market is a comparison: its own change, never a target or progress toward one.
  const comparison = report.market.role === 'control';
  const controls = did.controls.length ? `the comparison markets (${did.controls.join(', ')})` : 'comparison markets';
  const difference =
    did.estimate !== null && did.interval
      ? `Against ${controls}, the difference-in-differences is ${points(did.estimate)} (95% interval ${pointsRange(did.interval)}${did.p === undefined ? '' : `; ${pValue(did.p)}`}): the pilot's change beyond what the comparison markets saw over the same time.`
      : `No difference-in-differences against ${controls}: ${did.reason ?? 'not enough data'}.`;
  const window = figures.window ? `"Now" is the pulse rounds from ${day(figures.window.from)} to ${day(figures.window.to)} (${figures.window.rounds} rounds).` : 'There are no pulse rounds yet.';
  return html`<div class="kpis">
${kpi('CRM Leadership Index at baseline', shareText(figures.baseline, minGroup, 'no baseline'), figures.baselineWave ? `survey of ${day(figures.baselineWave.opensAt)}` : 'no baseline survey yet')}
${kpi('CRM Leadership Index now', shareText(figures.current, minGroup, 'no pulse yet'), figures.window ? `rounds up to ${day(figures.window.to)}` : 'no pulse rounds yet')}
${comparison ? '' : kpi('Target (+50%)', target, 'baseline × 1.5')}
${comparison ? '' : kpi('Progress toward the target', figures.progress === null ? 'not yet' : percent(figures.progress), 'of the way from baseline to target')}
</div>
${comparison
  ? html`<p>${report.market.code} is a comparison (control) market: it is not measured against a target; its own change is set beside the pilot's.</p>`
  : ''}
<p>${change}</p>
${comparison ? '' : html`<p>${difference}</p>${didParts(did)}`}
${comparison ? '' : html`<p>${projectionSentence(figures.projection)}</p>`}
<p class="meta">${window} The CRM Leadership Index is the share of answers of "often" or "always" to the behaviour questions, averaged over the five values.</p>`;
}

/** Each control's own part in the comparison: people and own change, or why it is left out. */
function didParts(did: QuarterlyReportDto['did']): SafeHtml {
  if (did.byControl.length === 0) return html``;
  const count = (n: number | null) => (n === null ? 'hidden' : n.toLocaleString('en-GB'));
  return html`<ul>${did.byControl.map((part) => {
    const answered =
      part.invited.current === null
        ? `${count(part.answered.current)} answered now`
        : `${count(part.answered.current)} of ${count(part.invited.current)} answered now`;
    const change = part.change === null ? '' : `, own change ${points(part.change)}`;
    return html`<li>${part.code}: ${answered}${change}${part.note ? `; ${part.note}` : ''}.</li>`;
  })}</ul>`;
}

function values(report: QuarterlyReportDto): SafeHtml {
  if (!report.hasData) return NO_DATA;
  const targets = report.market.role !== 'control';
  const rows = VALUE_KEYS.map((key) => {
    const value = report.values[key];
    const target = value.target === null ? '—' : percent(value.target);
    const progress = value.progress === null ? '—' : percent(value.progress);
    const toTarget = targets ? html`<td class="num">${target}</td><td class="num">${progress}</td>` : '';
    const cells = html`${figureCell(value.baseline, report.minGroup)}${figureCell(value.current, report.minGroup)}`;
    return html`<tr><th scope="row">${VALUE_LABELS[key]}</th>${cells}${toTarget}</tr>`;
  });
  return html`${valuesChart(report)}
<table>
<caption>Share of answers "often" or "always", per value</caption>
<thead><tr><th scope="col">Value</th><th scope="col">Baseline</th><th scope="col">Now</th>${
  targets ? html`<th scope="col" class="num">Target</th><th scope="col" class="num">Progress</th>` : ''
}</tr></thead>
<tbody>${rows}</tbody>
</table>
<p class="meta">Under each share: its 95% interval, the number of respondents (n) and the share of people invited who answered.</p>`;
}

function readiness(report: QuarterlyReportDto): SafeHtml {
  if (!report.hasData) return NO_DATA;
  const rows = DIMENSION_KEYS.map(
    (key) =>
      html`<tr><th scope="row">${DIMENSIONS[key]}</th>${figureCell(report.readiness[key].baseline, report.minGroup, 'not asked')}${figureCell(report.readiness[key].current, report.minGroup, 'not asked in the pulses')}</tr>`,
  );
  return html`<p>Readiness asks whether people are willing to change how they work (people), whether processes are designed with the customer in mind (process) and whether data and systems support the customer goals (technology). The share is of answers that agree.</p>
<table>
<thead><tr><th scope="col">Dimension</th><th scope="col">Baseline</th><th scope="col">Now</th></tr></thead>
<tbody>${rows}</tbody>
</table>`;
}

function changeRow(label: string, change: MeasureChangeDto, minGroup: number): SafeHtml {
  return html`<tr><th scope="row">${label}</th><td>${shareText(change.then, minGroup, 'no figure')}</td><td>${shareText(change.now, minGroup, 'no figure')}</td><td class="num">${change.difference === null ? '—' : points(change.difference)}</td></tr>`;
}

function changes(report: QuarterlyReportDto): SafeHtml {
  const { changes: c, minGroup } = report;
  const rate = (share: number | null) => (share === null ? 'no figure' : percent(share));
  const rounds = c.rounds.length ? `${c.rounds.length} pulse round${c.rounds.length === 1 ? '' : 's'} held in ${report.quarter}: ${c.rounds.map((date) => day(date)).join(', ')}.` : `No pulse round was held in ${report.quarter}.`;
  const projection = c.projection.changed
    ? html`<p>The projection changed.</p><ul><li>At the end of ${c.previousQuarter}: ${projectionSentence(c.projection.then)}</li><li>${running(report) ? `In ${report.quarter} so far` : `At the end of ${report.quarter}`}: ${projectionSentence(c.projection.now)}</li></ul>`
    : html`<p>The projection did not change: ${projectionSentence(c.projection.now)}</p>`;
  return html`<p>${rounds}</p>
<table>
<caption>"Now" at the end of ${c.previousQuarter} and ${running(report) ? `in ${report.quarter} so far` : `at the end of ${report.quarter}`}</caption>
<thead><tr><th scope="col">Measure</th><th scope="col">End of ${c.previousQuarter}</th><th scope="col">${endOf(report)}</th><th scope="col" class="num">Change</th></tr></thead>
<tbody>
${changeRow('CRM Leadership Index', c.cli, minGroup)}
${VALUE_KEYS.map((key) => changeRow(VALUE_LABELS[key], c.values[key], minGroup))}
<tr><th scope="row">Response rate of the pulses</th><td>${rate(c.responseRate.then)}</td><td>${rate(c.responseRate.now)}</td><td class="num">${c.responseRate.then === null || c.responseRate.now === null ? '—' : points(c.responseRate.now - c.responseRate.then)}</td></tr>
</tbody>
</table>
${projection}`;
}

function feedback(report: QuarterlyReportDto): SafeHtml {
  if (!report.feedback.collected)
    return html`<p>No feedback has been collected through changepulse yet, so there are no themes to report. Once employees can send feedback, this section counts it by theme for the quarter.</p>`;
  if (report.feedback.themes.length === 0) return html`<p>No feedback was received in ${report.quarter}.</p>`;
  return html`<table><thead><tr><th scope="col">Theme</th><th scope="col" class="num">Items</th></tr></thead><tbody>${report.feedback.themes.map(
    (theme) => html`<tr><td>${theme.theme}</td><td class="num">${theme.count}</td></tr>`,
  )}</tbody></table>`;
}

function comments(report: QuarterlyReportDto): SafeHtml {
  const { comments: c } = report;
  if (!c.shown) return html`<p>Comments are shown only when at least ${c.minRespondents} people answered in the quarter, so that nobody can be recognised by what they wrote. Fewer did, so none are shown.</p>`;
  if (c.items.length === 0) return html`<p>Nobody left a comment in ${report.quarter}.</p>`;
  return html`<p class="meta">Up to 12 comments from the quarter's surveys, in no particular order, without tier, department or date.</p>
<ul class="quotes">${c.items.map((item) => html`<li>${item}</li>`)}</ul>`;
}

function method(report: QuarterlyReportDto): SafeHtml {
  const caveats = report.caveats.length ? html`<h3>Read the figures with these in mind</h3><ul class="caveats">${report.caveats.map((caveat) => html`<li>${caveat}</li>`)}</ul>` : '';
  return html`<p>Each respondent gets a score, the share of their answers of 4 ("often") or 5 ("always"); a group's figure is the mean over its respondents, with a 95% interval. The change from the baseline is tested with Welch's t-test, and the difference-in-differences compares it with the change in the comparison markets over the same time.</p>
<p>${running(report) ? `The quarter is still running: figures stand as at ${day(report.asOf)}.` : `Figures stand as at the end of the quarter (${day(report.asOf)}).`} No figure describes fewer than ${report.minGroup} respondents, and comments need at least ${report.comments.minRespondents}.</p>
${caveats}`;
}

/** The printable governance report (A4, no script, no outside resources). */
export function reportPage(report: QuarterlyReportDto): string {
  const body = html`${header(report)}
${section(1, 'summary', 'Summary', summary(report), true)}
${section(2, 'values', 'Values', values(report))}
${section(3, 'readiness', 'Readiness: people, process, technology', readiness(report))}
${section(4, 'who-answered', 'Who answered', whoAnsweredSection(report))}
${section(5, 'changes', `What changed since ${report.changes.previousQuarter}`, changes(report))}
${section(6, 'feedback', 'Feedback themes', feedback(report))}
${section(7, 'comments', 'What people wrote', comments(report))}
${section(8, 'method', 'Notes on method', method(report))}`;
  return layout({ language: 'en', title: `${report.market.code} governance report ${report.quarter}`, body, styles: REPORT_STYLES });
}
