// The bulk decision notice gives every distinct refusal reason, not only the first.
import { describe, expect, it } from 'vitest';
import { distinctReasons } from '../../app/lib/reasons';

describe('distinctReasons', () => {
  it('names each reason once, in order, and counts what it leaves out', () => {
    expect(distinctReasons(['A is over-committed.', 'You proposed B.', 'A is over-committed.'])).toBe(
      'A is over-committed. · You proposed B.',
    );
    expect(distinctReasons(['', 'x'])).toBe('x');
    expect(distinctReasons(['1', '2', '3', '4', '5', '6', '7'])).toBe('1 · 2 · 3 · 4 · 5 (+2)');
  });
});
