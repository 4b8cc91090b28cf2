import { describe, expect, it } from 'vitest';
import { columnIds, parseHidden, parseSort } from '../../app/lib/grid-url';
import { isIsoDay, isIsoWeek, queryOf, queryVars, type QueryParam, type QueryProblem } from '../../app/lib/query';
import { catalogs } from '../../app/i18n/messages';
import { translator } from '../../app/i18n/t';

// A page's URL is anyone's to edit: a grid keeps only the columns it has, and a loader refuses a
// value it cannot use with 422 naming it (not a 500, not another week than was asked for).
describe('a grid reads its view from the URL', () => {
  const known = columnIds([{ accessorKey: 'sku' }, { id: 'status' }, { header: 'Group', columns: [{ accessorKey: 'a.b' }] }]);

  it('knows its columns, groups included', () => {
    expect([...known].sort()).toEqual(['Group', 'a_b', 'sku', 'status']);
  });

  it('drops prototype names and unknown columns from sort and hide', () => {
    expect(parseSort('__proto__.asc', known)).toBeNull();
    expect(parseSort('constructor.desc,sku.desc,toString.asc', known)).toEqual([{ id: 'sku', desc: true }]);
    expect(parseSort('nosuchcolumn.desc,status.asc,status.desc', known)).toEqual([{ id: 'status', desc: false }]);
    expect(parseHidden('constructor,__proto__,status,-', known)).toEqual(['status']);
  });
});

describe('a loader reads its query strictly', () => {
  const refusal = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      const d = e as { data: { messageKey: string; vars: Record<string, unknown> }; init: { status: number } };
      return { status: d.init.status, key: d.data.messageKey, vars: d.data.vars };
    }
    return null;
  };
  const q = (s: string) => queryOf(new URL(`https://lotwise.test/p?${s}`));

  it('knows real ISO weeks and days', () => {
    expect(isIsoWeek('2026-W53')).toBe(true);
    expect(isIsoWeek('2025-W53')).toBe(false);
    expect(isIsoWeek('2026-W00')).toBe(false);
    expect(isIsoWeek('garbage')).toBe(false);
    expect(isIsoDay('2024-02-29')).toBe(true);
    expect(isIsoDay('2025-02-29')).toBe(false);
  });

  it('answers 422 naming the parameter and value, and the default when absent', () => {
    expect(refusal(() => q('week=garbage').week('week'))).toEqual({ status: 422, key: 'query.week', vars: { value: 'garbage' } });
    expect(refusal(() => q('days=abc').int('days', 1, 730))).toMatchObject({ status: 422, vars: { param: 'days', min: 1, max: 730 } });
    expect(refusal(() => q('page=-1').int('page', 1, 10))).toMatchObject({ status: 422, key: 'query.number' });
    expect(refusal(() => q('batch=1.5').int('batch', 1))).toEqual({
      status: 422,
      key: 'query.numberFrom',
      vars: { param: 'batch', value: '1.5', min: 1 },
    });
    expect(refusal(() => q('state=constructor').choice('state', ['open', 'cleared']))).toMatchObject({ status: 422, key: 'query.choice' });
    expect(refusal(() => q('from=2026-13-01').day('from'))).toMatchObject({ status: 422, key: 'query.date' });
    expect(q('').week('week')).toBeUndefined();
    expect(q('days=').int('days', 1, 730)).toBeUndefined();
    expect(q('days=30').int('days', 1, 730)).toBe(30);
    expect(q('from=2026-12-03T00:00:00Z').day('from', true)).toBe('2026-12-03T00:00:00Z');
  });
});

describe('a query notice in the page language', () => {
  const problem = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return (e as { data: QueryProblem }).data;
    }
    throw new Error('no refusal');
  };
  const q = (s: string) => queryOf(new URL(`https://lotwise.test/p?${s}`));
  const say = (lang: 'en' | 'ko', p: QueryProblem) => {
    const t = translator(catalogs[lang]);
    return t(p.messageKey, queryVars(t, lang, p));
  };

  it('names the parameter by its Korean label and each allowed value by its word, never the bare name or code', () => {
    const state = problem(() => q('state=bogus').choice('state', ['proposed', 'approved'] as const, (s) => `act.state.${s}`));
    expect(say('ko', state)).toBe('주소의 상태 값 “bogus”는 사용할 수 없습니다. 가능한 값: 제안됨(proposed), 승인됨(approved).');
    const min = problem(() => q('minValue=abc').int('minValue', 0));
    expect(say('ko', min)).toBe('주소의 최소 금액 값 “abc”는 0 이상의 정수가 아닙니다.');
    expect(say('ko', min)).not.toContain('minValue');
    const type = problem(() => q('type=NOPE').choice('type', ['IN', 'OUT'] as const, (x) => `moves.type.${x}`));
    expect(say('ko', type)).toBe('주소의 유형 값 “NOPE”는 사용할 수 없습니다. 가능한 값: 입고 (IN), 출고 (OUT).');
    expect(
      say(
        'ko',
        problem(() => q('from=2026-13-01').day('from')),
      ),
    ).toBe('주소의 시작일 값 “2026-13-01”은 날짜(yyyy-mm-dd)가 아닙니다.');
  });

  it('keeps the English notice as the address spells it', () => {
    const state = problem(() => q('state=bogus').choice('state', ['proposed', 'approved'] as const, (s) => `act.state.${s}`));
    expect(say('en', state)).toBe('The address asks for state “bogus”, which is not one of: proposed, approved.');
    expect(
      say(
        'en',
        problem(() => q('minValue=abc').int('minValue', 0)),
      ),
    ).toBe('The address asks for minValue “abc”, which is not a whole number of at least 0.');
  });

  it('has a label in both languages for every parameter a page reads strictly', () => {
    const params: QueryParam[] = [
      'type',
      'state',
      'kind',
      'confidence',
      'severity',
      'minValue',
      'page',
      'batch',
      'days',
      'week',
      'from',
      'to',
      'after',
      'before',
    ];
    for (const p of params) {
      expect(catalogs.en[`query.param.${p}`], p).toBe(p);
      expect(catalogs.ko[`query.param.${p}`], p).toMatch(/[가-힣]/);
    }
  });
});
