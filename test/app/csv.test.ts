import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Papa from 'papaparse';
import { csvCell, csvLine, csvText, toCsvCell } from '../../app/lib/csv';
import { csvCell as apiCsvCell } from '../../worker/imports/csv-write';

// The grid's "Export CSV": what a spreadsheet opens must be the cells as shown, never a formula it
// runs, with Korean names intact in Excel (BOM) and lines as RFC 4180 writes them (CRLF).
describe('CSV written by the web app', () => {
  it('neutralises cells a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://evil","click")')).toBe(`"'=HYPERLINK(""http://evil"",""click"")"`);
    expect(csvCell('+1+2')).toBe(`'+1+2`);
    expect(csvCell('-2+3')).toBe(`'-2+3`);
    expect(csvCell('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(csvCell('\tcmd')).toBe(`'\tcmd`);
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
    // A number is data, not a formula: a -5 adjustment stays -5.
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell('KR-KIM-003')).toBe('KR-KIM-003');
  });

  it('quotes commas, quotes, line breaks and edge spaces (RFC 4180)', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(' padded ')).toBe('" padded "');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(true)).toBe('true');
  });

  it('starts with a UTF-8 BOM and ends every line with CRLF', () => {
    const text = csvText(
      ['SKU', '이름'],
      [
        ['KR-KIM-003', '배추김치 1kg'],
        ['X', null],
      ],
    );
    expect(text).toBe('\ufeffSKU,이름\r\nKR-KIM-003,배추김치 1kg\r\nX,\r\n');
    expect(new TextEncoder().encode(text).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    expect(csvLine([1, 'a'])).toBe('1,a\r\n');
  });

  it('writes cells as the API writes them in its own CSV files', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.double(), fc.integer(), fc.boolean(), fc.constant(null)), (v) => {
        expect(csvCell(v)).toBe(apiCsvCell(v));
      }),
    );
  });

  it('reads back as the cells written, a formula cell only gaining its apostrophe', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ minLength: 1 }), { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 5 }),
        (rows) => {
          const parsed = Papa.parse<string[]>(csvText(['a', 'b'], rows).slice(1), { newline: '\r\n', delimiter: ',' }).data.slice(
            1,
            rows.length + 1,
          );
          expect(parsed).toEqual(rows.map((r) => r.map((c) => (/^[=+\-@\t\r]/.test(c) ? `'${c}` : c))));
        },
      ),
      // A fixed seed, and the case that once failed (a reader guessing "|" as the delimiter).
      {
        seed: 20261203,
        numRuns: 300,
        examples: [
          [
            [
              ['||#', '| '],
              [' ', '!'],
            ],
          ],
        ],
      },
    );
  });

  it('narrows what a grid cell holds to a CSV cell', () => {
    expect(toCsvCell(3)).toBe(3);
    expect(toCsvCell({ a: 1 })).toBe('{"a":1}');
    expect(toCsvCell(new Date('2026-12-03T00:00:00Z'))).toBe('2026-12-03T00:00:00.000Z');
  });
});
