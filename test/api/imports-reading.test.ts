// The file reader's rules, run inside workerd on the modules the upload, the queue consumer and
// the backtest CLI share (worker/imports/table.ts …), with generated inputs (fast-check): every
// property here is one kind of real-world file read back to exactly the values written.
import * as XLSX from '@e965/xlsx/xlsx.mjs';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import bomDemand from '../fixtures/real-world/08-backtest-bom/demand-excel-utf8-bom.csv?raw';
import { DEMAND } from '../../worker/imports/demand';
import { ENTITIES } from '../../worker/imports/entities';
import { ENCODINGS } from '../../worker/imports/sniff';
import { readTable } from '../../worker/imports/table';
import { workbookRows } from '../../worker/imports/xlsx';

const TODAY = '2026-11-30';
const enc = (s: string) => new TextEncoder().encode(s);
const products = ENTITIES.products;
const col = (name: string) => products.fields.findIndex((f) => f.name === name) + 1;

describe('decoding inside workerd', () => {
  it('has a TextDecoder for every supported encoding', async () => {
    for (const e of ENCODINGS) expect(new TextDecoder(e).encoding).toBe(e);
  });
});

describe('backtest file (case 08) through the shared reader', () => {
  it('reads an Excel "CSV UTF-8" file with a byte-order mark', async () => {
    const t = await readTable(enc(bomDemand), 'demand.csv', DEMAND, {}, TODAY);
    expect(t.errors).toEqual([]);
    expect(t.rows).toHaveLength(200);
    expect(t.header.columns).toEqual(['order_date', 'sku', 'quantity']);
    expect(t.rows[0]).toEqual([2, '2026-11-29', 'QA-BT-1', 10, null, null, null]);
  });

  it('reads MM/DD/YY HH:MM timestamps, blank rows, repeated header rows and returns netted against sales', async () => {
    const file = [
      'date,item,qty',
      '11/29/26 14:05,A,10',
      '',
      'date,item,qty',
      '11/28/26 09:00,A,"1,000.5"',
      '11/13/26 23:59,B,-2',
      '',
    ].join('\r\n');
    const t = await readTable(enc(file), 'd.csv', DEMAND, {}, TODAY);
    expect(t.errors).toEqual([]);
    expect(t.rows.map((r) => [r[1], r[2], r[3]])).toEqual([
      ['2026-11-29', 'A', 10],
      ['2026-11-28', 'A', 1000.5],
      ['2026-11-13', 'B', -2],
    ]);
    expect(t.skipped.map((s) => s.reason)).toEqual(['blank row', 'repeated header row']);
  });
});

