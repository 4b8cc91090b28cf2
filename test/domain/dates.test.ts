import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, dayOfWeek, fromDay, toDay } from '../../worker/domain/dates';
import { makeCalendar } from '../../worker/domain/forecast/calendar';

describe('calendar arithmetic', () => {
  it('converts ISO dates to epoch days and back', () => {
    expect(toDay('1970-01-01')).toBe(0);
    expect(toDay('2000-03-01')).toBe(11017);
    expect(fromDay(19358)).toBe('2023-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(dayOfWeek(toDay('2024-06-02'))).toBe(0); // a Sunday
  });

  it('rejects impossible dates', () => {
    expect(() => toDay('2023-02-29')).toThrow(RangeError);
    expect(() => toDay('01/02/2023')).toThrow(RangeError);
  });

  it('round-trips every day between 1900 and 2199', () => {
    fc.assert(fc.property(fc.integer({ min: toDay('1900-01-01'), max: toDay('2199-12-31') }), (d) => toDay(fromDay(d)) === d));
  });

  it('folds Feb 29 onto Feb 28 so a year slot means the same date every year', () => {
    const cal = makeCalendar('day', toDay('2024-02-28'), 3);
    expect(Array.from(cal.yearSlot)).toEqual([58, 58, 59]);
    expect(Array.from(cal.month)).toEqual([1, 1, 2]);
    expect(cal.year[0]).toBe(2024);
  });
});
