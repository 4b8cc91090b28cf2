// SQL over the staged rows of an import. Chunks hold JSON arrays [row, ...fields]; json_each
// turns them back into a relation inside D1, so a whole file loads with a handful of statements
// of a few bound parameters each (D1 allows 100), however many rows it has.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../data/db';
import type { EntityDef, FieldDef } from './entities';
import type { ImportRow } from './imports.repo';
import type { StagedRow } from './rows';
import { byteLength } from './sniff';
import { SKIP_SEQ } from './staging.repo';

export const id = (name: string) => sql.raw(`"${name.replace(/"/g, '')}"`);

/** The value to store for a field: the staged value, else the field's default. */
export function valueOf(f: FieldDef, today: string, alias = 's'): SQL {
  const col = sql.raw(`${alias}."${f.name}"`);
  if (f.fallback === undefined) return col;
  const fallback = f.fallback === 'today' ? today : f.fallback;
  return sql`coalesce(${col}, ${fallback})`;
}

/** The rows an import staged: its chunks. */
export interface StagedChunks {
  imp: Pick<ImportRow, 'id' | 'run'>;
  entity: EntityDef;
  /** Leave out rows listed by the whole-file checks (skip-invalid). */
  skip: boolean;
  /** Only chunks with seq in [from, to]. */
  range?: [number, number];
}

/**
 * Rows read and validated but not staged (the preview's), in the staged shape [row, ...fields]:
 * JSON arrays of at most PART_BYTES bytes each (RowParts), every one a bound parameter of its own.
 */
export interface ReadRows {
  entity: EntityDef;
  parts: string[];
}

/** Bytes of one part of a preview's rows: D1 takes a string of up to 2,000,000 bytes. */
export const PART_BYTES = 1_500_000;
/**
 * Parts one preview keeps and one statement binds: D1 allows 100 bound parameters (a check binds a
 * few of its own beside the parts), and the parts are held in the isolate's memory with the file:
 * 16 parts, 24 MB of rows, are the rows of a file of about 15 MB.
 */
export const MAX_PARTS = 16;

export const TOO_MANY_ROWS_MESSAGE =
  "The file's rows are too many for the preview to check against the stored records; import it: the import checks every row.";

/**
 * The rows a preview read, gathered into JSON parts of at most PART_BYTES (UTF-8) for `staged`.
 * Past MAX_PARTS it keeps nothing more and says so (`overflow`).
 */
export class RowParts {
  private parts: string[] = [];
  private current: string[] = [];
  private bytes = 2;
  overflow = false;

  add(row: StagedRow): void {
    if (this.overflow) return;
    const json = JSON.stringify(row);
    const n = byteLength(json, 'utf-8') + 1;
    if (this.current.length && this.bytes + n > PART_BYTES) this.close();
    this.current.push(json);
    this.bytes += n;
  }

  private close(): void {
    if (this.parts.length >= MAX_PARTS) {
      this.overflow = true;
      this.parts = [];
    } else this.parts.push(`[${this.current.join(',')}]`);
    this.current = [];
    this.bytes = 2;
  }

  /** Every part, the last one closed. */
  done(): string[] {
    if (this.current.length) this.close();
    return this.overflow ? [] : this.parts;
  }
}

/** What the whole-file checks read: an import's staged chunks, or the rows a preview read. */
export type StagedSource = StagedChunks | ReadRows;

/**
 * A subquery with columns _row and every field of the entity, one row per staged row. Rows a
 * preview read are the same relation from its bound JSON parts (a VALUES list, one part a row:
 * D1's limit of five terms in a compound SELECT does not apply to it), so a check's SQL judges
 * the preview's rows exactly as it judges the import's, every row in one statement.
 */
