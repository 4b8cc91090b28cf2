// How the product writes a CSV cell and line, for the API's files (exports, templates, error
// reports) and the web app's "Export CSV" alike: RFC 4180 quoting, CRLF line ends, and a text cell
// a spreadsheet would run as a formula (starting with = + - @ tab or CR) led by an apostrophe
// (OWASP "CSV injection"). Numbers are written as numbers, so a -5 adjustment stays a number.
// Pure, without imports: the one runtime module the web app may take from worker/ (eslint.boundaries.js).
export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell: '' for null/undefined and non-finite numbers; quoted when it holds a quote, comma, line break or edge spaces. */
export function csvCell(v: CsvCell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const s = FORMULA_START.test(v) ? `'${v}` : v;
  return NEEDS_QUOTES.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One line, ended by CRLF. */
export const csvLine = (cells: CsvCell[]) => cells.map(csvCell).join(',') + '\r\n';

/** The UTF-8 byte-order mark every file starts with, so Excel reads Korean names. */
export const CSV_BOM = '\ufeff';
