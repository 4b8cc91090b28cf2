import { describe, expect, it } from 'vitest';
import { today } from '../../worker/lib/dates';

// today() remembers its last answer per time zone for the current UTC minute: local midnight must
// still switch the date at the exact instant, in zones with half-hour and 45-minute offsets too.
describe('the local calendar date', () => {
  const cases: [string, string, string, string][] = [
    // zone, UTC instant of local midnight, date before, date from then on
    ['Asia/Seoul', '2026-11-30T15:00:00.000Z', '2026-11-30', '2026-12-01'],
    ['America/St_Johns', '2026-12-01T03:30:00.000Z', '2026-11-30', '2026-12-01'],
    ['Asia/Kathmandu', '2026-11-30T18:15:00.000Z', '2026-11-30', '2026-12-01'],
    ['UTC', '2026-12-01T00:00:00.000Z', '2026-11-30', '2026-12-01'],
  ];
  it.each(cases)('switches at local midnight in %s', (zone, midnight, before, after) => {
    const t = Date.parse(midnight);
    // Asked in the same minute first, then across the boundary, then back: never a stale answer.
    expect(today(zone, t - 30_000)).toBe(before);
    expect(today(zone, t - 1)).toBe(before);
    expect(today(zone, t)).toBe(after);
    expect(today(zone, t + 59_999)).toBe(after);
    expect(today(zone, t - 1)).toBe(before);
    expect(today(zone, new Date(t))).toBe(after);
  });

  it('keeps an old offset with seconds exact (Monrovia, 1971: −00:44:30)', () => {
    const midnight = Date.parse('1971-06-01T00:44:30.000Z');
    expect(today('Africa/Monrovia', midnight - 1)).toBe('1971-05-31');
    expect(today('Africa/Monrovia', midnight)).toBe('1971-06-01');
    expect(today('Africa/Monrovia', midnight - 1)).toBe('1971-05-31');
  });

  it('reads an unknown zone as UTC', () => {
    expect(today('Not/AZone', Date.parse('2026-11-30T23:59:00Z'))).toBe('2026-11-30');
  });
});
