// One block of records → staged rows and row errors: the header (the best-matching row near the
// top, layout.ts), the file's date order and decimal mark decided once, blank lines, repeated
// header rows and report footers skipped with their reason, field counts, zod row validation, and
// references checked against the tenant's SKUs, warehouses and customers loaded once per delivery.
import { keyFold, type KeyIndex } from '../lib/keys';
import type { FieldError } from '../lib/problem';
import type { EntityDef } from './entities';
import type { ImportRow } from './imports.repo';
import { decideDecimal, findHeader, footerReason, isBlank, rowText, type SkippedRow } from './layout';
import { headerKey, mapColumns, type Mapping } from './mapping';
import { MAX_COLUMNS } from './reader';
import { rowValidator, type StagedRow } from './rows';
import { lotLimitProblems } from '../domain/record-limits';
import { dateOrderEvidence, type DateOrder, type DecimalMark } from './values';

export interface Header {
  columns: string[];
  index: Record<string, number>;
  key: string;
  dateOrder?: DateOrder;
  decimal?: DecimalMark;
  /** The header's row number (1-based). */
  row?: number;
}

export interface Refs {
  sku?: KeyIndex;
  /** Shelf life in days by stored SKU, for the lot limits of lot and receipt files (domain/record-limits). */
  shelfLife?: Map<string, number>;
  warehouse?: KeyIndex;
  customer?: KeyIndex;
}

/** A problem with the file as a whole: the import fails with these errors. */
export class ImportFailure extends Error {
  constructor(
    message: string,
    readonly errors: FieldError[] = [],
    /** Counters to store with the failure. */
    readonly set: Partial<ImportRow> = {},
  ) {
    super(message);
  }
}

export interface BlockResult {
  rows: StagedRow[];
  errors: FieldError[];
  failed: number;
  skipped: number;
  /** Skipped rows and why (at most NOTES_PER_BLOCK; `skipped` counts them all). */
  notes: SkippedRow[];
  header?: Header;
}

const NOTES_PER_BLOCK = 200;

export function readHeader(entity: EntityDef, record: string[], mapping?: Mapping, row = 1): Header {
  if (record.length > MAX_COLUMNS)
    throw new ImportFailure(`The header has ${record.length} columns; at most ${MAX_COLUMNS} are supported.`, [
      { row, column: '', message: `${record.length} columns in the header.` },
    ]);
  const map = mapColumns(entity, record, mapping);
  if (map.errors.length)
    throw new ImportFailure(
      'The header does not match the template; see the errors or send a mapping.',
      map.errors.map((e) => ({ ...e, row })),
    );
  return { columns: map.columns, index: map.index, key: headerKey(map.columns), row };
}

/** The file's decimal mark from the data rows (the `decimal` option wins); refuses what stays ambiguous. */
export function decimalOf(entity: EntityDef, header: Header, records: string[][], firstRow: number, explicit?: DecimalMark) {
  if (explicit) return explicit;
  const d = decideDecimal(entity, header.index, header.columns, records, firstRow);
  if (d.errors.length)
    throw new ImportFailure('The decimal mark of this file cannot be decided; choose decimal . or , (see the rows listed).', d.errors);
  return d.decimal;
}

/** The date order the file proves in its date columns, if any (the first disambiguating value). */
export function sniffDateOrder(entity: EntityDef, header: Header, records: string[][]): DateOrder | undefined {
  const dateCols = entity.fields.filter((f) => f.kind === 'date' && header.index[f.name] !== undefined).map((f) => header.index[f.name]);
  for (const r of records)
    for (const at of dateCols) {
      const e = r[at] ? dateOrderEvidence(r[at]) : undefined;
      if (e) return e;
    }
  return undefined;
}

export interface BlockContext {
  entity: EntityDef;
  header?: Header;
  mapping?: Mapping;
  dateOrder?: DateOrder;
  decimal?: DecimalMark;
  /** The header's row number when the user named it. */
  headerRow?: number;
  today: string;
  refs: Refs;
  /** Row number of the record before this block. */
  firstRow: number;
}

