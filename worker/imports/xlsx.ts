// Workbooks in and out through SheetJS (@e965/xlsx, pinned). Reading happens only after the ZIP
// guard; the first sheet (or the one named after the entity) becomes CSV text so that the rest
// of the pipeline streams one format. Writing types numeric cells as numbers.
import * as XLSX from '@e965/xlsx/xlsx.mjs';
import Papa from 'papaparse';
import { normalizeHeader } from './mapping';
import { FileFormatError } from './sniff';
import { guardZip } from './zip-guard';

export type Cell = string | number | null;

function pickSheet(book: XLSX.WorkBook, entity: string): XLSX.WorkSheet | undefined {
  const wanted = normalizeHeader(entity);
  const named = book.SheetNames.find((n) => normalizeHeader(n) === wanted || normalizeHeader(n) === wanted.replace(/s$/, ''));
  const first = book.SheetNames.find((n) => book.Sheets[n]?.['!ref']);
  const name = named ?? first;
  return name ? book.Sheets[name] : undefined;
}

/** The sheet's rows as text cells, row 1 first (so errors name the rows Excel shows). */
export function workbookRows(bytes: Uint8Array, entity: string): string[][] {
  guardZip(bytes);
  let book: XLSX.WorkBook;
  try {
    book = XLSX.read(bytes, { type: 'array', dense: true, cellFormula: false, cellHTML: false, cellText: false });
  } catch {
    // A ZIP that is not a workbook (or a damaged one) is bad input, not a server fault.
    throw new FileFormatError('This ZIP file is not a readable XLSX workbook.');
  }
  const sheet = pickSheet(book, entity);
  if (!sheet?.['!ref']) return [];
  const range = XLSX.utils.decode_range(sheet['!ref']);
  range.s = { r: 0, c: 0 };
  const rows = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, raw: true, defval: '', blankrows: true, range });
  return rows.map((r) => r.map((v) => (v === null || v === undefined ? '' : typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : String(v))));
}

/** The workbook as UTF-8 CSV text for the streaming parser. */
export function workbookToCsv(bytes: Uint8Array, entity: string): string {
  return Papa.unparse(workbookRows(bytes, entity), { newline: '\n', quotes: false });
}

/** One sheet with a header row; numbers become numeric cells, everything else text cells. */
export function writeXlsx(sheetName: string, header: string[], rows: Cell[][]): Uint8Array<ArrayBuffer> {
  const sheet = XLSX.utils.aoa_to_sheet([header, ...rows.map((r) => r.map((v) => (v === null ? '' : v)))], { cellDates: false });
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, sheetName.slice(0, 31));
  return new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer);
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
