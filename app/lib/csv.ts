// CSV out of the web app (a grid's "Export CSV"), written by the same rules as the API's files
// (worker/imports/csv-write.ts): RFC 4180 quoting, CRLF line ends, a UTF-8 BOM so Excel reads
// Korean names, and a text cell a spreadsheet would run as a formula (starting with = + - @ tab or
// CR) led by an apostrophe (OWASP "CSV injection"). Numbers stay numbers, so a -5 adjustment is -5.
export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(v: CsvCell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const s = FORMULA_START.test(v) ? `'${v}` : v;
  return NEEDS_QUOTES.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvLine = (cells: CsvCell[]) => cells.map(csvCell).join(',') + '\r\n';

/** A whole file: BOM, header, rows, each line ended by CRLF. */
export const csvText = (header: CsvCell[], rows: CsvCell[][]) => '\ufeff' + csvLine(header) + rows.map(csvLine).join('');

/** A cell value as a grid holds it (anything) narrowed to what a CSV cell writes. */
export function toCsvCell(v: unknown): CsvCell {
  if (v === null || v === undefined || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString();
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}
