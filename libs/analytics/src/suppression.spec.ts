import { suppressSmallGroups } from './suppression';

const group = (key: string, size: number) => ({ key, size, figures: { n: size } });

describe(suppressSmallGroups.name, () => {
  it('shows every group at or above the minimum', () => {
    expect(suppressSmallGroups([group('a', 5), group('b', 9)], 5)).toEqual([
      { key: 'a', n: 5 },
      { key: 'b', n: 9 },
    ]);
  });

  it('hides a small group with no figure at all, and the next-smallest with it', () => {
    expect(suppressSmallGroups([group('a', 4), group('b', 12), group('c', 6), group('d', 30)], 5)).toEqual([
      { key: 'a', suppressed: true },
      { key: 'b', n: 12 },
      { key: 'c', suppressed: true },
      { key: 'd', n: 30 },
    ]);
  });

  it('needs no second hiding when two or more groups are already hidden', () => {
    const shown = suppressSmallGroups([group('a', 1), group('b', 2), group('c', 50)], 5);
    expect(shown).toEqual([{ key: 'a', suppressed: true }, { key: 'b', suppressed: true }, { key: 'c', n: 50 }]);
  });

  it('hides a lone group below the minimum', () => {
    expect(suppressSmallGroups([group('a', 3)], 5)).toEqual([{ key: 'a', suppressed: true }]);
  });
});
