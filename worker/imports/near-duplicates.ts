// Near-duplicate keys in a file: a key that differs from a stored one, or from another row's, only
// by letter case or surrounding spaces. Keys compare without regard to case (lib/keys.ts), so such a
// row updates the record it matches instead of creating a second one; the preview says so first.
import { keyFold, type KeyIndex } from '../lib/keys';
import type { EntityDef } from './entities';

export interface NearDuplicate {
  row: number;
  column: string;
  value: string;
  matches: string;
  message: string;
}

/** A key that an earlier row of the file spells differently only by letter case or spaces. */
export const sameInFileMessage = (raw: string, earlierRow: number, earlierRaw: string) =>
  `"${raw}" differs from row ${earlierRow} ("${earlierRaw}") only by letter case or spaces: the same record.`;

/** A key that a stored record spells differently only by letter case or spaces. */
export const sameAsStoredMessage = (value: string, column: string, existing: string) =>
  `"${value}" matches the existing ${column} "${existing}" except for letter case or spaces; it will update that record, keeping "${existing}".`;

/**
 * `rows` are the preview's rows (file values by field); `stored` the tenant's keys of the entity's
 * own single-field key (products, customers, warehouses), if any.
 */
export function nearDuplicates(
  entity: EntityDef,
  rows: { row: number; values: Record<string, string | number | null> }[],
  stored?: KeyIndex,
): NearDuplicate[] {
  const out: NearDuplicate[] = [];
  const keyFields = entity.key.filter((k) => entity.fields.find((f) => f.name === k)?.kind === 'key');
  const seen = new Map<string, { row: number; raw: string }>();
  for (const r of rows) {
    const parts = keyFields.map((k) => String(r.values[k] ?? ''));
    if (parts.some((p) => p === '')) continue;
    const raw = parts.join(' / ');
    const fold = parts.map(keyFold).join('\u0000');
    const column = keyFields[0];
    const earlier = seen.get(fold);
    if (earlier && earlier.raw !== raw)
      out.push({
        row: r.row,
        column,
        value: raw,
        matches: earlier.raw,
        message: sameInFileMessage(raw, earlier.row, earlier.raw),
      });
    else if (!earlier) seen.set(fold, { row: r.row, raw });
    const existing = keyFields.length === 1 ? stored?.get(keyFold(parts[0])) : undefined;
    if (existing !== undefined && existing !== parts[0])
      out.push({
        row: r.row,
        column,
        value: parts[0],
        matches: existing,
        message: sameAsStoredMessage(parts[0], column, existing),
      });
  }
  return out;
}
