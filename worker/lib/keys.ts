// The one definition of a business key (SKU, lot number, warehouse, customer, order and shipment
// ids), used by every API body, path and query parameter and by the import rows: surrounding
// spaces are trimmed, control characters refused, and keys compare without regard to letter
// case (the database columns are COLLATE NOCASE; `sameKey` / `keyFold` do the same in code).
import { z } from 'zod';
import { KEY_PATTERN } from './formats';

export const KEY_MESSAGE = 'Use letters, digits, . _ - : # @ and spaces, starting with a letter or digit (max 64).';
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A business key: trimmed, no control characters, KEY_PATTERN. */
export const businessKey = z
  .string()
  .refine((s) => !CONTROL.test(s), 'Contains control characters.')
  .transform((s) => s.trim())
  .pipe(z.string().regex(KEY_PATTERN, KEY_MESSAGE));

/** No C0 control character but tab, line feed and carriage return, and no DEL: what the importer accepts in text cells. */
export const NO_CONTROL = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/;
export const CONTROL_MESSAGE = 'Contains control characters.';

/**
 * Free text the API stores (names, labels, reasons, notes): trimmed, at most `max` characters,
 * refused with a control character the importer would refuse, so whatever the API stores exports
 * and re-imports.
 */
export const plainText = (max: number) => z.string().trim().max(max).regex(NO_CONTROL, CONTROL_MESSAGE);

/** The comparison form of a key: SQLite NOCASE folds ASCII letters only, and so does this. */
export const keyFold = (s: string) => s.trim().replace(/[A-Z]/g, (c) => c.toLowerCase());
export const sameKey = (a: string, b: string) => keyFold(a) === keyFold(b);

/** The tenant's keys by their comparison form → the spelling stored first. */
export type KeyIndex = Map<string, string>;
export const keyIndex = (keys: Iterable<string>): KeyIndex => {
  const m: KeyIndex = new Map();
  for (const k of keys) if (!m.has(keyFold(k))) m.set(keyFold(k), k);
  return m;
};
