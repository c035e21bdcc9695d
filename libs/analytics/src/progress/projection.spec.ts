import { projectTrend } from './projection';

const weekly = (values: number[]) => values.map((cli, index) => ({ date: new Date(Date.UTC(2026, 0, 5 + 7 * index)).toISOString().slice(0, 10), cli }));

describe(projectTrend.name, () => {
  it('gives the day a steady rise meets the target', () => {
    // +0.02 a week from 0.30: the line meets 0.45 after 7.5 weeks, 52.5 days after 5 January.
    const { projection, fit } = projectTrend(weekly([0.3, 0.321, 0.339, 0.361, 0.379, 0.4]), 0.45, 0.39);
    expect(projection).toMatchObject({ onTrack: true, reason: null });
    expect(projection.date).toBe('2026-02-27');
    expect(projection.slopePerWeek).toBeCloseTo(0.02, 2);
    expect(fit).toMatchObject({ from: '2026-01-05', to: '2026-02-09' });
  });

  it('says "falling" when the whole slope interval is below zero', () => {
    expect(projectTrend(weekly([0.4, 0.38, 0.36, 0.35, 0.33]), 0.6, 0.34).projection).toMatchObject({ onTrack: false, reason: 'falling', date: null });
  });

  it('says "flat" when the slope interval reaches zero', () => {
    expect(projectTrend(weekly([0.4, 0.45, 0.38, 0.44, 0.39]), 0.6, 0.4).projection).toMatchObject({ onTrack: false, reason: 'flat', date: null });
  });

  it('needs four rounds, and a target', () => {
    expect(projectTrend(weekly([0.3, 0.4, 0.5]), 0.6, 0.5).projection).toMatchObject({ onTrack: false, reason: 'too few points' });
    expect(projectTrend(weekly([0.3, 0.4, 0.5, 0.6]), null, 0.5).projection).toMatchObject({ onTrack: false, reason: 'no target' });
  });

  it('says the target is reached when the current figure is at it, dated by the last round', () => {
    expect(projectTrend(weekly([0.3, 0.4, 0.5, 0.6]), 0.55, 0.55).projection).toMatchObject({ onTrack: true, reason: 'target reached', date: '2026-01-26' });
  });

  it('says the target is reached, dated by the last round, once the fitted line has passed it (never a past crossing date)', () => {
    // The line passed 0.55 on day 17.5 while the current figure is still below: METHOD.md calls that reached.
    expect(projectTrend(weekly([0.3, 0.4, 0.5, 0.6]), 0.55, 0.5).projection).toMatchObject({ onTrack: true, reason: 'target reached', date: '2026-01-26' });
    // A falling line is "falling" first, as METHOD.md orders the rules.
    expect(projectTrend(weekly([0.7, 0.68, 0.66, 0.65, 0.63]), 0.55, 0.5).projection).toMatchObject({ onTrack: false, reason: 'falling', date: null });
  });
});