export function processBlock(ctx: BlockContext, records: string[][], quoteErrors: Set<number>): BlockResult {
  const out: BlockResult = { rows: [], errors: [], failed: 0, skipped: 0, notes: [] };
  const skip = (note: SkippedRow) => {
    out.skipped++;
    if (out.notes.length < NOTES_PER_BLOCK) out.notes.push(note);
  };
  let header = ctx.header;
  let validate: ReturnType<typeof rowValidator> | undefined;
  let first = header?.columns[0] ?? '';
  let start = 0;
  if (!header) {
    const found = findHeader(ctx.entity, records, { mapping: ctx.mapping, headerRow: ctx.headerRow, firstRow: ctx.firstRow });
    if (!found) {
      if (ctx.headerRow !== undefined)
        throw new ImportFailure(`Row ${ctx.headerRow} (the header row asked for) is not in the file.`, [
          { row: ctx.headerRow, column: '', message: 'No such row.' },
        ]);
      records.forEach((r, i) => skip({ row: ctx.firstRow + i + 1, reason: 'blank row', text: '' }));
      return out;
    }
    found.skipped.forEach(skip);
    const row = ctx.firstRow + found.at + 1;
    header = out.header = readHeader(ctx.entity, records[found.at], ctx.mapping, row);
    const data = records.slice(found.at + 1);
    header.dateOrder = ctx.dateOrder ?? sniffDateOrder(ctx.entity, header, data);
    header.decimal = decimalOf(ctx.entity, header, data, row, ctx.decimal);
    first = header.columns[0];
    start = found.at + 1;
  }
  const refFields = Object.entries(ctx.entity.refs) as [keyof Refs, string][];
  const refAt = refFields.map(([kind, field]) => ({ kind, field, pos: ctx.entity.fields.findIndex((f) => f.name === field) + 1 }));
  // A file names the same few hundred SKUs and customers over and over: fold each spelling once.
  const resolved: Partial<Record<keyof Refs, Map<string, string | undefined>>> = {};
  const lookup = (kind: keyof Refs, value: string) => {
    const memo = (resolved[kind] ??= new Map());
    if (memo.has(value)) return memo.get(value);
    const stored = ctx.refs[kind]?.get(keyFold(value));
    memo.set(value, stored);
    return stored;
  };
  for (let i = start; i < records.length; i++) {
    const record = records[i];
    const row = ctx.firstRow + i + 1;
    if (isBlank(record)) {
      skip({ row, reason: 'blank row', text: '' });
      continue;
    }
    // Cheap test on the first cell before normalizing the whole record (this runs for every row).
    if (record.length === header.columns.length && record[0].trim().length === first.length && headerKey(record) === header.key) {
      skip({ row, reason: 'repeated header row', text: rowText(record) });
      continue;
    }
    const fail = (errors: FieldError[]) => {
      out.failed++;
      out.errors.push(...errors);
    };
    const unknownRef = (ref: (typeof refAt)[number], value: string): FieldError => ({
      row,
      column: header.columns[header.index[ref.field]],
      value,
      message: `Unknown ${ref.kind} "${value}".`,
    });
    if (quoteErrors.has(i)) {
      fail([{ row, column: '', value: '', message: 'Malformed quotes: a quoted value must end with " before the next delimiter.' }]);
      continue;
    }
    if (record.length > header.columns.length && record.slice(header.columns.length).some((c) => c.trim() !== '')) {
      fail([{ row, column: '', value: '', message: `${record.length} values, but the header has ${header.columns.length} columns.` }]);
      continue;
    }
    validate ??= rowValidator(ctx.entity, header.index, header.columns, {
      dateOrder: header.dateOrder,
      decimal: header.decimal,
      today: ctx.today,
    });
    const r = validate(record, row);
    if (!r.ok) {
      // Only a row that is not valid data can be a report line (a total, a page or "printed" line).
      const reason = footerReason(record);
      if (reason) {
        skip({ row, reason, text: rowText(record) });
        continue;
      }
      // Every fault of the row in one round: an unknown SKU or customer is named beside a bad
      // number, not only after the number is fixed and the file sent again.
      const typed = new Set(r.errors.map((e) => e.column));
      const refs = refAt.flatMap((ref) => {
        const at = header.index[ref.field];
        const raw = at === undefined ? '' : (record[at] ?? '').trim();
        return !raw || typed.has(header.columns[at]) || lookup(ref.kind, raw) !== undefined ? [] : [unknownRef(ref, raw)];
      });
      fail([...r.errors, ...refs]);
      continue;
    }
    const unknown: FieldError[] = [];
    for (const ref of refAt) {
      const value = r.values[ref.pos] as string;
      // A blank optional reference (a receipt's warehouse) is settled later, not unknown.
      if (value == null && !ctx.entity.fields[ref.pos - 1].required) continue;
      const stored = value == null ? undefined : lookup(ref.kind, value);
      if (stored === undefined) unknown.push(unknownRef(ref, value));
      else r.values[ref.pos] = stored;
    }
    if (unknown.length) {
      fail(unknown);
      continue;
    }
    const limits = ctx.refs.shelfLife ? lotLimitErrors(ctx.entity, header, r.values, row, ctx.refs.shelfLife, ctx.today) : [];
    if (limits.length) fail(limits);
    else out.rows.push(r.values);
  }
  return out;
}

const LIMIT_FIELDS = { receivedDate: 'received_date', expirationDate: 'expiration_date', quantity: 'quantity' } as const;

/** A lot or receipt row against the limits the API applies to a lot (one function: lotLimitProblems). */
function lotLimitErrors(entity: EntityDef, header: Header, values: StagedRow, row: number, shelfLife: Map<string, number>, today: string) {
  const at = (name: string) => values[entity.fields.findIndex((f) => f.name === name) + 1];
  const quantity = (at('quantity_on_hand') ?? at('quantity')) as number | null;
  const problems = lotLimitProblems(
    {
      receivedDate: (at('received_date') as string | null) ?? today,
      expirationDate: at('expiration_date') as string,
      quantity: quantity ?? undefined,
      shelfLifeDays: shelfLife.get(at('sku') as string),
    },
    today,
  );
  return problems.map((p): FieldError => {
    const field = p.field === 'quantity' && entity.name === 'inventory_lots' ? 'quantity_on_hand' : LIMIT_FIELDS[p.field];
    const col = header.index[field];
    return { row, column: col !== undefined ? header.columns[col] : field, value: String(at(field) ?? ''), message: p.message };
  });
}
