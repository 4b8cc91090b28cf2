// CSV text of the generated rows: RFC 4180, '\n' line ends, no BOM.
import { ENTITY_COLUMNS, type EntityName, type TenantData } from './rows';

/** RFC 4180 field: quoted only when it contains a comma, a double quote, CR or LF. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const s = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Header + rows, comma-delimited, '\n' after every line (including the last), no BOM. */
export function toCsv<C extends string>(
  rows: readonly { readonly [K in C]: string | number | null | undefined }[],
  columns: readonly C[],
): string {
  const out: string[] = [columns.map(csvField).join(',')];
  for (const row of rows) out.push(columns.map((c) => csvField(row[c])).join(','));
  return out.join('\n') + '\n';
}

/** CSV text of every entity of a tenant, keyed by entity (file base name). */
export function tenantToCsv(data: TenantData): Record<EntityName, string> {
  return {
    warehouses: toCsv(data.warehouses, ENTITY_COLUMNS.warehouses),
    products: toCsv(data.products, ENTITY_COLUMNS.products),
    inventory_lots: toCsv(data.lots, ENTITY_COLUMNS.inventory_lots),
    customers: toCsv(data.customers, ENTITY_COLUMNS.customers),
    orders: toCsv(data.orders, ENTITY_COLUMNS.orders),
    inbound_shipments: toCsv(data.inboundShipments, ENTITY_COLUMNS.inbound_shipments),
  };
}
