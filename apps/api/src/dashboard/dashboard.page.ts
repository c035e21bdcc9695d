import type { BreakdownDto, MarketRefDto, ProgressDto, TrendDto } from '@changepulse/analytics';
import { html, type SafeHtml } from '../web/html';
import { chartFigures, figuresBlock } from './chart-figures';
import { dashboardLayout } from './dashboard-layout';
import { controlsSection, type ControlFigures } from './sections/controls.section';
import { caveatsBox, headlineSection } from './sections/headline.section';
import { heatmapSection, type HeatmapBy } from './sections/heatmap.section';
import { trendSection } from './sections/trend.section';
import { valuesSection } from './sections/values.section';

/** Everything the overview of one market shows. */
export interface DashboardView {
  viewerName: string;
  /** The markets the viewer may see, pilots first (the switcher). */
  markets: MarketRefDto[];
  progress: ProgressDto;
  trend: TrendDto;
  breakdown: BreakdownDto;
  heatmapBy: HeatmapBy;
  controls: ControlFigures[];
  /** The governance report's quarter, e.g. 2026-Q4. */
  quarter: string;
  /** The script URLs (versioned, so they can be cached for long). */
  scripts: string[];
}

const ROLE_LABEL: Record<MarketRefDto['role'], string> = { pilot: 'pilot', control: 'control', other: 'not started' };

export function marketPath(code: string): string {
  return `/dashboard/markets/${encodeURIComponent(code)}`;
}

/** The top bar: what this is, who is signed in, and signing out. */
export function topBar(viewerName: string): SafeHtml {
  return html`<header class="top">
  <p class="brand">changepulse <span>· CRM leadership dashboard</span></p>
  <div class="who"><span>Signed in as ${viewerName}</span><form method="post" action="/dashboard/sign-out"><button type="submit">Sign out</button></form></div>
</header>`;
}

function marketSwitcher(markets: MarketRefDto[], current: string): SafeHtml {
  if (markets.length < 2) return html``;
  return html`<nav class="markets" aria-label="Markets"><ul>${markets.map(
    (market) =>
      html`<li><a href="${marketPath(market.code)}"${market.code === current ? html` aria-current="page"` : ''}>${market.code} · ${market.name} <span class="muted">(${ROLE_LABEL[market.role]})</span></a></li>`,
  )}</ul></nav>`;
}

function reportsSection(code: string, quarter: string): SafeHtml {
  const base = `/api/markets/${encodeURIComponent(code)}`;
  return html`<section class="card" aria-labelledby="reports-title">
  <h2 id="reports-title">Take it to the meeting</h2>
  <ul class="links">
    <li><a href="${base}/report?quarter=${quarter}">Governance report for ${quarter}</a></li>
    <li><a href="${base}/export.csv" download>All figures as CSV</a></li>
  </ul>
</section>`;
}

/** The overview of one market (GET /dashboard and /dashboard/markets/:code). */
export function dashboardPage(view: DashboardView): string {
  const { progress } = view;
  const { market } = progress;
  const body = html`${topBar(view.viewerName)}
${marketSwitcher(view.markets, market.code)}
<h1>${market.name} (${market.code})<span class="role">${ROLE_LABEL[market.role]}</span></h1>
<p class="muted">Figures from groups of fewer than ${progress.minGroup} respondents are never shown. Every interval is a 95% interval.</p>
${caveatsBox(progress)}
${headlineSection(progress)}
${valuesSection(progress)}
${trendSection(view.trend, progress.minGroup)}
${heatmapSection(view.breakdown, view.heatmapBy, progress, marketPath(market.code))}
${controlsSection(progress, view.controls)}
${reportsSection(market.code, view.quarter)}
${figuresBlock(chartFigures(progress, view.trend))}`;
  return dashboardLayout(`${market.name} (${market.code})`, body, view.scripts);
}

/** A signed-in viewer with no market to see. */
export function noMarketsPage(viewerName: string): string {
  return dashboardLayout(
    'No markets yet',
    html`${topBar(viewerName)}<div class="card"><h1>No markets to show yet</h1><p>Your account does not include any market yet, or none has been set up. Ask your change team to add you to a market.</p></div>`,
  );
}
