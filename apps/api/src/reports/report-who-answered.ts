import { hiddenText, isHidden, percent, type BreakdownDto, type QuarterlyReportDto, type Shown } from '@changepulse/analytics';
import { html, type SafeHtml } from '../web/html';

type Group = BreakdownDto['groups'][number];

/** "72.3% (94 of 130)", or why there is no rate. */
function rateCell(figure: Shown | Group | null | undefined, minGroup: number): SafeHtml {
  if (!figure) return html`<td>—</td>`;
  if (isHidden(figure)) return html`<td class="hidden-figure">${hiddenText(minGroup)}</td>`;
  if (figure.responseRate === null) return html`<td>${figure.n} answered</td>`;
  return html`<td>${percent(figure.responseRate)}<span class="sub">${figure.n} of ${figure.invited}</span></td>`;
}

/** The raw and the re-weighted share side by side. */
function rawWeighted(figure: Shown | Group | null | undefined, minGroup: number): SafeHtml {
  if (!figure) return html`<td>—</td><td>—</td>`;
  if (isHidden(figure)) return html`<td class="hidden-figure" colspan="2">${hiddenText(minGroup)}</td>`;
  return html`<td class="num">${percent(figure.cli)}</td><td class="num">${figure.weighted === null ? '—' : percent(figure.weighted)}</td>`;
}

function tierRows(report: QuarterlyReportDto): SafeHtml[] {
  const rates = report.responseRates!;
  const baseline = new Map(rates.baseline.map((group) => [group.key, group]));
  const current = new Map(rates.current.map((group) => [group.key, group]));
  const keys = [...new Set([...current.keys(), ...baseline.keys()])];
  return keys.map((key) => {
    const label = (current.get(key) ?? baseline.get(key))!.label;
    return html`<tr><th scope="row">${label}</th>${rateCell(baseline.get(key), report.minGroup)}${rateCell(current.get(key), report.minGroup)}${rawWeighted(current.get(key), report.minGroup)}</tr>`;
  });
}

/** Section 4: who was asked and who answered, overall and per audience tier, raw against weighted. */
export function whoAnsweredSection(report: QuarterlyReportDto): SafeHtml {
  if (!report.hasData || !report.responseRates) return html`<p class="empty">No data for this quarter.</p>`;
  const { summary, minGroup } = report;
  const { laterRounds } = report.responseRates;
  const later = laterRounds
    ? html`<p class="meta">The tiers' figures are today's: they include ${laterRounds} pulse round${laterRounds === 1 ? '' : 's'} held after ${report.quarter}.</p>`
    : '';
  return html`<p>Those who answer may not be like those who did not: a low response rate, or a weighted figure far from the raw one, means the score could reflect who answered more than everyone. The weighted figure re-weights respondents to the mix of tiers and departments of everyone invited.</p>
<table>
<caption>Everyone in the market</caption>
<thead><tr><th scope="col">Survey</th><th scope="col">Response rate</th><th scope="col" class="num">Index, raw</th><th scope="col" class="num">Index, weighted</th></tr></thead>
<tbody>
<tr><th scope="row">Baseline</th>${rateCell(summary.baseline, minGroup)}${rawWeighted(summary.baseline, minGroup)}</tr>
<tr><th scope="row">Now (pulses)</th>${rateCell(summary.current, minGroup)}${rawWeighted(summary.current, minGroup)}</tr>
</tbody>
</table>
<table>
<caption>Per audience tier</caption>
<thead><tr><th scope="col">Tier</th><th scope="col">Baseline response</th><th scope="col">Pulse response</th><th scope="col" class="num">Index now, raw</th><th scope="col" class="num">Index now, weighted</th></tr></thead>
<tbody>${tierRows(report)}</tbody>
</table>
${later}`;
}
