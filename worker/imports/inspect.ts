// Looking at an uploaded file before it is queued: the checks that answer at once (empty, not a
// spreadsheet, ZIP guard, encoding, header vs template, decimal mark) and the mapping preview with
// its first rows, the header row it took, the rows it skips and why. The preview judges every row
// of the file as the import will (only the rows it shows and the errors it lists are bounded).
import Papa from 'papaparse';
import { ProblemError, invalid, type FieldError } from '../lib/problem';
import { decimalOf, ImportFailure, processBlock, readHeader, sniffDateOrder, type BlockResult, type Refs } from './block';
import type { EntityDef } from './entities';
import { decideDecimal, findHeader, footerReason, isBlank, type SkippedRow } from './layout';
import { headerKey, mapColumns } from './mapping';
import type { ReadOptions } from './options';
import { MAX_RECORD_CHARS, RecordReader } from './reader';
import {
  EncodingUnsure,
  FileFormatError,
  isZip,
  looksLikeSpreadsheetName,
  sniffText,
  type EncodingCandidate,
  type TextFormat,
} from './sniff';
import { RowParts, TOO_MANY_ROWS_MESSAGE } from './staged-sql';
import { KeyScan } from './key-scan';
import type { NearDuplicate } from './near-duplicates';
import type { KeyIndex } from '../lib/keys';
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

/** Errors a preview lists (the first, in row order); `errorCount` counts every error in the file. */
export const PREVIEW_ERRORS = 100;
/** Near-duplicates a preview lists (the first, in row order); `nearDuplicateCount` counts them all. */
export const PREVIEW_NEAR_DUPLICATES = 100;
/** Rows of the file shown, typed, in the preview (every row is judged). */
export const PREVIEW_ROWS = 20;
const PREVIEW_SKIPPED = 200;
/** Characters of CSV judged at a time, as the import's parse steps read them. */
const BLOCK_CHARS = 512 * 1024;

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
  /** The first data rows (PREVIEW_ROWS), typed where they are valid. */
  rows: { row: number; values: Record<string, string | number | null> }[];
  /** Data rows in the file (not skipped), every one judged. */
  rowsTotal: number;
  /** Keys that differ from a stored one or an earlier row's only by letter case or spaces: the first PREVIEW_NEAR_DUPLICATES. */
  nearDuplicates: NearDuplicate[];
  nearDuplicateCount: number;
  /** Rows that are not data (above the header, totals, page and "printed" lines, blanks) and why: the first 200. */
  skipped: SkippedRow[];
  /**
   * Every valid row of the file as the import stages them (JSON parts, RowParts), kept only when
   * asked (`checkRows`), with the header: checkPreview judges them against stored records; not sent.
   */
  read: { parts: string[]; header: { columns: string[]; index: Record<string, number> } };
  /** The first PREVIEW_ERRORS errors of the file, in row order. */
  errors: FieldError[];
  /** Every error found in the file (the import's row checks, repeated keys, the checks against stored records). */
  errorCount: number;
  /** True when `errors` lists fewer than `errorCount`. */
  errorsTruncated: boolean;
  ready: boolean;
}

export interface PreviewOptions {
  /** Data rows to show (PREVIEW_ROWS). */
  shown?: number;
  /** The tenant's stored keys of the entity's own key, for near-duplicates. */
  storedKeys?: KeyIndex;
  /** Keep every valid row (`read.parts`) for checkPreview; only entities with record checks need them. */
  checkRows?: boolean;
}

/** Errors in row order (stable: a row's errors keep their order), the first PREVIEW_ERRORS. */
export function firstInRowOrder(errors: FieldError[]): FieldError[] {
  return errors
    .map((e, i) => [e, i] as const)
    .sort((a, b) => (a[0].row ?? 0) - (b[0].row ?? 0) || a[1] - b[1])
    .slice(0, PREVIEW_ERRORS)
    .map(([e]) => e);
}

/** Errors counted in full and kept up to PREVIEW_ERRORS (they arrive in row order). */
class ErrorTally {
  readonly kept: FieldError[] = [];
  count = 0;
  add(errors: Iterable<FieldError>) {
    for (const e of errors) {
      this.count++;
      if (this.kept.length < PREVIEW_ERRORS) this.kept.push(e);
    }
  }
}

interface RecordBlock {
  records: string[][];
  quoteErrors: Set<number>;
}

/**
 * Every record of the file, a block at a time: a workbook's rows as read, a CSV streamed from its
 * bytes with the import's reader (its blocks, its malformed-quote findings), never the whole text
 * parsed at once.
 */
async function* fileBlocks(bytes: Uint8Array, head: FileHead): AsyncGenerator<RecordBlock> {
  if (head.kind === 'xlsx' || !head.text) {
    yield { records: head.records, quoteErrors: new Set() };
    return;
  }
  const body = bytes.subarray(head.text.bom);
  const STEP = 64 * 1024;
  let at = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(c) {
      if (at >= body.length) c.close();
      else {
        c.enqueue(body.subarray(at, at + STEP));
        at += STEP;
      }
    },
  });
  const reader = new RecordReader(stream, head.text);
  try {
    for (;;) {
      const block = await reader.next(BLOCK_CHARS);
      yield block;
      if (block.done) return;
    }
  } finally {
    await reader.close();
  }
}

/**
 * The preview of a file: its format, header, mapping and the first rows typed, and every row of
 * the file judged as the import judges it (the row checks, unknown references, lot limits, report
 * lines skipped, repeated keys), with the first PREVIEW_ERRORS errors and the count of all.
 */
