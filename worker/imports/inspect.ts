// Looking at an uploaded file before it is queued: the checks that answer at once (empty, not a
// spreadsheet, ZIP guard, encoding, header vs template, decimal mark) and the mapping preview with
// its first rows, the header row it took, the rows it skips and why.
import Papa from 'papaparse';
import { ProblemError, invalid, type FieldError } from '../lib/problem';
import { decimalOf, ImportFailure, processBlock, readHeader, sniffDateOrder, type Refs } from './block';
import type { EntityDef } from './entities';
import { decideDecimal, findHeader, footerReason, isBlank, type SkippedRow } from './layout';
import { headerKey, mapColumns } from './mapping';
import type { ReadOptions } from './options';
import { MAX_RECORD_CHARS } from './reader';
import type { StagedRow } from './rows';
import {
  EncodingUnsure,
  FileFormatError,
  isZip,
  looksLikeSpreadsheetName,
  sniffText,
  type EncodingCandidate,
  type TextFormat,
} from './sniff';
import { duplicateKeyMessage } from './staged-sql';
import { workbookRows } from './xlsx';
import { guardZip, ZipGuardError } from './zip-guard';

const HEAD_BYTES = MAX_RECORD_CHARS;

export interface FileHead {
  kind: 'csv' | 'xlsx';
  text?: TextFormat;
  /** Set when the encoding was not certain (then `text` is read with the first candidate). */
  candidates?: EncodingCandidate[];
  records: string[][];
  /** True when `records` are the whole file. */
  complete: boolean;
}

const unprocessable = (e: Error, errors?: FieldError[]) =>
  invalid(e.message, errors ?? [{ row: 0, column: '', value: '', message: e.message }]);

type LowLevel = new (c: Papa.ParseConfig) => { parse(i: string, b: number, ignoreLast: boolean): Papa.ParseResult<string[]> };

/** The text's records, whole-file mode (the backtest CLI) or the first up to 1 MB. */
export function parseRecords(text: string, format: TextFormat, whole: boolean): string[][] {
  const parser = new (Papa as unknown as { Parser: LowLevel }).Parser({ delimiter: format.delimiter, newline: format.newline });
  const records = parser.parse(text, 0, !whole).data;
  // papaparse reports the end after a final line break as one more, empty, record.
  const last = records.at(-1);
  if (whole && last && last.length === 1 && last[0] === '' && /[\r\n]$/.test(text)) records.pop();
  return records;
}

/**
 * The first records of a CSV (up to `limit` bytes) or all rows of a workbook's sheet, decoded,
 * sniffed and (for workbooks) valued as the user sees them. With `tolerant`, an uncertain encoding
 * is read with the detector's first candidate and the candidates are returned (the preview);
 * otherwise it is refused.
 */
export async function readHead(
  bytes: Uint8Array,
  name: string,
  entity: EntityDef,
  options: ReadOptions,
  tolerant = false,
  limit = HEAD_BYTES,
): Promise<FileHead> {
  if (bytes.length === 0) throw invalid('The file is empty.', [{ row: 0, column: '', value: '', message: 'The file is empty.' }]);
  try {
    if (isZip(bytes)) return { kind: 'xlsx', records: await workbookRows(bytes, entity, options), complete: true };
    if (looksLikeSpreadsheetName(name))
      throw new ZipGuardError('This is not a valid XLSX file (no ZIP signature); upload a real .xlsx or a CSV.');
    const whole = bytes.length <= limit;
    const head = bytes.subarray(0, limit);
    let sniffed: Awaited<ReturnType<typeof sniffText>>;
    let candidates: EncodingCandidate[] | undefined;
    try {
      sniffed = await sniffText(head, { delimiter: options.delimiter, encoding: options.encoding });
    } catch (e) {
      if (!(tolerant && e instanceof EncodingUnsure && e.candidates.length)) throw e;
      candidates = e.candidates;
      sniffed = await sniffText(head, { delimiter: options.delimiter, encoding: candidates[0].encoding });
    }
    const records = parseRecords(sniffed.text, sniffed.format, whole);
    if (!whole && records.length === 0) throw new FileFormatError(`The first record is longer than ${MAX_RECORD_CHARS} characters.`);
    return { kind: 'csv', text: sniffed.format, candidates, records, complete: whole };
  } catch (e) {
    if (e instanceof EncodingUnsure)
      throw unprocessable(e, [
        { row: 0, column: '', value: '', message: e.message },
        ...e.candidates.map((c) => ({ row: 0, column: 'encoding', value: c.encoding, message: `Read as ${c.encoding}: ${c.sample}` })),
      ]);
    if (e instanceof FileFormatError || e instanceof ZipGuardError) throw unprocessable(e);
    throw e;
  }
}

