// The one place the planning views resolve the keys a request names (path or query): SKU,
// warehouse, customer, lot and supplier compare without regard to letter case, as everywhere else
// (lib/keys.ts), and come back in their stored spelling, so a view filtered by "nj1" reads NJ1's
// rows. A key the tenant does not have is a mistake, never an empty answer: 404 naming it.
import type { Db } from '../data/db';
import { storedKey, storedLotId, storedSupplier } from '../data/refs.repo';
import { DomainError } from '../lib/errors';

export type KeyKind = 'sku' | 'warehouse' | 'customer' | 'lot' | 'supplier';

const LABEL: Record<KeyKind, string> = { sku: 'SKU', warehouse: 'Warehouse', customer: 'Customer', lot: 'Lot', supplier: 'Supplier' };

/** 404 naming the key: `Warehouse "ZZ9" not found.` */
export const unknownKey = (kind: KeyKind, value: string) =>
  new DomainError('not-found', `${LABEL[kind]} "${value}" not found.`, undefined, undefined, { [kind]: value });

/** The stored spelling of one key, or 404 naming it. */
export async function resolveKey(db: Db, tenantId: string, kind: KeyKind, value: string): Promise<string> {
  const stored =
    kind === 'lot'
      ? await storedLotId(db, tenantId, value)
      : kind === 'supplier'
        ? await storedSupplier(db, tenantId, value)
        : await storedKey(db, tenantId, kind, value);
  if (stored === undefined) throw unknownKey(kind, value);
  return stored;
}

/**
 * `input` with each named key field (`fields`: field → kind) replaced by its stored spelling;
 * fields that are absent or empty are left alone. Throws 404 for the first key the tenant does not have.
 */
export async function resolveKeys<T extends object>(db: Db, tenantId: string, input: T, fields: { [K in keyof T]?: KeyKind }): Promise<T> {
  const out = { ...input };
  for (const [field, kind] of Object.entries(fields) as [keyof T & string, KeyKind][]) {
    const v = input[field];
    if (typeof v === 'string' && v !== '') (out as Record<string, unknown>)[field] = await resolveKey(db, tenantId, kind, v);
  }
  return out;
}
