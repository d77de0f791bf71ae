import { parseEntryTimestamp, parseTimeArg } from '../../scripts/health/period';

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);

describe('parseTimeArg', () => {
  it.each([
    ['24h', NOW - 24 * 3_600_000],
    ['7d', NOW - 7 * 86_400_000],
    ['30m', NOW - 30 * 60_000],
    ['90s', NOW - 90_000],
    ['2w', NOW - 14 * 86_400_000],
    ['1.5h', NOW - 5_400_000],
    ['2026-11-25T10:30:00Z', Date.UTC(2026, 10, 25, 10, 30)],
    ['2026-11-25T10:30:00+01:00', Date.UTC(2026, 10, 25, 9, 30)],
    ['2026-11-25T10:30', Date.UTC(2026, 10, 25, 10, 30)],
    ['2026-11-25', Date.UTC(2026, 10, 25)],
    ['1764070000000', 1764070000000],
  ])('%s', (text, ms) => expect(parseTimeArg(text, NOW)).toBe(ms));

  it('explains the accepted forms when it cannot read a time', () => {
    expect(() => parseTimeArg('last tuesday', NOW)).toThrow(
      'cannot read time "last tuesday": use an ISO time (2026-11-25T12:00:00Z), a date (2026-11-25, UTC), epoch milliseconds, or an age such as 30m, 24h, 7d',
    );
    expect(() => parseTimeArg('2026-13-45', NOW)).toThrow(/cannot read time/);
  });

  it.each(['99999999999999999999', '99999999999w'])('refuses %s, which no date can hold, instead of crashing later', (text) =>
    expect(() => parseTimeArg(text, NOW)).toThrow(`time "${text}" is out of range: give a date between the years -271821 and 275760`),
  );
});

describe('parseEntryTimestamp', () => {
  it('reads RFC 3339 with nanoseconds and {seconds, nanos}', () => {
    expect(parseEntryTimestamp('2026-11-25T10:00:00.123456789Z')).toBe(Date.UTC(2026, 10, 25, 10, 0, 0, 123));
    expect(parseEntryTimestamp({ seconds: '1764064800', nanos: 500_000_000 })).toBe(1764064800500);
    expect(parseEntryTimestamp('soon')).toBeUndefined();
    expect(parseEntryTimestamp(undefined)).toBeUndefined();
  });
});