// Workbooks up to this size are opened at upload to check their header at once; larger ones
// are left to the consumer (SheetJS needs the whole sheet in memory).
const XLSX_CHECK_BYTES = 5 * 1024 * 1024;

/** What the upload decided about reading the file, and the format it saw. */
export interface UploadCheck {
  format: 'csv' | 'xlsx';
  /**
   * The options the import will read the file with: the user's, plus what the upload decided from
   * the file's head (encoding, delimiter, decimal mark, date order). The queue consumer reads with
   * exactly these, so the upload's checks and the import never judge the file on different bytes.
   */
  options: ReadOptions;
}

/** The upload's instant checks; everything row-level is left to the queue consumer. */
export async function checkUpload(bytes: Uint8Array, name: string, entity: EntityDef, options: ReadOptions): Promise<UploadCheck> {
  const zip = isZip(bytes);
  if (zip && bytes.length > XLSX_CHECK_BYTES) {
    try {
      guardZip(bytes);
    } catch (e) {
      if (e instanceof ZipGuardError) throw unprocessable(e);
      throw e;
    }
    return { format: 'xlsx', options };
  }
  const format = zip ? 'xlsx' : 'csv';
  const head = await readHead(bytes, name, entity, options);
  const read: ReadOptions = head.text
    ? { ...options, encoding: options.encoding ?? head.text.encoding, delimiter: options.delimiter ?? head.text.delimiter }
    : options;
  const found = findHeader(entity, head.records, { mapping: options.mapping, headerRow: options.headerRow });
  if (!found && options.headerRow !== undefined)
    throw invalid(`Row ${options.headerRow} (the header row asked for) is not in the file.`, [
      { row: options.headerRow, column: '', value: '', message: 'No such row.' },
    ]);
  if (!found && head.complete) throw invalid('The file is empty.', [{ row: 0, column: '', value: '', message: 'No header row.' }]);
  if (!found) return { format, options: read };
  const data = head.records.slice(found.at + 1);
  let decimal: ReadOptions['decimal'];
  let dateOrder: ReadOptions['dateOrder'];
  try {
    const header = readHeader(entity, head.records[found.at], options.mapping, found.at + 1);
    decimal = decimalOf(entity, header, data, found.at + 1, options.decimal);
    dateOrder = options.dateOrder ?? sniffDateOrder(entity, header, data);
  } catch (e) {
    if (e instanceof ImportFailure) throw unprocessable(e, e.errors);
    throw e;
  }
  if (head.complete && !data.some((r) => !isBlank(r)))
    throw invalid('The file has a header but no data rows.', [{ row: found.at + 1, column: '', value: '', message: 'No data rows.' }]);
  return { format, options: { ...read, ...(decimal && { decimal }), ...(dateOrder && { dateOrder }) } };
}

export interface Preview {
  entity: string;
  format: 'csv' | 'xlsx';
  encoding?: string;
  /** When the encoding is not certain: the candidates, best first, each with a decoded sample. */
  encodingCandidates?: EncodingCandidate[];
  delimiter?: string;
  /** The row taken as the header (1-based). */
  headerRow: number | null;
  columns: string[];
  mapping: Record<string, string | null>;
  unmapped: string[];
  missing: string[];
  dateOrder: 'mdy' | 'dmy' | null;
  decimal: '.' | ',' | null;
  rows: { row: number; values: Record<string, string | number | null> }[];
  /** The key cells of every data row of the file's head (up to 1 MB), for nearDuplicates(); not sent. */
  keyRows: { row: number; values: Record<string, string> }[];
  /** Rows that are not data (above the header, totals, page and "printed" lines, blanks) and why. */
  skipped: SkippedRow[];
  /** The rows shown that are valid, as the import stages them, with the header: checkPreview judges them against stored records; not sent. */
  read: { rows: StagedRow[]; header: { columns: string[]; index: Record<string, number> } };
  errors: FieldError[];
  ready: boolean;
}

