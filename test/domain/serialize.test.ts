// The API's number shaping: the fast path that skips re-serialising must never skip a number that
// rounding would change.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mayNeedRounding, roundForApi, toApiJson } from '../../worker/lib/serialize';

const keys = fc.constantFrom('value', 'unitCost', 'quantity', 'probability', 'amount', 'days', 'x');
const numbers = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer().map((n) => n / 100),
  fc.integer().map((n) => n / 1000),
  fc.integer({ min: -1e6, max: 1e6 }).map((n) => n / 7),
);
const leaf = fc.oneof(numbers, fc.string(), fc.boolean(), fc.constant(null));
const doc = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(keys, tie('value'), { maxKeys: 4 }),
})).value;

describe('toApiJson', () => {
  it('writes exactly the text of rounding a copy and serialising it, for any JSON value', () => {
    fc.assert(
      fc.property(doc, (v) => {
        expect(toApiJson(v)).toBe(JSON.stringify(roundForApi(v)));
      }),
      { numRuns: 2000 },
    );
  });

  it('rounds arrays under a money key to the cent, nested arrays too, and dates as JSON does', () => {
    const at = new Date('2026-12-01T00:00:00.123Z');
    expect(toApiJson({ values: [1.005, [2.675]], xs: [0.123456], at, rows: [{ unitCost: 0.333333 }] })).toBe(
      '{"values":[1.01,[2.68]],"xs":[0.1235],"at":"2026-12-01T00:00:00.123Z","rows":[{"unitCost":0.33}]}',
    );
  });
});

describe('mayNeedRounding', () => {
  it('is true whenever rounding would change the serialised answer', () => {
    fc.assert(
      fc.property(doc, (v) => {
        const text = JSON.stringify(v);
        if (!mayNeedRounding(text)) expect(JSON.stringify(roundForApi(v))).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves a large amount already within the cent exactly as written (found by the property above)', () => {
    const v = { value: { value: 216475818584569.22 } };
    expect(JSON.stringify(roundForApi(v))).toBe(JSON.stringify(v));
    expect(toApiJson(v)).toBe(JSON.stringify(v));
  });

  it('lets plain answers through and catches float noise, money past the cent and exponents', () => {
    expect(mayNeedRounding('{"id":"a1","at":"2026-12-01T01:20:41.123Z","value":12.5,"n":3}')).toBe(false);
    expect(mayNeedRounding('{"value":27.599999999999998}')).toBe(true);
    expect(mayNeedRounding('{"unitCost": 1.005}')).toBe(true);
    expect(mayNeedRounding('[1e-7]')).toBe(true);
    expect(mayNeedRounding('0.12345')).toBe(true);
  });

  it('rounds money half away from zero as written, and leaves two-decimal values alone at any size', () => {
    expect(roundForApi({ value: 1.005, unitCost: -2.675, amount: -48182987321116.13, p: 0.123456 })).toEqual({
      value: 1.01,
      unitCost: -2.68,
      amount: -48182987321116.13,
      p: 0.1235,
    });
  });
});
