// CSV out (exports, templates, error reports). A text cell that a spreadsheet would run as a
// formula (starting with = + - @ tab or CR) gets a leading apostrophe (OWASP "CSV injection");
// numbers are written as numbers, so a -5 adjustment stays a number.
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

/** A streamed CSV body: the header, then pages of rows until `next` returns none. */
export function csvStream(header: string[], next: () => Promise<CsvCell[][]>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        // A BOM so Excel opens the UTF-8 (Korean product names) correctly.
        controller.enqueue(encoder.encode('\ufeff' + csvLine(header)));
        return;
      }
      const rows = await next();
      if (!rows.length) return controller.close();
      controller.enqueue(encoder.encode(rows.map(csvLine).join('')));
    },
  });
}
