import { chartFigures, figuresBlock } from './chart-figures';
import { progressFixture, trendFixture } from './fixtures/dashboard.fixtures';

describe(chartFigures.name, () => {
  it('gives the charts the tables’ figures: hidden ones as null, never a number', () => {
    const figures = chartFigures(progressFixture(), trendFixture());
    expect(figures.values.map((row) => row.label)).toEqual(['Understand', 'Analyze', 'Relate', 'Invent', 'Enable', 'Index']);
    expect(figures.values[4]).toMatchObject({ label: 'Enable', current: null, target: expect.any(Number) });
    expect(figures.values[5].current).toEqual({ value: 0.43, interval: [0.38, 0.48], n: 61, responseRate: 61 / 141 });
    expect(figures.trend.points[2]).toEqual({ date: '2026-03-02', value: null, interval: null });
    expect(figures.trend.projection).toEqual({ date: '2026-08-10', onTrack: true });
  });
});

describe(figuresBlock.name, () => {
  it('keeps any text in the figures from closing the script element', () => {
    const figures = chartFigures(progressFixture(), trendFixture());
    figures.values[0].label = '</script><script>alert(1)</script>\u2028';
    const block = figuresBlock(figures).value;
    expect(block.match(/<\/script>/g)).toHaveLength(1);
    expect(block.endsWith('</script>')).toBe(true);
    const json = block.slice(block.indexOf('>') + 1, -'</script>'.length);
    expect(JSON.parse(json).values[0].label).toBe('</script><script>alert(1)</script>\u2028');
  });
});
