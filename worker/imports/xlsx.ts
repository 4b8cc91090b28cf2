// Workbooks in and out through SheetJS (@e965/xlsx, pinned). Reading happens only after the ZIP
// guard. The sheet named after the entity, else the one whose header matches the entity best,
// becomes CSV text so that the rest of the pipeline reads one format with one set of rules. Cells
// are taken as the user sees them: identifier and text columns take the cell's displayed text
// (00456, not 456), date cells become yyyy-mm-dd in the workbook's own date system (1900 or
// 1904), numbers keep every digit of the stored value. Writing types numeric cells as numbers.
import type * as XLSX from '@e965/xlsx/xlsx.mjs';
import Papa from 'papaparse';
import type { EntityDef } from './entities';
import { findHeader } from './layout';
import { mapColumns, normalizeHeader, type Mapping } from './mapping';
import { FileFormatError } from './sniff';
import type { DecimalMark } from './values';
import { guardZip } from './zip-guard';

export type Cell = string | number | null;

export interface WorkbookOptions {
  mapping?: Mapping;
  headerRow?: number;
  /** The decimal mark numbers are written with (the file's, as the user chose it). */
  decimal?: DecimalMark;
}

interface SheetCell {
  t: string;
  v?: unknown;
  w?: string;
  z?: string | number;
}

// SheetJS (0.5 M characters of source) is evaluated on the first workbook read or written, not when
// an isolate starts: most API requests never touch a workbook (docs/actions.md § Benchmark).
type SheetJs = typeof XLSX;
let sheetJs: Promise<SheetJs> | undefined;
const loadSheetJs = (): Promise<SheetJs> => (sheetJs ??= import('@e965/xlsx/xlsx.mjs'));

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function isoDate(X: SheetJs, serial: number, date1904: boolean): string | undefined {
  const d = X.SSF.parse_date_code(serial, { date1904 }) as { y: number; m: number; d: number } | undefined;
  return d && d.y >= 1900 ? `${pad(d.y, 4)}-${pad(d.m)}-${pad(d.d)}` : undefined;
}

const isDateFormat = (X: SheetJs, z: SheetCell['z']) => z !== undefined && z !== 'General' && Boolean(X.SSF.is_date(z));

function displayed(c: SheetCell | undefined): string {
  if (!c || c.v === undefined || c.v === null) return '';
  if (c.t === 'b') return c.v ? 'TRUE' : 'FALSE';
  if (c.t === 'e') return c.w ?? '#ERROR';
  return c.w ?? String(c.v);
}

function sheetCells(X: SheetJs, sheet: XLSX.WorkSheet): (SheetCell | undefined)[][] {
  if (!sheet['!ref']) return [];
  const range = X.utils.decode_range(sheet['!ref']);
  const dense = (sheet as { '!data'?: (SheetCell | undefined)[][] })['!data'] ?? [];
  const out: (SheetCell | undefined)[][] = [];
  // From A1, so row numbers are the ones Excel shows.
  for (let r = 0; r <= range.e.r; r++) {
    const row: (SheetCell | undefined)[] = [];
    for (let c = 0; c <= range.e.c; c++) row.push(dense[r]?.[c]);
    out.push(row);
  }
  return out;
}

/** The chosen sheet's rows as text cells, row 1 first (so errors name the rows Excel shows). */
export async function workbookRows(bytes: Uint8Array, entity: EntityDef, o: WorkbookOptions = {}): Promise<string[][]> {
  guardZip(bytes);
  const X = await loadSheetJs();
  let book: XLSX.WorkBook;
  try {
    book = X.read(bytes, { type: 'array', dense: true, cellFormula: false, cellHTML: false, cellNF: true, cellText: true });
  } catch {
    // A ZIP that is not a workbook (or a damaged one) is bad input, not a server fault.
    throw new FileFormatError('This ZIP file is not a readable XLSX workbook.');
  }
  const date1904 = Boolean((book.Workbook?.WBProps as { date1904?: boolean } | undefined)?.date1904);
  const wanted = normalizeHeader(entity.name);
  const sheets = book.SheetNames.filter((n) => book.Sheets[n]?.['!ref']).map((name) => {
    const cells = sheetCells(X, book.Sheets[name]);
    const text = cells.map((r) => r.map(displayed));
    return { name, cells, text, header: findHeader(entity, text, o) };
  });
  if (!sheets.length) return [];
  const named = sheets.find((s) => [wanted, wanted.replace(/s$/, '')].includes(normalizeHeader(s.name)) && (s.header?.score ?? 0) > 0);
  const best = [...sheets].sort((a, b) => (b.header?.score ?? 0) - (a.header?.score ?? 0))[0];
  const sheet = named ?? ((best.header?.score ?? 0) > 0 ? best : sheets[0]);
  if (!sheet.header) return sheet.text;
  const at = sheet.header.at;
  const map = mapColumns(entity, sheet.text[at], o.mapping);
  const kindAt = new Map<number, string>();
  for (const f of entity.fields) if (map.index[f.name] !== undefined) kindAt.set(map.index[f.name], f.kind);
  return sheet.text.map((row, r) =>
    r <= at
      ? row
      : row.map((shown, c) => {
          const cell = sheet.cells[r][c];
          if (!cell || cell.t !== 'n' || typeof cell.v !== 'number') return shown;
          const kind = kindAt.get(c);
          if (kind === 'date' || (!kind && isDateFormat(X, cell.z))) return isoDate(X, cell.v, date1904) ?? shown;
          if (kind === 'key' || kind === 'text' || kind === 'enum') return shown;
          if (isDateFormat(X, cell.z)) return isoDate(X, cell.v, date1904) ?? shown;
          // Every stored digit (String gives the shortest text that reads back as the same double).
          const n = String(cell.v);
          return o.decimal === ',' ? n.replace('.', ',') : n;
        }),
  );
}

/** The workbook as UTF-8 CSV text for the streaming parser. */
export async function workbookToCsv(bytes: Uint8Array, entity: EntityDef, o: WorkbookOptions = {}): Promise<string> {
  return Papa.unparse(await workbookRows(bytes, entity, o), { newline: '\n', quotes: false });
}

/** One sheet with a header row; numbers become numeric cells, everything else text cells. */
export async function writeXlsx(sheetName: string, header: string[], rows: Cell[][]): Promise<Uint8Array<ArrayBuffer>> {
  const XLSX = await loadSheetJs();
  const sheet = XLSX.utils.aoa_to_sheet([header, ...rows.map((r) => r.map((v) => (v === null ? '' : v)))], { cellDates: false });
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, sheetName.slice(0, 31));
  return new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer);
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