describe('properties', () => {
  it('identifiers with leading zeros written to XLSX as text or as numbers with a 0… format read back as displayed', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.stringMatching(/^0{1,4}[1-9]\d{0,7}$/), { minLength: 1, maxLength: 8 }),
        fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
        async (ids, asNumber) => {
          const sheet = XLSX.utils.aoa_to_sheet([['sku', 'name', 'shelf_life_days'], ...ids.map((id) => [id, `Item ${id}`, 30])]);
          ids.forEach((id, i) => {
            const ref = XLSX.utils.encode_cell({ r: i + 1, c: 0 });
            sheet[ref] = asNumber[i] ? { t: 'n', v: Number(id), z: '0'.repeat(id.length) } : { t: 's', v: id };
          });
          const book = XLSX.utils.book_new();
          XLSX.utils.book_append_sheet(book, sheet, 'products');
          const bytes = new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
          const rows = await workbookRows(bytes, products);
          expect(rows.slice(1).map((r) => r[0])).toEqual(ids);
          const t = await readTable(bytes, 'p.xlsx', products, {}, TODAY);
          expect(t.rows.map((r) => r[col('sku')])).toEqual(ids);
        },
      ),
      { numRuns: 30 },
    );
  });

  const STYLES = [
    { thousands: ',', decimal: '.', delimiter: ';' },
    { thousands: '.', decimal: ',', delimiter: ';' },
    { thousands: ' ', decimal: ',', delimiter: ';' },
    { thousands: "'", decimal: '.', delimiter: ',' },
    { thousands: '', decimal: '.', delimiter: ',' },
    { thousands: '', decimal: ',', delimiter: ';' },
  ] as const;
  const format = (n: number, s: (typeof STYLES)[number], decimals: number) => {
    const [int, frac] = n.toFixed(decimals).split('.');
    const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, s.thousands);
    return frac !== undefined ? `${grouped}${s.decimal}${frac}` : grouped;
  };

  it('numbers written with any decimal and thousands convention read back exactly, decided once per file', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...STYLES),
        fc.array(fc.record({ cost: fc.integer({ min: 0, max: 99_999_999 }), moq: fc.integer({ min: 0, max: 9_999_999 }) }), {
          minLength: 1,
          maxLength: 20,
        }),
        fc.boolean(),
        async (style, values, explicit) => {
          const d = style.delimiter;
          const lines = [`sku${d}name${d}shelf_life_days${d}unit_cost${d}moq`];
          values.forEach((v, i) =>
            lines.push(`P-${i}${d}Item ${i}${d}30${d}${format(v.cost / 100, style, 2)}${d}${format(v.moq, style, 0)}`),
          );
          const t = await readTable(enc(lines.join('\n')), 'p.csv', products, explicit ? { decimal: style.decimal } : {}, TODAY);
          expect(t.errors).toEqual([]);
          expect(t.rows.map((r) => [r[col('unit_cost')], r[col('moq')]])).toEqual(values.map((v) => [v.cost / 100, v.moq]));
        },
      ),
      { numRuns: 200 },
    );
  });

  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i));
  // Characters of each code page's core set (the ones its text is made of: KS X 1001 Hangul, JIS
  // level 1, GB2312 level 1), chosen by the lead byte of their encoding.
  const encodable = (chars: string[], encoding: string, lead: [number, number] = [0x80, 0xff]) =>
    chars.filter((c) => {
      const b = iconv.encode(c, encoding);
      return iconv.decode(b, encoding) === c && c !== '?' && b[0] >= lead[0] && b[0] <= lead[1];
    });
  const REPERTOIRE: Record<string, string[]> = {
    'windows-1252': encodable([...range(0xc0, 0xff), '€', '‘', '’', '“', '”', '–', '—', 'Œ', 'œ', 'Š', 'š'], 'windows-1252'),
    'euc-kr': encodable(range(0xac00, 0xd7a3), 'cp949', [0xb0, 0xc8]),
    shift_jis: encodable([...range(0x3041, 0x3093), ...range(0x30a1, 0x30f3), ...range(0x4e00, 0x9fa0)], 'shift_jis', [0x82, 0x98]),
    gb18030: encodable(range(0x4e00, 0x9fa5), 'gb18030', [0xb0, 0xd7]),
    'utf-16le': range(0xac00, 0xac40),
    'utf-16be': range(0x4e00, 0x4e40),
  };
  const LETTERS = 'abcdefghijklmnopqrstuvwxyz '.split('');

  const namesFile = (names: string[]) => ['sku,name,shelf_life_days', ...names.map((n, i) => `E-${i},${n},30`)].join('\r\n') + '\r\n';
  const encode = (text: string, encoding: string) =>
    new Uint8Array(iconv.encode(text, encoding, { addBOM: encoding.startsWith('utf-16') }));
  const names = (t: Awaited<ReturnType<typeof readTable>>) => t.rows.map((r) => r[col('name')]);

  it('random text in every supported code page decodes back exactly with its encoding named', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...Object.keys(REPERTOIRE)), fc.gen(), async (encoding, g) => {
        const want = Array.from(
          { length: g(fc.integer, { min: 1, max: 6 }) },
          () =>
            g(fc.array, fc.constantFrom(...REPERTOIRE[encoding], ...LETTERS), { minLength: 1, maxLength: 20 })
              .join('')
              .trim() || 'x',
        );
        const t = await readTable(
          encode(namesFile(want), encoding),
          'p.csv',
          products,
          { encoding: encoding as (typeof ENCODINGS)[number] },
          TODAY,
        );
        expect(names(t)).toEqual(want);
      }),
      { numRuns: 150 },
    );
  });

  // Product names as distributors' files hold them (the detector models natural language; text
  // of random characters is read with the encoding named, above).
  const WORDS: Record<string, string[]> = {
    'windows-1252': [
      'Crème',
      'brûlée',
      'Jalapeño',
      'Müller',
      'Weißbier',
      'Pâté',
      'Señor',
      'Frío',
      'Café',
      'Gruyère',
      'Smørrebrød',
      'Façon',
      'à',
      'la',
    ],
    'euc-kr': [
      '김치',
      '라면',
      '신라면',
      '반찬',
      '고추장',
      '된장',
      '참기름',
      '떡볶이',
      '만두',
      '소주',
      '막걸리',
      '녹차',
      '두부',
      '햇반',
      '국수',
    ],
    shift_jis: ['味噌', '醤油', 'ラーメン', '焼そば', 'みそ', 'カレー', '緑茶', 'わさび', '海苔', '豆腐', '梅干し', '納豆', 'せんべい'],
    gb18030: ['酱油', '牛肉面', '老干妈', '豆豉', '红烧', '火锅', '腐乳', '香醋', '花椒', '米粉', '辣条', '粽子', '月饼', '榨菜'],
  };

  it('detection reads natural text in every supported code page right, or refuses and asks for the encoding — never stores other text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...Object.keys(WORDS)), fc.gen(), async (encoding, g) => {
        const want = Array.from({ length: g(fc.integer, { min: 1, max: 8 }) }, () =>
          g(fc.array, fc.constantFrom(...WORDS[encoding]), { minLength: 1, maxLength: 4 }).join(' '),
        );
        let got: unknown[] | undefined;
        try {
          got = names(await readTable(encode(namesFile(want), encoding), 'p.csv', products, {}, TODAY));
        } catch (e) {
          expect((e as Error).message).toMatch(/encoding/);
        }
        if (got) expect(got).toEqual(want);
      }),
      // Unseeded: every run draws new files. The counterexample this once found is pinned below.
      { numRuns: 1000 },
    );
  });

  it('reads short GB18030 names as Chinese, not as the rare Hangul the same bytes make in CP949 (counterexample "牛肉面 米粉 老干妈")', async () => {
    const want = ['牛肉面 米粉 老干妈'];
    // The same bytes in CP949 are "큇흄충 쵠뢴 일맴쮜": valid, but syllables Korean text hardly uses.
    expect(iconv.decode(encode(namesFile(want), 'gb18030'), 'cp949')).toContain('큇흄충 쵠뢴 일맴쮜');
    const t = await readTable(encode(namesFile(want), 'gb18030'), 'p.csv', products, {}, TODAY);
    expect(t.encoding).toBe('gb18030');
    expect(names(t)).toEqual(want);
  });

  it('reads short CP949 names as Korean, and asks when a name is too short to tell', async () => {
    const korean = await readTable(encode(namesFile(['신라면 김치', '고추장 된장']), 'cp949'), 'p.csv', products, {}, TODAY);
    expect(korean.encoding).toBe('euc-kr');
    expect(names(korean)).toEqual(['신라면 김치', '고추장 된장']);
    // One Hanzi (酱) is one Hangul syllable (슈) in CP949: either reading is plausible.
    await expect(readTable(encode(namesFile(['酱']), 'gb18030'), 'p.csv', products, {}, TODAY)).rejects.toThrow(/encoding/);
  });

  const TITLES = ['Inventory on hand by lot', 'Stock report', 'Printed 2026-11-30 08:12', 'Company: Demo Foods', '재고 현황', ''];
  const FOOTERS = [
    (n: number) => ['Total', '', String(n)],
    (n: number) => ['Grand total:', '', String(n)],
    (n: number) => ['합계', '', String(n)],
    (n: number) => ['小計', '', String(n)],
    (n: number) => ['Summe', '', `${n},00`],
    () => ['Page 1 of 3'],
    () => ['- 2 -'],
    () => ['Printed by: planner'],
    () => ['Run date: 2026-11-30 08:12'],
    () => [''],
  ];

  it('random data with random title lines above and report lines below (and subtotals between) imports exactly the data rows', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...TITLES), { maxLength: 5 }),
        fc.uniqueArray(fc.stringMatching(/^[A-Z]{2}-\d{1,5}$/), { minLength: 1, maxLength: 15 }),
        fc.array(fc.nat({ max: 9 }), { maxLength: 6 }),
        fc.array(fc.nat({ max: 20 }), { maxLength: 3 }),
        fc.constantFrom(',', ';', '\t'),
        async (titles, skus, footers, subtotalsAt, d) => {
          const line = (cells: string[]) => cells.map((c) => (c.includes(d) ? `"${c}"` : c)).join(d);
          const lines = titles.map((t) => t);
          lines.push(line(['Item Code', 'Description', 'Shelf Life']));
          skus.forEach((sku, i) => {
            lines.push(line([sku, `Name of ${sku}`, String(30 + i)]));
            if (subtotalsAt.includes(i)) lines.push(line(['Subtotal', '', String(i)]));
          });
          for (const f of footers) lines.push(line(FOOTERS[f](skus.length)));
          const t = await readTable(enc(lines.join('\n') + '\n'), 'r.csv', products, {}, TODAY);
          expect(t.errors).toEqual([]);
          expect(t.header.row).toBe(titles.length + 1);
          expect(t.rows.map((r) => [r[col('sku')], r[col('shelf_life_days')]])).toEqual(skus.map((s, i) => [s, 30 + i]));
          expect(t.skippedCount).toBe(lines.length - 1 - skus.length);
        },
      ),
      { numRuns: 200 },
    );
  });
});
