// A whole file read in one go with the import's own rules — decoding, sniffing, header finding,
// report lines, value parsing, mapping — for callers outside the queue pipeline (the backtest
// CLI). The import pipeline streams the same steps block by block (source.ts, block.ts).
import type { FieldError } from '../lib/problem';
import { processBlock, type Header } from './block';
import type { EntityDef } from './entities';
import { readHead } from './inspect';
import type { SkippedRow } from './layout';
import type { ReadOptions } from './options';
import type { StagedRow } from './rows';

export interface Table {
  format: 'csv' | 'xlsx';
  encoding?: string;
  header: Header;
  /** The file's records as text (row N is records[N - 1]). */
  records: string[][];
  /** Valid rows: [row number, ...field values in entity order]. */
  rows: StagedRow[];
  errors: FieldError[];
  skipped: SkippedRow[];
  skippedCount: number;
}

/** Reads a whole CSV or XLSX file; throws ProblemError / ImportFailure for a file-level problem. */
export async function readTable(bytes: Uint8Array, name: string, entity: EntityDef, options: ReadOptions, today: string): Promise<Table> {
  const head = await readHead(bytes, name, entity, options, false, Infinity);
  const r = processBlock(
    {
      entity,
      mapping: options.mapping,
      dateOrder: options.dateOrder,
      decimal: options.decimal,
      headerRow: options.headerRow,
      today,
      refs: {},
      firstRow: 0,
    },
    head.records,
    new Set(),
  );
  if (!r.header) throw new Error('The file is empty.');
  return {
    format: head.kind,
    encoding: head.text?.encoding,
    header: r.header,
    records: head.records,
    rows: r.rows,
    errors: r.errors,
    skipped: r.notes,
    skippedCount: r.skipped,
  };
}