export function staged(s: StagedSource): SQL {
  const cols = s.entity.fields.map((f, i) => `j.value ->> ${i + 1} AS "${f.name}"`).join(', ');
  if ('parts' in s) {
    if (s.parts.length > MAX_PARTS) throw new Error(`At most ${MAX_PARTS} parts of rows in one statement.`);
    const from =
      s.parts.length <= 1
        ? sql`json_each(${s.parts[0] ?? '[]'}) j`
        : sql`(VALUES ${sql.join(
            s.parts.map((p) => sql`(${p})`),
            sql`, `,
          )}) p, json_each(p.column1) j`;
    return sql`(SELECT j.value ->> 0 AS _row, ${sql.raw(cols)} FROM ${from})`;
  }
  const range = s.range ? sql` AND c.seq BETWEEN ${s.range[0]} AND ${s.range[1]}` : sql``;
  const skip = s.skip
    ? sql` AND (j.value ->> 0) NOT IN (SELECT value FROM json_each((SELECT rows FROM import_chunks WHERE import_id = ${s.imp.id} AND run = ${s.imp.run} AND seq = ${SKIP_SEQ})))`
    : sql``;
  return sql`(SELECT j.value ->> 0 AS _row, ${sql.raw(cols)} FROM import_chunks c, json_each(c.rows) j WHERE c.import_id = ${s.imp.id} AND c.run = ${s.imp.run} AND c.seq >= 0${range}${skip})`;
}

/** Consecutive chunk ranges of at most `maxRows` rows, so no single statement runs too long. */
export async function chunkRanges(db: Db, imp: Pick<ImportRow, 'id' | 'run'>, maxRows: number): Promise<[number, number][]> {
  const chunks = await db.all<{ seq: number; n: number }>(
    sql`SELECT seq, row_count AS n FROM import_chunks WHERE import_id = ${imp.id} AND run = ${imp.run} AND seq >= 0 AND row_count > 0 ORDER BY seq`,
  );
  const out: [number, number][] = [];
  let rows = 0;
  for (const c of chunks) {
    if (out.length && rows + c.n <= maxRows) out[out.length - 1][1] = c.seq;
    else {
      out.push([c.seq, c.seq]);
      rows = 0;
    }
    rows += c.n;
  }
  return out;
}

export interface CheckError {
  row: number;
  column: string;
  value: string;
  message: string;
}

/**
 * Rows repeating the key of an earlier row of the same file (the first one wins). Keys compare as
 * the database compares them, without regard to letter case: `qa-1` repeats `QA-1`.
 */
export async function duplicateKeys(db: Db, s: StagedSource, stagedRows: number, limit: number): Promise<CheckError[]> {
  const keys = s.entity.key;
  const keyCols = sql.raw(keys.map((k) => `"${k}" COLLATE NOCASE`).join(', '));
  // Counting distinct keys first is cheap (GROUP BY); the window query naming the rows runs only if needed.
  const [{ distinct }] = await db.all<{ distinct: number }>(
    sql`SELECT count(*) AS "distinct" FROM (SELECT 1 FROM ${staged(s)} GROUP BY ${keyCols})`,
  );
  if (distinct === stagedRows) return [];
  const rows = await db.all<{ r: number; k: string; first: number }>(sql`
    SELECT r, k, first FROM (
      SELECT _row AS r, ${sql.raw(keys.map((k) => `"${k}"`).join(" || ' / ' || "))} AS k, min(_row) OVER (PARTITION BY ${keyCols}) AS first
      FROM ${staged(s)}
    ) WHERE r <> first ORDER BY r LIMIT ${limit}`);
  return rows.map((r) => ({ row: r.r, column: keys[0], value: r.k, message: duplicateKeyMessage(keys, r.first) }));
}

/** The error of a row whose key (every key column, letter case ignored) an earlier row of the file has. */
export function duplicateKeyMessage(keys: readonly string[], firstRow: number): string {
  const what = keys.length > 1 ? `${keys.slice(0, -1).join(', ')} and ${keys.at(-1)}` : keys[0];
  return `Same ${what} as row ${firstRow} (keys ignore letter case); each may appear once per file.`;
}
