// One block of records → staged rows and row errors: the header (first non-blank record), blank
// lines and repeated header rows skipped, field counts, zod row validation, and references
// checked against the tenant's SKUs, warehouses and customers loaded once per delivery.
import { keyFold, type KeyIndex } from '../lib/keys';
import type { FieldError } from '../lib/problem';
import type { EntityDef } from './entities';
import type { ImportRow } from './imports.repo';
import { headerKey, mapColumns, type Mapping } from './mapping';
import { isBlank, MAX_COLUMNS } from './reader';
import { rowValidator, type StagedRow } from './rows';
import { dateOrderEvidence, type DateOrder, type DecimalMark } from './values';

export interface Header {
  columns: string[];
  index: Record<string, number>;
  key: string;
  dateOrder?: DateOrder;
}

export interface Refs {
  sku?: KeyIndex;
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
  header?: Header;
}

export function readHeader(entity: EntityDef, record: string[], mapping?: Mapping): Header {
  if (record.length > MAX_COLUMNS)
    throw new ImportFailure(`The header has ${record.length} columns; at most ${MAX_COLUMNS} are supported.`, [
      { row: 1, column: '', message: `${record.length} columns in the header.` },
    ]);
  const map = mapColumns(entity, record, mapping);
  if (map.errors.length) throw new ImportFailure('The header does not match the template; see the errors or send a mapping.', map.errors);
  return { columns: map.columns, index: map.index, key: headerKey(map.columns) };
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
  today: string;
  refs: Refs;
  /** Row number of the record before this block. */
  firstRow: number;
}

export function processBlock(ctx: BlockContext, records: string[][], quoteErrors: Set<number>): BlockResult {
  const out: BlockResult = { rows: [], errors: [], failed: 0, skipped: 0 };
  let header = ctx.header;
  let validate: ReturnType<typeof rowValidator> | undefined;
  let first = header?.columns[0] ?? '';
  const refFields = Object.entries(ctx.entity.refs) as [keyof Refs, string][];
  const refAt = refFields.map(([kind, field]) => ({ kind, field, pos: ctx.entity.fields.findIndex((f) => f.name === field) + 1 }));
  for (let i = 0; i < records.length; i++) {
    const record = records[i];
    const row = ctx.firstRow + i + 1;
    if (isBlank(record)) {
      out.skipped++;
      continue;
    }
    if (!header) {
      header = out.header = readHeader(ctx.entity, record, ctx.mapping);
      header.dateOrder = ctx.dateOrder ?? sniffDateOrder(ctx.entity, header, records.slice(i + 1));
      first = header.columns[0];
      continue;
    }
    // Cheap test on the first cell before normalizing the whole record (this runs for every row).
    if (record.length === header.columns.length && record[0].trim().length === first.length && headerKey(record) === header.key) {
      out.skipped++;
      continue;
    }
    const fail = (errors: FieldError[]) => {
      out.failed++;
      out.errors.push(...errors);
    };
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
      decimal: ctx.decimal,
      today: ctx.today,
    });
    const r = validate(record, row);
    if (!r.ok) {
      fail(r.errors);
      continue;
    }
    const unknown: FieldError[] = [];
    for (const ref of refAt) {
      const value = r.values[ref.pos] as string;
      const stored = value == null ? undefined : ctx.refs[ref.kind]?.get(keyFold(value));
      if (stored === undefined)
        unknown.push({ row, column: header.columns[header.index[ref.field]], value, message: `Unknown ${ref.kind} "${value}".` });
      else r.values[ref.pos] = stored;
    }
    if (unknown.length) fail(unknown);
    else out.rows.push(r.values);
  }
  return out;
}
