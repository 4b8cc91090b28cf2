// The web app's span of hours reads in a unit a person uses: the ROI page showed "median 0.1 h,
// mean 0 h" (Korean "0시간") for decisions taken within minutes.
import { describe, expect, it } from 'vitest';
import { formats } from '../../app/lib/format';

describe('formats().hours', () => {
  const en = formats('en');
  const ko = formats('ko');
  it('says minutes under an hour, hours under two days, then days', () => {
    expect(en.hours(0.05)).toBe('3 min');
    expect(en.hours(0.001)).toBe('1 min');
    expect(en.hours(2.5)).toBe('2.5 hr');
    expect(en.hours(72)).toBe('3 days');
    expect(ko.hours(0.05)).toBe('3분');
    expect(ko.hours(2.5)).toBe('2.5시간');
    expect(en.hours(null)).toBe('—');
  });
});