export async function previewFile(
  bytes: Uint8Array,
  name: string,
  entity: EntityDef,
  options: ReadOptions,
  refs: Refs,
  today: string,
  more: PreviewOptions = {},
): Promise<Preview> {
  const limit = more.shown ?? PREVIEW_ROWS;
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
  const fileErrors: FieldError[] = [...map.errors.map((e) => ({ ...e, row: at + 1 })), ...decided.errors];
  if (head.candidates)
    fileErrors.unshift({
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
  const skipped: SkippedRow[] = found.skipped.slice(0, PREVIEW_SKIPPED);
  const rowErrors = new ErrorTally();
  const parts = more.checkRows ? new RowParts() : undefined;
  let rowsTotal = 0;
  // A number the decimal decision already reported is not reported twice.
  const decidedAt = new Set(decided.errors.map((d) => `${d.row}\u0000${d.column}`));
  const tally = (r: BlockResult) => {
    for (const n of r.notes) if (skipped.length < PREVIEW_SKIPPED) skipped.push(n);
    rowErrors.add(decidedAt.size ? r.errors.filter((e) => !decidedAt.has(`${e.row}\u0000${e.column}`)) : r.errors);
    rowsTotal += r.rows.length + r.failed;
    if (parts) for (const row of r.rows) parts.add(row);
  };
  // The key cells of every data row (not only the rows shown): repeated keys and near-duplicates.
  const keys = new KeyScan(entity, header, { errors: PREVIEW_ERRORS, near: PREVIEW_NEAR_DUPLICATES }, more.storedKeys);
  const keyed = entity.key.some((k) => k in map.index);
  const cellsOf = (record: string[]) => (field: string) => (field in map.index ? (record[map.index[field]]?.trim() ?? '') : '');
  const scanKeys = (record: string[], row: number) => {
    // Report lines (totals, page numbers) are not data: two "Subtotal" lines are not a repeated key.
    if (!keyed || isBlank(record) || headerKey(record) === header.key || footerReason(record)) return;
    keys.add(row, cellsOf(record));
  };
  let first = 0; // index in the file of the block's first record
  try {
    for await (const block of fileBlocks(bytes, head)) {
      const { records: recs, quoteErrors } = block;
      // The header and the rows above it are not data.
      let i = Math.max(0, at + 1 - first);
      // The rows shown, one at a time: each keeps its cells and, when valid, its typed values.
      for (; i < recs.length && rows.length < limit; i++) {
        const record = recs[i];
        const rowNumber = first + i + 1;
        scanKeys(record, rowNumber);
        const r = processBlock({ ...ctx, firstRow: rowNumber - 1 }, [record], quoteErrors.has(i) ? new Set([0]) : new Set());
        tally(r);
        if (r.notes.length) continue;
        const values: Record<string, string | number | null> = Object.fromEntries(
          entity.fields.filter((f) => f.name in map.index).map((f) => [f.name, record[map.index[f.name]]?.trim() ?? '']),
        );
        const staged = r.rows[0];
        if (staged) entity.fields.forEach((f, k) => f.name in map.index && (values[f.name] = staged[k + 1]));
        rows.push({ row: rowNumber, values });
      }
      // Every other row judged as the import's parse step judges a block.
      if (i < recs.length) {
        for (let k = i; k < recs.length; k++) scanKeys(recs[k], first + k + 1);
        const rest = i === 0 ? recs : recs.slice(i);
        const quotes = new Set([...quoteErrors].filter((q) => q >= i).map((q) => q - i));
        tally(processBlock({ ...ctx, firstRow: first + i }, rest, quotes));
      }
      first += recs.length;
    }
  } catch (e) {
    // Text that stops decoding (or a runaway quote) past the head fails the import whole: said as it will be.
    if (!(e instanceof FileFormatError)) throw e;
    fileErrors.push({ row: 0, column: '', value: '', message: e.message });
  }
  // More rows than the checks against stored records take in one statement: the preview cannot vouch for them.
  const kept = parts?.done() ?? [];
  if (parts?.overflow) fileErrors.push({ row: 0, column: '', value: '', message: TOO_MANY_ROWS_MESSAGE });
  // The earlier spellings the near-duplicates name, read again (a few rows).
  const earlier = keys.earlierRows();
  const spelled = new Map<number, (field: string) => string>();
  if (earlier.size) {
    const last = Math.max(...earlier);
    let read = 0;
    try {
      for await (const { records: recs } of fileBlocks(bytes, head)) {
        recs.forEach((r, i) => earlier.has(read + i + 1) && spelled.set(read + i + 1, cellsOf(r)));
        read += recs.length;
        if (read >= last) break;
      }
    } catch (e) {
      if (!(e instanceof FileFormatError)) throw e;
    }
  }
  const errorCount = fileErrors.length + rowErrors.count + keys.repeatedCount;
  const errors = firstInRowOrder([...fileErrors, ...rowErrors.kept, ...keys.repeated]);
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
    rowsTotal,
    nearDuplicates: keys.nearDuplicates(spelled),
    nearDuplicateCount: keys.nearCount,
    skipped,
    read: { parts: kept, header: { columns: map.columns, index: map.index } },
    errors,
    errorCount,
    errorsTruncated: errorCount > errors.length,
    ready: errorCount === 0 && rows.length > 0,
  };
}
