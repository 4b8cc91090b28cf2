// Korean particles after a word the sentence does not know in advance (worker/lib/josa.ts): chosen
// by the sound the word ends in as read aloud — a Hangul syllable by its final consonant, digits by
// their Sino-Korean reading, codes by their letters' names, English words as pronounced — and never
// left written out as "을(를)" / "이(가)" / "은(는)" after a placeholder anywhere in the code.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { josa, resolveJosa } from '../../worker/lib/josa';
import { catalogs } from '../../app/i18n/messages';
import { translator } from '../../app/i18n/t';

describe('a particle by the sound a word ends in', () => {
  it('reads a Hangul syllable by its final consonant', () => {
    expect(josa('조치', '을/를')).toBe('조치를');
    expect(josa('가져오기', '을/를')).toBe('가져오기를');
    expect(josa('로트', '은/는')).toBe('로트는');
    expect(josa('재고 이동', '을/를')).toBe('재고 이동을');
    expect(josa('품목', '이/가')).toBe('품목이');
    expect(josa('서울', '으로/로')).toBe('서울로');
    expect(josa('창고', '으로/로')).toBe('창고로');
    expect(josa('입고', '과/와')).toBe('입고와');
    expect(josa('문자열', '이어야/여야')).toBe('문자열이어야');
    expect(josa('3자', '이어야/여야')).toBe('3자여야');
  });

  it('reads digits as Korean counts them and codes by their letters', () => {
    expect(josa('KR-NDL-001', '을/를')).toBe('KR-NDL-001을');
    expect(josa('CUST-0002', '은/는')).toBe('CUST-0002는');
    expect(josa('2026-12-01', '이/가')).toBe('2026-12-01이');
    expect(josa('2026-12-02', '이/가')).toBe('2026-12-02가');
    expect(josa('2026-12-07', '으로/로')).toBe('2026-12-07로');
    expect(josa('2026-12-03', '으로/로')).toBe('2026-12-03으로');
    expect(josa('NJ-M', '은/는')).toBe('NJ-M은');
    expect(josa('BBQ-L', '과/와')).toBe('BBQ-L과');
    expect(josa('SKU', '이/가')).toBe('SKU가');
    expect(josa('12%', '이/가')).toBe('12%가');
  });

  it('reads an English word as it is pronounced', () => {
    expect(josa('Import', '을/를')).toBe('Import를');
    expect(josa('item', '이/가')).toBe('item이');
    expect(josa('sample', '으로/로')).toBe('sample로');
    expect(josa('order', '은/는')).toBe('order는');
  });

  it('skips quotes, punctuation and a parenthesis after the word', () => {
    expect(josa('"L-1"', '이/가')).toBe('"L-1"이');
    expect(josa('“abc”', '은/는')).toBe('“abc”는');
    expect(josa('KR-NDL-001 (Shin Ramyun)', '은/는')).toBe('KR-NDL-001 (Shin Ramyun)은');
    expect(josa('유통기한(일)', '은/는')).toBe('유통기한(일)은');
  });

  it('resolves the written-out forms a template glues after its placeholders', () => {
    expect(resolveJosa('주소의 값 “abc”은(는) 날짜가 아닙니다.')).toBe('주소의 값 “abc”는 날짜가 아닙니다.');
    expect(resolveJosa('KR-NDL-001을(를) 되돌립니다')).toBe('KR-NDL-001을 되돌립니다');
    expect(resolveJosa('조치을(를) 찾을 수 없습니다.')).toBe('조치를 찾을 수 없습니다.');
    expect(resolveJosa('a@b.kr(으)로 로그인됨')).toBe('a@b.kr로 로그인됨');
    expect(resolveJosa('은(는) 없음')).toBe('는 없음');
  });
});

describe('the web catalog says its particles right', () => {
  const ko = translator(catalogs.ko);

  it('chooses the particle after each filled-in placeholder', () => {
    expect(ko('moves.reverseHint', { type: '출고 (OUT)', qty: 3, sku: 'KR-NDL-001' })).toContain('KR-NDL-001을 되돌리는');
    expect(ko('moves.reverseHint', { type: '출고 (OUT)', qty: 3, sku: 'KR-KIM-002' })).toContain('KR-KIM-002를 되돌리는');
    expect(ko('query.date', { param: '시작일', value: '2026-13-40' })).toBe('주소의 시작일 값 “2026-13-40”은 날짜(yyyy-mm-dd)가 아닙니다.');
    expect(ko('query.week', { value: 'garbage' })).toBe('주소의 주 “garbage”는 ISO 주(yyyy-Www, 예: 2026-W49)가 아닙니다.');
    expect(ko('user.signedInAs', { email: 'kim@demo.test' })).toBe('kim@demo.test로 로그인됨');
    expect(ko('lots.totals', { units: 10, value: '$20', risk: '$1,230' })).toContain('그중 $1,230은 팔리지');
  });

  it('leaves no written-out particle in any Korean message once filled in', () => {
    for (const [key, text] of Object.entries(catalogs.ko) as [keyof typeof catalogs.ko, string][]) {
      const vars = Object.fromEntries([...text.matchAll(/\{(\w+)\}/g)].map((m) => [m[1], 'X1']));
      expect(ko(key, vars), key).not.toMatch(/을\(를\)|이\(가\)|은\(는\)|과\(와\)|와\(과\)|\(으\)로|\(이\)라/);
    }
  });
});

/** Every source file of the Worker and the web app, but the catalog (its translator resolves them) and the helper itself. */
function sources(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
      d.isDirectory() ? walk(join(dir, d.name)) : /\.tsx?$/.test(d.name) ? [join(dir, d.name)] : [],
    );
  return [...walk('worker'), ...walk('queues'), ...walk('app')].filter(
    (f) => !/app\/i18n\/messages(-decisions)?\.ts$|worker\/lib\/josa\.ts$/.test(f.replaceAll('\\', '/')),
  );
}

describe('no written-out particle in the code', () => {
  it('chooses every particle after a variable with josa(), never "을(를)"', () => {
    const glued = /을\(를\)|를\(을\)|이\(가\)|가\(이\)|은\(는\)|는\(은\)|과\(와\)|와\(과\)|\(으\)로|\(이\)라/;
    const found = sources().flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .map((line, i) => ({ at: `${f}:${i + 1}`, line }))
        // Comments may name the forms they replace.
        .filter(({ line }) => glued.test(line) && !/^\s*(\/\/|\*|\/\*)/.test(line))
        .map(({ at, line }) => `${at}: ${line.trim()}`),
    );
    expect(found).toEqual([]);
  });
});
