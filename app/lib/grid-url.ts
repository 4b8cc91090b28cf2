// A grid's view as its URL holds it (sort, hidden columns), read against the columns the table has:
// the URL is anyone's to edit, and TanStack Table throws on a column id it does not know (a
// prototype name such as __proto__ reached Object.prototype and answered 500).
import type { ColumnDef, SortingState } from '@tanstack/react-table';

/** A column's id as TanStack Table names it: its `id`, else its accessor key (dots as _), else a string header. */
const columnId = (c: ColumnDef<unknown, unknown>) => {
  const key = (c as { accessorKey?: string }).accessorKey;
  return c.id ?? (key ? key.replaceAll('.', '_') : undefined) ?? (typeof c.header === 'string' ? c.header : undefined);
};

/** Every column id of the table, groups' children included. */
export function columnIds<T>(columns: ColumnDef<T, unknown>[]): Set<string> {
  const ids = new Set<string>();
  const walk = (cs: ColumnDef<T, unknown>[]) => {
    for (const c of cs) {
      const id = columnId(c as ColumnDef<unknown, unknown>);
      if (id) ids.add(id);
      if ('columns' in c && Array.isArray(c.columns)) walk(c.columns);
    }
  };
  walk(columns);
  return ids;
}

/**
 * `sort` from the URL (`col.asc,col2.desc`), keeping only columns the table has: the URL is anyone's
 * to edit, and TanStack Table throws on an id it does not know (`__proto__`, a removed column).
 * Null when nothing usable is left, so the table's default sort applies.
 */
export function parseSort(v: string | null, known: ReadonlySet<string>): SortingState | null {
  if (!v) return null;
  const sort = v
    .split(',')
    .map((s) => {
      const at = s.lastIndexOf('.');
      const [id, dir] = at > 0 ? [s.slice(0, at), s.slice(at + 1)] : [s, 'asc'];
      return { id, desc: dir === 'desc' };
    })
    .filter((s, i, all) => known.has(s.id) && all.findIndex((o) => o.id === s.id) === i);
  return sort.length ? sort : null;
}

/** `hide` from the URL: the hidden columns the table has (an unknown or prototype name is ignored). */
export const parseHidden = (v: string, known: ReadonlySet<string>) => v.split(',').filter((h) => h && h !== '-' && known.has(h));
