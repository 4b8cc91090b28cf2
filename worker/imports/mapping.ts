// Header → field mapping. Headers compare case-, space-, accent- and punctuation-insensitively
// ("Item Code" = "item_code" = "ITEMCODE"); an explicit mapping from the preview overrides.
import type { FieldError } from '../lib/problem';
import type { EntityDef } from './entities';

/** field → the file's column header (null: deliberately not imported). */
export type Mapping = Record<string, string | null>;

export interface ColumnMap {
  columns: string[];
  mapping: Mapping;
  /** field → column index, for mapped fields only. */
  index: Record<string, number>;
  unmapped: string[];
  missing: string[];
  errors: FieldError[];
}

export const normalizeHeader = (h: string) =>
  h
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

export function mapColumns(entity: EntityDef, headers: string[], explicit: Mapping = {}): ColumnMap {
  const columns = headers.map((h) => h.replace(/^\ufeff/, '').trim());
  const norm = columns.map(normalizeHeader);
  const errors: FieldError[] = [];
  const firstSeen = new Map<string, number>();
  norm.forEach((n, i) => {
    if (!n) return;
    const prev = firstSeen.get(n);
    if (prev === undefined) firstSeen.set(n, i);
    else
      errors.push({
        row: 1,
        column: columns[i],
        message: `The column "${columns[i]}" appears twice (columns ${prev + 1} and ${i + 1}); remove or rename one.`,
      });
  });

  const index: Record<string, number> = {};
  const used = new Set<number>();
  const fields = new Set(entity.fields.map((x) => x.name));
  const decided = new Set<string>();
  for (const [field, header] of Object.entries(explicit)) {
    if (!fields.has(field)) {
      errors.push({ row: 1, column: field, message: `"${field}" is not a ${entity.name} field.` });
      continue;
    }
    decided.add(field);
    if (header === null || header === '') continue;
    let at = columns.indexOf(header);
    if (at < 0) at = norm.indexOf(normalizeHeader(header));
    if (at < 0)
      errors.push({
        row: 1,
        column: header,
        message: `The mapping names column "${header}" for ${field}, but the file has no such column.`,
      });
    else {
      index[field] = at;
      used.add(at);
    }
  }

  // Exact field names first, then aliases in the order they are listed (most specific first).
  const claim = (field: string, candidates: string[]) => {
    for (const c of candidates) {
      const at = norm.findIndex((n, i) => n === c && !used.has(i));
      if (at >= 0) {
        index[field] = at;
        used.add(at);
        decided.add(field);
        return;
      }
    }
  };
  for (const fd of entity.fields) if (!decided.has(fd.name)) claim(fd.name, [normalizeHeader(fd.name)]);
  for (const fd of entity.fields) if (!decided.has(fd.name)) claim(fd.name, fd.aliases);

  const mapping: Mapping = Object.fromEntries(entity.fields.map((fd) => [fd.name, fd.name in index ? columns[index[fd.name]] : null]));
  const missing = entity.fields.filter((fd) => fd.required && !(fd.name in index)).map((fd) => fd.name);
  for (const field of missing)
    errors.push({
      row: 1,
      column: field,
      message: `Required column "${field}" is missing${columns.length === 1 ? hintDelimiter(columns[0]) : ''}.`,
    });
  const unmapped = columns.filter((c, i) => c && !used.has(i));
  return { columns, mapping, index, unmapped, missing, errors };
}

const hintDelimiter = (only: string) =>
  /[|:]/.test(only) ? ' (the header is one column: use , ; or tab between columns)' : ' (the header has only one column)';

/** A header row repeated inside the data (concatenated exports) is skipped, not reported. */
export const isHeaderRecord = (record: string[], headerNorm: string) => record.map(normalizeHeader).join('\u0001') === headerNorm;
export const headerKey = (columns: string[]) => columns.map(normalizeHeader).join('\u0001');
