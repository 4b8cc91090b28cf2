// The shape of a report around its table: which row is the header (ERP reports put a title, a
// print date and blank lines above it), which rows after it are not data (totals, subtotals,
// page lines, "printed by" lines, blank rows), and the file's number marks, decided once from
// all its number cells. Every rule here is in docs/imports.md; every skipped row is reported
// with its reason, never dropped silently.
import type { FieldError } from '../lib/problem';
import type { EntityDef } from './entities';
import { mapColumns, type Mapping } from './mapping';
import { markEvidence, type DecimalMark } from './values';

/** How far down the header is looked for. */
export const HEADER_SCAN_ROWS = 50;

export interface SkippedRow {
  /** Row number as a spreadsheet or text editor shows it (1-based). */
  row: number;
  reason: string;
  /** The row's non-blank cells, joined, for the report. */
  text: string;
}

export const isBlank = (record: string[]) => record.every((c) => c.trim() === '');
export const rowText = (record: string[]) =>
  record
    .map((c) => c.trim())
    .filter(Boolean)
    .join(' | ')
    .slice(0, 200);

/** How well a record reads as the entity's header: mapped fields, required ones counting double. */
export function headerScore(entity: EntityDef, record: string[], mapping?: Mapping): number {
  if (record.filter((c) => c.trim()).length < 2) return 0;
  const m = mapColumns(entity, record, mapping);
  let score = 0;
  for (const f of entity.fields) if (f.name in m.index) score += f.required ? 2 : 1;
  return score;
}

export interface HeaderChoice {
  /** Index in the records given. */
  at: number;
  /** Rows above the header, skipped with their reason. */
  skipped: SkippedRow[];
  /** How well it matched (headerScore). */
  score: number;
}

/**
 * The header: `headerRow` (1-based) when given; else, among the first rows, the one that maps the
 * most of the entity's columns (earliest on a tie); a file where none maps takes its first
 * non-blank row, so the errors name the missing columns as before.
 */
export function findHeader(
  entity: EntityDef,
  records: string[][],
  o: { mapping?: Mapping; headerRow?: number; firstRow?: number } = {},
): HeaderChoice | undefined {
  const first = o.firstRow ?? 0;
  let at = -1;
  let best = 0;
  if (o.headerRow !== undefined) {
    at = o.headerRow - 1 - first;
    if (at < 0 || at >= records.length) return undefined;
    best = headerScore(entity, records[at], o.mapping);
  } else {
    let seen = 0;
    for (let i = 0; i < records.length && seen < HEADER_SCAN_ROWS; i++) {
      if (isBlank(records[i])) continue;
      seen++;
      if (at < 0) at = i;
      const s = headerScore(entity, records[i], o.mapping);
      if (s > best) {
        best = s;
        at = i;
      }
    }
    if (at < 0) return undefined;
  }
  const skipped: SkippedRow[] = [];
  for (let i = 0; i < at; i++)
    skipped.push({
      row: first + i + 1,
      reason: isBlank(records[i]) ? 'blank row above the header' : `above the header (row ${first + at + 1}): title or notes`,
      text: rowText(records[i]),
    });
  return { at, skipped, score: best };
}

// A label, then the end of the cell or a space/colon ("Total", "Grand total:", "Subtotal NJ1"),
// so an id such as SUM-001 is never taken for one.
const TOTAL =
  /^(grand\s*total|sub\s*-?\s*total|totals?|sum|overall|합\s*계|총\s*계|소\s*계|누\s*계|小\s*計|合\s*計|総\s*計|总\s*计|合\s*计|小\s*计|gesamt(summe)?|summe|zwischensumme|totale|subtotale|итого)(?=$|[\s:：(])/iu;
const PAGE =
  /^(page|pg\.?|p\.|seite|página|pagina|페이지|ページ|页)\s*\d+(\s*(of|\/|von|de|di)\s*\d+)?$|^\d+\s*(\/|of)\s*\d+\s*(page|pages|페이지)?$|^-\s*\d+\s*-$/iu;
const PRINTED =
  /^(printed|print\s*(date|time|ed)|run\s*(date|time|by|at|on)|report\s*(date|run|generated|printed)|generated\s*(by|at|on)|exported\s*(by|at|on)|created\s*(by|at|on)|출력|인쇄|印刷|打印|end\s*of\s*report|\*+\s*end)/iu;
const NUMERIC = /^[-+(]?[$€£¥₩]?\s*[\d.,\s']+\s*[$€£¥₩%]?\)?$/;

/**
 * Why a row that is not valid data is a report line, or undefined when it must be reported as an
 * error. Only rows that fail validation are asked: a row that reads as data is never skipped.
 */
export function footerReason(record: string[]): string | undefined {
  const cells = record.map((c) => c.trim());
  const filled = cells.filter(Boolean);
  if (filled.length === 0) return 'blank row';
  const label = filled[0];
  const rest = filled.slice(1);
  if (TOTAL.test(label) && rest.every((c) => NUMERIC.test(c)))
    return /sub|소|小|zwischen/iu.test(label) ? `subtotal line ("${label}")` : `total line ("${label}")`;
  const joined = filled.join(' ');
  if (filled.length <= 2 && PAGE.test(joined)) return `page line ("${joined.slice(0, 60)}")`;
  if (filled.length <= 3 && PRINTED.test(label)) return `report line ("${joined.slice(0, 60)}")`;
  return undefined;
}

export interface DecimalDecision {
  /** The file's decimal mark; undefined when no number cell shows one. */
  decimal?: DecimalMark;
  /** Set when the file cannot be read without the `decimal` option: the rows that show why. */
  errors: FieldError[];
}

/**
 * The decimal mark of a file, decided once from all its number cells (the records given are data
 * rows after the header; `firstRow` is the row number of the record before the first).
 */
export function decideDecimal(
  entity: EntityDef,
  index: Record<string, number>,
  columns: string[],
  records: string[][],
  firstRow: number,
): DecimalDecision {
  const cols = entity.fields
    .filter((f) => ['whole', 'positive', 'number', 'optionalNumber'].includes(f.kind) && index[f.name] !== undefined)
    .map((f) => index[f.name]);
  const seen: Record<string, FieldError[]> = { '.': [], ',': [], ambiguous: [] };
  for (let i = 0; i < records.length; i++)
    for (const at of cols) {
      const cell = records[i][at]?.trim();
      if (!cell || /^\d+$/.test(cell)) continue;
      const e = markEvidence(cell);
      if (e && seen[e].length < 5) seen[e].push({ row: firstRow + i + 1, column: columns[at], value: cell, message: '' });
    }
  const dot = seen['.'];
  const comma = seen[','];
  if (dot.length && comma.length)
    return {
      errors: [
        ...dot.map((e) => ({
          ...e,
          message: `"${e.value}" has "." as decimal mark, but other rows use ",": choose decimal . or , for this file.`,
        })),
        ...comma.map((e) => ({
          ...e,
          message: `"${e.value}" has "," as decimal mark, but other rows use ".": choose decimal . or , for this file.`,
        })),
      ],
    };
  if (dot.length) return { decimal: '.', errors: [] };
  if (comma.length) return { decimal: ',', errors: [] };
  if (seen.ambiguous.length)
    return {
      errors: seen.ambiguous.map((e) => {
        const v = String(e.value);
        return {
          ...e,
          message: `"${v}" reads as ${v.replace(/[.,]/, '')} (thousands mark) or ${v.replace(',', '.')} (decimal mark), and no value in the file tells which: choose decimal . or ,.`,
        };
      }),
    };
  return { errors: [] };
}
