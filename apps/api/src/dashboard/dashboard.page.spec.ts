import { breakdownFixture, MARKETS, progressFixture, trendFixture } from './fixtures/dashboard.fixtures';
import { dashboardPage, type DashboardView } from './dashboard.page';

const view = (overrides: Partial<DashboardView> = {}): DashboardView => ({
  viewerName: 'Anna <Schmidt>',
  markets: MARKETS,
  progress: progressFixture(),
  trend: trendFixture(),
  breakdown: breakdownFixture(),
  heatmapBy: 'audience',
  controls: [
    { code: 'AT', progress: progressFixture({ market: MARKETS[1], change: null, caveats: [] }) },
    { code: 'CH', progress: null },
  ],
  quarter: '2026-Q2',
  scripts: ['/assets/chart.umd.js?v=1', '/assets/dashboard.js?v=2'],
  ...overrides,
});

const text = (page: string) =>
  page
    .replace(/<(style|script)[^>]*>[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

describe(dashboardPage.name, () => {
  it('shows baseline, current and target with who answered beside each score', () => {
    const page = text(dashboardPage(view()));
    expect(page).toContain('Baseline 34% 95% interval 30–38% 98 respondents 70% response rate weighted 33%');
    expect(page).toContain('Current 43% 95% interval 38–48% 61 respondents 43% response rate weighted 41%');
    expect(page).toContain('Target 52% baseline + 50%');
    expect(page).toContain('Progress 50% of the way from baseline to target');
  });

  it('says the change, the comparison with the controls and the projection in words', () => {
    const page = text(dashboardPage(view()));
    expect(page).toContain('Change since baseline +8.6 points (95% interval +2.1 to +15.1 points; Welch’s test p = 0.01)');
    expect(page).toContain('+7.1 points beyond the change in the control markets (AT, CH): 95% interval −1.0 to +15.2 points; p = 0.09');
    expect(page).toContain('At this pace the index reaches the target of 52% around 10 Aug 2026. Pace: +0.6 points a week');
    expect(page).toContain('Re-weighted to the mix of people invited: baseline 33% weighted, 34% as answered; current 41% weighted, 43% as answered.');
  });

  it('puts the caveats in a box of their own before the figures', () => {
    const page = dashboardPage(view());
    const box = page.indexOf('class="caveats"');
    expect(box).toBeGreaterThan(0);
    expect(box).toBeLessThan(page.indexOf('id="headline-title"'));
    expect(text(page)).toContain('Only 43% of the people invited answered the recent pulses');
  });

  it('marks hidden groups in the heatmap and the tables, never leaving a blank', () => {
    const page = dashboardPage(view());
    const heatmap = page.slice(page.indexOf('class="heatmap"'), page.indexOf('</table>', page.indexOf('class="heatmap"')));
    // Two hidden groups × 8 cells, and the "enable" cell of the two shown groups.
    expect(heatmap.match(/<td class="hidden-cell">hidden \(fewer than 5\)<\/td>/g)).toHaveLength(18);
    expect(heatmap).not.toMatch(/<td[^>]*>\s*<\/td>/);
    expect(heatmap).toContain('Telemarketers &#60;script&#62;');
    expect(text(page)).toContain('22 of 50 invited 44%');
  });

  it('links the other heatmap grouping, the governance report and the CSV export of the market', () => {
    const page = dashboardPage(view());
    expect(page).toContain('href="/dashboard/markets/DE?heatmap=department#heatmap-title"');
    expect(page).toContain('href="/api/markets/DE/report?quarter=2026-Q2"');
    expect(page).toContain('href="/api/markets/DE/export.csv"');
  });

  it('lists pilot and controls, saying which control the viewer may not see', () => {
    const page = text(dashboardPage(view()));
    expect(page).toMatch(/Germany \(DE\) pilot 34%.*Austria \(AT\) control 34%.*CH control not among your markets/);
  });

  it('escapes the viewer’s name and every label', () => {
    const page = dashboardPage(view());
    expect(page).toContain('Signed in as Anna &#60;Schmidt&#62;');
    expect(page).not.toContain('<Schmidt>');
  });

  it('loads the scripts after the stylesheets, deferred', () => {
    const page = dashboardPage(view());
    expect(page).toContain('<script src="/assets/chart.umd.js?v=1" defer></script>\n<script src="/assets/dashboard.js?v=2" defer></script>');
  });

  it('says plainly what is missing before the first answers', () => {
    const empty = progressFixture({
      baselineWave: null,
      window: null,
      baseline: null,
      current: null,
      target: null,
      progress: null,
      change: null,
      did: {
        estimate: null,
        interval: null,
        controls: [],
        reason: 'this market has no control markets',
        arms: { pilot: { baseline: null, current: null }, controls: { baseline: 0, current: 0 } },
        byControl: [],
      },
      projection: { date: null, onTrack: false, reason: 'no target' },
      caveats: [],
    });
    const page = text(dashboardPage(view({ progress: empty, trend: trendFixture({ points: [], fit: null, baseline: null, target: null, projection: empty.projection }), breakdown: { ...breakdownFixture(), groups: [] }, controls: [] })));
    expect(page).toContain('No baseline survey yet. No pulse rounds yet.');
    expect(page).toContain('Baseline — no baseline survey yet');
    expect(page).toContain('No projection without a target.');
    expect(page).toContain('No pulse rounds yet: the trend starts with the first round’s answers.');
    expect(page).toContain('This pilot has no control markets yet');
  });
});