export async function previewFile(
  bytes: Uint8Array,
  name: string,
  entity: EntityDef,
  options: ReadOptions,
  refs: Refs,
  today: string,
  limit = 20,
): Promise<Preview> {
  const head = await readHead(bytes, name, entity, options, true);
  const found = findHeader(entity, head.records, { mapping: options.mapping, headerRow: options.headerRow });
  if (!found)
    throw new ProblemError(422, 'validation', options.headerRow ? `Row ${options.headerRow} is not in the file.` : 'The file is empty.', [
      { row: options.headerRow ?? 0, column: '', value: '', message: 'No header row.' },
    ]);
  const at = found.at;
  const map = mapColumns(entity, head.records[at], options.mapping);
  const records = head.records.slice(at + 1);
  const header = { columns: map.columns, index: map.index, key: headerKey(map.columns), row: at + 1 };
  const dateOrder = options.dateOrder ?? sniffDateOrder(entity, header, records.slice(0, 2000)) ?? null;
  const decided = options.decimal
    ? { decimal: options.decimal, errors: [] }
    : decideDecimal(entity, map.index, map.columns, records, at + 1);
  const errors: FieldError[] = [...map.errors.map((e) => ({ ...e, row: at + 1 })), ...decided.errors];
  if (head.candidates)
    errors.unshift({
      row: 0,
      column: '',
      value: '',
      message: `The encoding cannot be told for sure (maybe ${head.candidates.map((c) => c.encoding).join(', ')}); compare the samples and choose the encoding option.`,
    });
  // Rows are checked with the columns that are mapped; missing ones are reported once above.
  const mapped = { ...entity, fields: entity.fields.map((f) => (f.name in map.index ? f : { ...f, required: false })) };
  const ctx = {
    entity: mapped,
    header: { ...header, dateOrder: dateOrder ?? undefined, decimal: decided.decimal },
    today,
    refs,
  };
  const rows: Preview['rows'] = [];
  const valid: StagedRow[] = [];
  const skipped: SkippedRow[] = [...found.skipped];
  // The key cells of every data row read (not only the rows shown), for the near-duplicate check.
  const keyFields = entity.key.filter((k) => k in map.index);
  const keyRows: Preview['keyRows'] = [];
  records.forEach((record, i) => {
    const rowNumber = at + i + 2;
    // Report lines (totals, page numbers) are not data: two "Subtotal" lines are not a repeated key.
    if (keyFields.length && !isBlank(record) && headerKey(record) !== header.key && !footerReason(record))
      keyRows.push({ row: rowNumber, values: Object.fromEntries(keyFields.map((k) => [k, record[map.index[k]]?.trim() ?? ''])) });
    // Past the rows shown, only report lines need a look (a cheap test first).
    if (rows.length >= limit && !isBlank(record) && !footerReason(record)) return;
    const r = processBlock({ ...ctx, firstRow: rowNumber - 1 }, [record], new Set());
    // Trailing blank rows and footers are listed however far down they are; data rows up to `limit`.
    skipped.push(...r.notes);
    if (r.notes.length || rows.length >= limit) return;
    // A number the decimal decision already reported is not reported twice.
    errors.push(...r.errors.filter((e) => !decided.errors.some((d) => d.row === e.row && d.column === e.column)));
    const values: Record<string, string | number | null> = Object.fromEntries(
      entity.fields.filter((f) => f.name in map.index).map((f) => [f.name, record[map.index[f.name]]?.trim() ?? '']),
    );
    const staged = r.rows[0];
    if (staged) {
      valid.push(staged);
      entity.fields.forEach((f, k) => f.name in map.index && (values[f.name] = staged[k + 1]));
    }
    rows.push({ row: rowNumber, values });
  });
  errors.push(...repeatedKeys(entity, keyRows, header));
  return {
    entity: entity.name,
    format: head.kind,
    encoding: head.candidates ? undefined : head.text?.encoding,
    encodingCandidates: head.candidates,
    delimiter: head.text?.delimiter,
    headerRow: at + 1,
    columns: map.columns,
    mapping: map.mapping,
    unmapped: map.unmapped,
    missing: map.missing,
    dateOrder,
    decimal: decided.decimal ?? null,
    rows,
    keyRows,
    skipped: skipped.slice(0, 200),
    read: { rows: valid, header: { columns: map.columns, index: map.index } },
    errors,
    ready: errors.length === 0 && rows.length > 0,
  };
}

/**
 * Rows of the part read whose key an earlier row already has: the import refuses them (checks.ts,
 * `duplicateKeys`), so the preview says so instead of "ready". Letter case is folded as SQLite's
 * NOCASE folds it (ASCII only). An order file without line numbers has no key to repeat.
 */
function repeatedKeys(entity: EntityDef, keyRows: Preview['keyRows'], header: { columns: string[]; index: Record<string, number> }) {
  if (!entity.key.every((k) => k in header.index)) return [];
  const fold = (v: string) => v.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const first = new Map<string, number>();
  const errors: FieldError[] = [];
  for (const k of keyRows) {
    const key = entity.key.map((f) => fold(k.values[f] ?? '')).join('\u0000');
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, k.row);
    else
      errors.push({
        row: k.row,
        column: header.columns[header.index[entity.key[0]]] ?? entity.key[0],
        value: entity.key.map((f) => k.values[f]).join(' / '),
        message: duplicateKeyMessage(entity.key, earlier),
      });
  }
  return errors;
}
