// Looking at an uploaded file before it is queued: the checks that answer at once (empty, not a
// spreadsheet, ZIP guard, header vs template) and the mapping preview with its first rows.
import Papa from 'papaparse';
import { ProblemError, invalid, type FieldError } from '../lib/problem';
import { ImportFailure, processBlock, readHeader, sniffDateOrder, type Refs } from './block';
import type { EntityDef } from './entities';
import { headerKey, mapColumns } from './mapping';
import type { ReadOptions } from './options';
import { isBlank, MAX_RECORD_CHARS } from './reader';
import { FileFormatError, isZip, looksLikeSpreadsheetName, sniffText, type TextFormat } from './sniff';
import { workbookRows } from './xlsx';
import { guardZip, ZipGuardError } from './zip-guard';

const HEAD_BYTES = MAX_RECORD_CHARS;

export interface FileHead {
  kind: 'csv' | 'xlsx';
  text?: TextFormat;
  records: string[][];
  /** True when `records` are the whole file. */
  complete: boolean;
}

const unprocessable = (e: Error, errors?: FieldError[]) =>
  invalid(e.message, errors ?? [{ row: 0, column: '', value: '', message: e.message }]);

/** The first records of a CSV (up to 1 MB) or all rows of a workbook's sheet. */
export function readHead(bytes: Uint8Array, name: string, entity: EntityDef, options: ReadOptions): FileHead {
  if (bytes.length === 0) throw invalid('The file is empty.', [{ row: 0, column: '', value: '', message: 'The file is empty.' }]);
  try {
    if (isZip(bytes)) return { kind: 'xlsx', records: workbookRows(bytes, entity.name), complete: true };
    if (looksLikeSpreadsheetName(name))
      throw new ZipGuardError('This is not a valid XLSX file (no ZIP signature); upload a real .xlsx or a CSV.');
    const whole = bytes.length <= HEAD_BYTES;
    const { format, text } = sniffText(bytes.subarray(0, HEAD_BYTES), options.delimiter);
    const parser = new (
      Papa as unknown as {
        Parser: new (c: Papa.ParseConfig) => { parse(i: string, b: number, ignoreLast: boolean): Papa.ParseResult<string[]> };
      }
    ).Parser({
      delimiter: format.delimiter,
      newline: format.newline,
    });
    const records = parser.parse(text, 0, !whole).data;
    if (!whole && records.length === 0) throw new FileFormatError(`The first record is longer than ${MAX_RECORD_CHARS} characters.`);
    return { kind: 'csv', text: format, records, complete: whole };
  } catch (e) {
    if (e instanceof FileFormatError || e instanceof ZipGuardError) throw unprocessable(e);
    throw e;
  }
}

// Workbooks up to this size are opened at upload to check their header at once; larger ones
// are left to the consumer (SheetJS needs the whole sheet in memory).
const XLSX_CHECK_BYTES = 5 * 1024 * 1024;

/** The upload's instant checks; everything row-level is left to the queue consumer. */
export function checkUpload(bytes: Uint8Array, name: string, entity: EntityDef, options: ReadOptions): 'csv' | 'xlsx' {
  const zip = isZip(bytes);
  if (zip && bytes.length > XLSX_CHECK_BYTES) {
    try {
      guardZip(bytes);
    } catch (e) {
      if (e instanceof ZipGuardError) throw unprocessable(e);
      throw e;
    }
    return 'xlsx';
  }
  const head = readHead(bytes, name, entity, options);
  const at = head.records.findIndex((r) => !isBlank(r));
  if (at < 0 && head.complete) throw invalid('The file is empty.', [{ row: 0, column: '', value: '', message: 'No header row.' }]);
  try {
    readHeader(entity, head.records[at], options.mapping);
  } catch (e) {
    if (e instanceof ImportFailure) throw unprocessable(e, e.errors);
    throw e;
  }
  if (head.complete && !head.records.slice(at + 1).some((r) => !isBlank(r)))
    throw invalid('The file has a header but no data rows.', [{ row: at + 1, column: '', value: '', message: 'No data rows.' }]);
  return zip ? 'xlsx' : 'csv';
}

export interface Preview {
  entity: string;
  format: 'csv' | 'xlsx';
  encoding?: string;
  delimiter?: string;
  columns: string[];
  mapping: Record<string, string | null>;
  unmapped: string[];
  missing: string[];
  dateOrder: 'mdy' | 'dmy' | null;
  rows: { row: number; values: Record<string, string | number | null> }[];
  errors: FieldError[];
  ready: boolean;
}

export function previewFile(
  bytes: Uint8Array,
  name: string,
  entity: EntityDef,
  options: ReadOptions,
  refs: Refs,
  today: string,
  limit = 20,
): Preview {
  const head = readHead(bytes, name, entity, options);
  const at = head.records.findIndex((r) => !isBlank(r));
  if (at < 0)
    throw new ProblemError(422, 'validation', 'The file is empty.', [{ row: 0, column: '', value: '', message: 'No header row.' }]);
  const map = mapColumns(entity, head.records[at], options.mapping);
  const data: string[][] = [];
  const rowNumbers: number[] = [];
  for (let i = at + 1; i < head.records.length && data.length < limit; i++) {
    if (isBlank(head.records[i])) continue;
    data.push(head.records[i]);
    rowNumbers.push(i + 1);
  }
  const header = { columns: map.columns, index: map.index, key: headerKey(map.columns) };
  const dateOrder = options.dateOrder ?? sniffDateOrder(entity, header, head.records.slice(at + 1, at + 2001)) ?? null;
  const rows: Preview['rows'] = [];
  const errors: FieldError[] = [...map.errors];
  // Rows are checked with the columns that are mapped; missing ones are reported once above.
  const mapped = { ...entity, fields: entity.fields.map((f) => (f.name in map.index ? f : { ...f, required: false })) };
  data.forEach((record, i) => {
    const r = processBlock(
      {
        entity: mapped,
        header: { ...header, dateOrder: dateOrder ?? undefined },
        decimal: options.decimal,
        today,
        refs,
        firstRow: rowNumbers[i] - 1,
      },
      [record],
      new Set(),
    );
    errors.push(...r.errors);
    const values: Record<string, string | number | null> = Object.fromEntries(
      entity.fields.filter((f) => f.name in map.index).map((f) => [f.name, record[map.index[f.name]]?.trim() ?? '']),
    );
    const staged = r.rows[0];
    if (staged) entity.fields.forEach((f, k) => f.name in map.index && (values[f.name] = staged[k + 1]));
    rows.push({ row: rowNumbers[i], values });
  });
  return {
    entity: entity.name,
    format: head.kind,
    encoding: head.text?.encoding,
    delimiter: head.text?.delimiter,
    columns: map.columns,
    mapping: map.mapping,
    unmapped: map.unmapped,
    missing: map.missing,
    dateOrder,
    rows,
    errors,
    ready: errors.length === 0 && data.length > 0,
  };
}
