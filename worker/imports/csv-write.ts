// CSV out (exports, templates, error reports), streamed; the cell and line rules are lib/csv.ts,
// shared with the web app's grid export.
import { CSV_BOM, csvLine, type CsvCell } from '../lib/csv';

export { csvCell, csvLine, type CsvCell } from '../lib/csv';

/** A streamed CSV body: the header, then pages of rows until `next` returns none. */
export function csvStream(header: string[], next: () => Promise<CsvCell[][]>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        // A BOM so Excel opens the UTF-8 (Korean product names) correctly.
        controller.enqueue(encoder.encode(CSV_BOM + csvLine(header)));
        return;
      }
      const rows = await next();
      if (!rows.length) return controller.close();
      controller.enqueue(encoder.encode(rows.map(csvLine).join('')));
    },
  });
}
