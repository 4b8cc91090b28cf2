// CSV out of the web app (a grid's "Export CSV"), written by the API's own cell and line rules
// (worker/lib/csv.ts: RFC 4180 quoting, CRLF, formula cells led by an apostrophe) with a UTF-8 BOM
// so Excel reads Korean names.
import { CSV_BOM, csvLine, type CsvCell } from '../../worker/lib/csv';

export { csvCell, csvLine, type CsvCell } from '../../worker/lib/csv';

/** A whole file: BOM, header, rows, each line ended by CRLF. */
export const csvText = (header: CsvCell[], rows: CsvCell[][]) => CSV_BOM + csvLine(header) + rows.map(csvLine).join('');

/** A cell value as a grid holds it (anything) narrowed to what a CSV cell writes. */
export function toCsvCell(v: unknown): CsvCell {
  if (v === null || v === undefined || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString();
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}
