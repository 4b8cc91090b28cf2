import { describe, expect, it } from 'vitest';
import { fromDay } from '../../worker/domain/dates';
import { holidayDates, KOREAN_HOLIDAYS, type HolidayRule } from '../../worker/domain/holidays';
import { CHUSEOK, SEOLLAL } from '../../sample_data/catalog';

const dayOf = (name: string, year: number) => {
  const h = holidayDates(KOREAN_HOLIDAYS, year, year).find((x) => x.name === name);
  return h && { day: fromDay(h.day), first: fromDay(h.first), last: fromDay(h.last) };
};

describe('holiday calendar', () => {
  it('places Seollal and Chuseok on the dates the published table gives, with their three days', () => {
    expect(dayOf('Seollal', 2026)).toEqual({ day: '2026-02-17', first: '2026-02-16', last: '2026-02-18' });
    expect(dayOf('Chuseok', 2025)).toEqual({ day: '2025-10-06', first: '2025-10-05', last: '2025-10-07' });
    // The demo data's hand table (sample_data/catalog.ts) for every year it lists.
    for (const [y, iso] of Object.entries(SEOLLAL)) expect(dayOf('Seollal', Number(y))?.day).toBe(iso);
    for (const [y, iso] of Object.entries(CHUSEOK)) expect(dayOf('Chuseok', Number(y))?.day).toBe(iso);
  });

  it('lists fixed and lunar days of a range once each, sorted, and skips dates a year does not have', () => {
    const rules: HolidayRule[] = [
      { name: 'Leap', calendar: 'solar', month: 2, day: 29 },
      { name: 'Lunar year end', calendar: 'lunar', month: 12, day: 29 },
      { name: 'Christmas', calendar: 'solar', month: 12, day: 25 },
    ];
    const got = holidayDates(rules, 2024, 2025).map((h) => `${h.name} ${fromDay(h.day)}`);
    // Lunar 12/29 of lunar year 2023 falls on 2024-02-08, that of 2024 on 2025-01-28; the one of
    // lunar 2025 is in 2026 (outside the range).
    expect(got).toEqual([
      'Lunar year end 2024-02-08',
      'Leap 2024-02-29',
      'Christmas 2024-12-25',
      'Lunar year end 2025-01-28',
      'Christmas 2025-12-25',
    ]);
    const days = holidayDates(KOREAN_HOLIDAYS, 2020, 2030).map((h) => h.day);
    expect(days).toEqual([...days].sort((a, b) => a - b));
    expect(holidayDates(KOREAN_HOLIDAYS, 2020, 2030)).toHaveLength(11 * 11);
  });

  it('rejects impossible rules and ranges, and returns nothing beyond the lunar tables', () => {
    expect(() => holidayDates([{ name: 'x', calendar: 'lunar', month: 13, day: 1 }], 2025, 2025)).toThrow(RangeError);
    expect(() => holidayDates([{ name: 'x', calendar: 'lunar', month: 1, day: 31 }], 2025, 2025)).toThrow(RangeError);
    expect(() => holidayDates([{ name: 'x', calendar: 'solar', month: 1, day: 1, daysBefore: -1 }], 2025, 2025)).toThrow(RangeError);
    expect(() => holidayDates(KOREAN_HOLIDAYS, 2026, 2025)).toThrow(RangeError);
    expect(holidayDates([{ name: 'Seollal', calendar: 'lunar', month: 1, day: 1 }], 2060, 2061)).toEqual([]);
  });
});
