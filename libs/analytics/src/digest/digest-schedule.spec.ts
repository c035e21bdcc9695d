import { isoWeek, weekStart } from './digest-schedule';
import { digestUnsubscribeToken, verifyDigestUnsubscribeToken } from './digest-token';

describe(isoWeek.name, () => {
  it.each([
    ['2026-11-23T07:00:00Z', '2026-W48', '2026-11-23'],
    ['2026-11-22T23:59:59Z', '2026-W47', '2026-11-16'],
    ['2021-01-03T12:00:00Z', '2020-W53', '2020-12-28'],
    ['2024-12-30T12:00:00Z', '2025-W01', '2024-12-30'],
    ['2026-01-01T00:00:00Z', '2026-W01', '2025-12-29'],
  ])('puts %s in week %s, which starts on %s', (at, week, monday) => {
    expect(isoWeek(new Date(at))).toBe(week);
    expect(weekStart(week)).toBe(monday);
  });
});

describe(verifyDigestUnsubscribeToken.name, () => {
  const secret = 'a-secret-key-of-at-least-32-characters';
  const userId = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

  it('gives back the user of its own tokens and nothing for forged or foreign ones', () => {
    const token = digestUnsubscribeToken(secret, userId);
    expect(verifyDigestUnsubscribeToken(secret, token)).toBe(userId);
    expect(verifyDigestUnsubscribeToken('another-secret-key-of-32-characters!!', token)).toBeNull();
    expect(verifyDigestUnsubscribeToken(secret, `${token.slice(0, -1)}x`)).toBeNull();
    expect(verifyDigestUnsubscribeToken(secret, `${token}.more`)).toBeNull();
    expect(verifyDigestUnsubscribeToken(secret, 'nonsense')).toBeNull();
  });
});
